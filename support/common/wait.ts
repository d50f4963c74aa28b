import { setTimeout as delay } from 'node:timers/promises';
import { timed } from './op-timings';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** What was being waited for, and the last state seen: it becomes the timeout's message. */
  describe: (lastError: string | undefined) => string;
}

/**
 * Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs`
 * with `describe(...)`. The one way the kit waits: it never sleeps for a fixed time.
 */
export function waitFor<T>(check: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  return timed('wait', '', () => waitUntil(check, options));
}

async function waitUntil<T>(check: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.intervalMs ?? 50;
  let lastError: string | undefined;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`${options.describe(lastError)} (gave up after ${options.timeoutMs} ms)`);
    }
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
    interval = Math.min(interval * 2, 500);
  }
}
