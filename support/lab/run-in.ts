import { spawn } from 'node:child_process';
import { kitEnvironment, type LabEngine } from './lab-engine';

/**
 * Runs `argv` in the engine's network namespace with the engine's environment (DOCKER_HOST,
 * the suite's docker CLI), its output ours; resolves with its exit code. `ip netns exec`
 * also gives it the namespace's own /sys and /etc/netns files, so the host it sees is the engine's.
 */
export function runInEngine(engine: LabEngine, argv: string[]): Promise<number> {
  const child = spawn('ip', ['netns', 'exec', engine.netns, ...argv], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...kitEnvironment(engine) },
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 128)));
  });
}
