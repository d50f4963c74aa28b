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
  override readonly name = 'ClaimViolation';
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
 * Whether a failed step's exception means the claim did not hold (a ClaimViolation), not
 * that the harness broke.
 */
export function isViolation(exceptionType: string | undefined): boolean {
  return exceptionType === 'ClaimViolation';
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
