import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import type { LabEngine } from './engine';

/**
 * Runs `argv` in the engine's network namespace with the engine's environment (DOCKER_HOST,
 * the suite's docker CLI) plus `env`; resolves with its exit code. `ip netns exec` also
 * gives it the namespace's own /sys, so the host's interfaces it sees are the engine's.
 * Output goes to `logFile` when given, else to ours.
 */
export function runInEngine(
  engine: LabEngine,
  argv: string[],
  env: Record<string, string>,
  logFile?: string,
): Promise<number> {
  const output = logFile ? openSync(logFile, 'a') : 'inherit';
  const child = spawn('ip', ['netns', 'exec', engine.netns, ...argv], {
    stdio: ['ignore', output, output],
    env: { ...process.env, ...engine.env, ...env },
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 128)));
  });
}
