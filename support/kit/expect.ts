import { ClaimViolation } from './errors';
import type { Scope } from './scope';

/**
 * Asserts what a claim says about the engine. When it does not hold, fails with a
 * ClaimViolation naming the claim, what was expected and seen, and the scenario's last
 * docker commands to reproduce it.
 */
export function expectClaim(
  scope: Scope,
  holds: boolean,
  expected: string,
  seen: () => string,
): asserts holds {
  if (holds) return;
  throw new ClaimViolation(scope.claim, expected, seen(), reproduction(scope));
}

// The kit's bookkeeping labels are not needed to reproduce anything.
const LABEL_ARGS = / --label docker-conformance-kit\.[a-z]+=\S+/g;

/** The scenario's docker commands so far (the last few), as a reader would re-run them. */
export function reproduction(scope: Scope, last = 4): string {
  return scope.transcript.entries
    .slice(-last)
    .map((entry) => (entry.command.split('\n')[0] ?? '').replace(LABEL_ARGS, ''))
    .join(' ; ');
}
