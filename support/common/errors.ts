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
 * that the harness broke: the one test every report uses.
 */
export function isViolation(exceptionType: string | undefined): boolean {
  return exceptionType === 'ClaimViolation';
}

/** The message of anything thrown, without its stack. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
