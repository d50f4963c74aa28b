import { existsSync, readFileSync } from 'node:fs';

/** The command line of host process `pid` (arguments joined by spaces), or undefined when there is none. */
export function commandLineOf(pid: number): string | undefined {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return undefined;
  return readFileSync(file).toString().split('\0').filter(Boolean).join(' ');
}

/** Sends `signal` to host process `pid` directly, as `kill` would. */
export function signalProcess(pid: number, signal: string): void {
  process.kill(pid, signal as NodeJS.Signals);
}
