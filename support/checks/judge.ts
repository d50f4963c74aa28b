import { ClaimViolation } from '../common/errors';
import { reproductionOf, type Transcript } from '../scenario/transcript';
import type { Verdict } from './verdict';

/** What a check needs to name its claim and say how to reproduce what it saw. */
export interface Claimed {
  claim: string;
  transcript: Transcript;
}

/**
 * Asserts what a claim says about the engine. When it does not hold, fails with a
 * ClaimViolation naming the claim, what was expected and seen, and the scenario's last
 * docker commands to reproduce it.
 */
export function judgeClaim(scenario: Claimed, verdict: Verdict): void {
  if (verdict.holds) return;
  throw new ClaimViolation(scenario.claim, verdict.expected, verdict.seen, reproduction(scenario.transcript));
}

/** The scenario's commands so far (the last few), as a reader would re-run them. */
export function reproduction(transcript: Transcript, last = 4): string {
  return reproductionOf(transcript.entries.slice(-last));
}
