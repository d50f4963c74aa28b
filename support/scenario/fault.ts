import { EngineRefusal, EngineRefusedSetUp, EngineUnreachable } from '../common/errors';
import { daemonError, daemonStatus, unreachable } from '../engine/errors';
import { withoutKitLabels } from './transcript';

/** Whose a failure in a scenario is decided against: the claim it verifies, the engine it asks, the kit's registry. */
export interface Scene {
  claim: string;
  endpoint: string;
  /** host:port of the kit's own registry, when the run has one: a fault there is the kit's. */
  registry?: string;
  /** Whether the step running now sets the scenario up (a Given) rather than doing or observing what the claim is about. */
  inSetUp?: () => boolean;
}

/**
 * Whether the engine's words say the kit's own registry failed it (a server error, a refused
 * or cut connection, at the registry's address): the kit's fault, not the engine's.
 */
function kitRegistryFailed(words: string, scene: Scene): boolean {
  if (!scene.registry || !words.includes(scene.registry)) return false;
  return /\b5\d\d\b|connection refused|connection reset|EOF|timeout|no such host/i.test(words);
}

/**
 * The engine answered a step with an error: in a step doing or observing what the claim is
 * about (a When, a Then) the claim fails, naming the answer (EngineRefusal); in a set-up step
 * (a Given) the claim is not verified on this engine, the answer saying why (EngineRefusedSetUp).
 */
function refused(scene: Scene, command: string, answer: string, status?: number, json?: unknown): Error {
  const shown = withoutKitLabels(command);
  return scene.inSetUp?.()
    ? new EngineRefusedSetUp(shown, answer, status, json)
    : new EngineRefusal(scene.claim, shown, answer, status, json);
}

/**
 * The one rule of whose fault a failed action on the engine is. The engine answered with an
 * error (an HTTP status from its API): it refused or failed at what the scenario asked (see
 * `refused`). It did not answer at all: the engine went away, not a finding
 * (EngineUnreachable). A fault at the kit's own registry, and anything else (the kit's own
 * code, a reader, a fixture), stays what it is: the kit's error.
 */
export function whoseFault(error: unknown, scene: Scene, command: string): unknown {
  if (
    error instanceof EngineRefusal ||
    error instanceof EngineRefusedSetUp ||
    error instanceof EngineUnreachable
  )
    return error;
  const gone = unreachable(error);
  if (gone) return new EngineUnreachable(scene.endpoint, gone);
  const status = daemonStatus(error);
  if (status === undefined) return error;
  const words = daemonError(error).replace(/^Error response from daemon: /, '');
  if (kitRegistryFailed(words, scene)) return error;
  return refused(scene, command, `HTTP ${status}: ${words}`, status, (error as { json?: unknown }).json);
}

// What the docker CLI prints when it reaches no engine at all, in every release's words (an
// answer of the daemon's, "Error response from daemon: … connection refused", is not that).
const CLI_UNREACHABLE = /Cannot connect to the Docker daemon|error during connect/i;

/**
 * The same rule for the real docker CLI, which the kit needs to succeed (a tag, a push, a
 * save): a CLI that reached no engine is the engine gone; one the engine answered with an
 * error is the engine refusing, its words as the answer.
 */
export function cliFault(
  run: { command: string; exitCode: number; stdout: string; stderr: string },
  scene: Scene,
): Error {
  const words = (run.stderr || run.stdout).trim();
  if (CLI_UNREACHABLE.test(words) && !/Error response from daemon/i.test(words))
    return new EngineUnreachable(scene.endpoint, words.split('\n')[0] ?? '');
  if (kitRegistryFailed(words, scene))
    return new Error(`the kit's registry failed: ${words.split('\n').at(-1)}`);
  return refused(
    scene,
    run.command,
    `exit code ${run.exitCode}: ${words.split('\n').filter(Boolean).at(-1) ?? 'no output'}`,
  );
}
