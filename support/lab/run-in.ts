import { spawn } from 'node:child_process';
import { runInContainer } from './in-container';
import { kitEnvironment, type LabEngine } from './lab-engine';

/**
 * Runs `argv` where the kit stands against the engine (its network namespace, unless the
 * engine's kind stands it outside) with the engine's environment (DOCKER_HOST,
 * the suite's docker CLI), its output ours. `ip netns exec`
 * also gives it the namespace's own /sys and /etc/netns files, so the host it sees is the engine's.
 * Resolves with how it ended (its exit code, or the signal that ended it); `env` is added to its environment.
 */
export function runInEngine(
  engine: LabEngine,
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const environment = { ...process.env, ...kitEnvironment(engine), ...env };
  const [command = '', ...args] = whereTheKitStands(engine, argv, environment);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: environment });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * The command that runs `argv` (with `env`, the kit's environment) where the kit stands
 * against the engine: in its network namespace; in a container of the engine; or as it is.
 */
export function whereTheKitStands(engine: LabEngine, argv: string[], env: NodeJS.ProcessEnv): string[] {
  if (engine.stance === 'in-container') return runInContainer(engine, argv, env);
  return engine.stance ? argv : ['ip', 'netns', 'exec', engine.netns, ...argv];
}
