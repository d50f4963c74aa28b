import type { Reason } from './reasons';
import { sayReason } from './reasons-en';

/**
 * A problem with the kit's setup (no engine, no registry, a bad option), not with Docker's
 * behaviour. The runner prints it as one line, with what to do about it, and exits non-zero.
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${problem} ${remedy}`);
  }
}

/**
 * A claim did not hold on this engine. The message names the claim, what was expected,
 * what was seen and how to reproduce it by hand; the conformance summary reports it as
 * "failed" (any other exception in a scenario is reported as a harness "error").
 */
export class ClaimViolation extends Error {
  override readonly name: string = 'ClaimViolation';
  constructor(
    readonly claim: string,
    readonly expected: string,
    readonly seen: string,
    readonly reproduce?: string,
  ) {
    super(
      [`${claim}: expected ${expected}`, `but saw ${seen}`, reproduce ? `reproduce: ${reproduce}` : '']
        .filter(Boolean)
        .join('; '),
    );
  }
}

/**
 * The engine refused, or failed at, what a scenario asked of it: it answered an action with an
 * error (an HTTP error from its API, or the CLI's failure carrying the engine's words). That is
 * a finding about the engine, so the claim fails, naming the engine's answer. Like the error
 * it replaces, it carries the HTTP status and body, for a step that expects a refusal.
 */
export class EngineRefusal extends ClaimViolation {
  override readonly name: string = 'EngineRefusal';
  constructor(
    claim: string,
    readonly command: string,
    readonly answer: string,
    readonly statusCode?: number,
    readonly json?: unknown,
  ) {
    super(claim, `the engine to carry out \`${command}\``, `it answered: ${answer}`, command);
  }
}

/**
 * The engine refused, or failed at, a set-up step of a scenario (a Given): something the check
 * needs on the way, not what its claim is about. Not the kit's fault, and not a finding about
 * the claim either: the claim is not verified on this engine, and the engine's answer says why.
 */
export class EngineRefusedSetUp extends Error {
  override readonly name = 'EngineRefusedSetUp';
  constructor(
    readonly command: string,
    readonly answer: string,
    readonly statusCode?: number,
    readonly json?: unknown,
  ) {
    super(`the engine refused a step the check needs on the way, \`${command}\`: ${answer}`);
  }
}

/**
 * The kit cannot look where the claim is about, for a reason of the engine's own (it refused
 * the helper container the kit reads its host through; its published ports are nowhere the kit
 * can ask): the claim is not verified there, the reason saying what was tried where. Never a
 * failure, and never the kit's error.
 */
export class NotVerifiable extends Error {
  override readonly name = 'NotVerifiable';
  constructor(readonly reason: Reason) {
    super(sayReason(reason));
  }
}

/**
 * The engine under test did not answer at all (its socket refused or was gone, the connection
 * dropped): not a finding about any claim. The scenario in flight is an error naming the
 * outage, and the run waits for the engine (KIT_ENGINE_WAIT).
 */
export class EngineUnreachable extends Error {
  override readonly name = 'EngineUnreachable';
  constructor(
    readonly endpoint: string,
    readonly why: string,
  ) {
    super(`the engine at ${endpoint} stopped answering (${why})`);
  }
}

/**
 * Whether a failed step's exception means the claim did not hold (a ClaimViolation, or the
 * engine refusing what the claim asked of it), not that the harness broke.
 */
export function isViolation(exceptionType: string | undefined): boolean {
  return exceptionType === 'ClaimViolation' || exceptionType === 'EngineRefusal';
}

/** How a step or hook ended, in the kit's terms: `failed` is the claim seen not to hold, `error` the harness broken. */
export type StepEnding = 'passed' | 'skipped' | 'failed' | 'error';

/**
 * The one judgement of a step's or hook's result every report uses (conformance, junit,
 * Allure, the progress line, the matrix's). A scenario ends as the worst of its steps (see
 * `worseEnding`): a harness error outranks a violated claim, so an expected failure cannot
 * hide a kit defect.
 */
export function stepEnding(status: string, exceptionType: string | undefined): StepEnding {
  if (status === 'PASSED') return 'passed';
  if (status === 'SKIPPED') return 'skipped';
  // The engine refused a set-up step: the claim could not be verified there (see fault.ts).
  if (status === 'FAILED' && (exceptionType === 'EngineRefusedSetUp' || exceptionType === 'NotVerifiable'))
    return 'skipped';
  return status === 'FAILED' && isViolation(exceptionType) ? 'failed' : 'error';
}

const RANK: StepEnding[] = ['passed', 'skipped', 'failed', 'error'];

/** The worse of two endings. */
export function worseEnding(a: StepEnding, b: StepEnding): StepEnding {
  return RANK.indexOf(b) > RANK.indexOf(a) ? b : a;
}

/** The message of anything thrown, without its stack. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
