import type { Reason } from '../common/reasons';

/** What your machine saw of a published port, across a boundary. */
export interface YourMachineSeen {
  url: string;
  answered: boolean;
  answer: string;
}

/**
 * Why a scenario ended as it did, as data (a code and its parameters), made from its steps'
 * statuses and its records. `step` is the Gherkin step as written (absent: a hook); `said`,
 * `message`, `expected` and `seen` are words of the check, the engine or a tool, as recorded.
 */
export type ScenarioDetail =
  | { code: 'passed' }
  | { code: 'violated'; step?: string; claim: string; expected: string; seen: string; reproduce?: string }
  /** A step saw its claim not hold, and left no record of it (an earlier kit's step, say). */
  | { code: 'step-failed'; step?: string; message: string }
  | {
      code: 'harness-error';
      step?: string;
      status: string;
      exception?: string;
      message?: string;
      after?: ScenarioDetail;
    }
  | { code: 'not-verified'; step?: string; why: Reason }
  | { code: 'skipped'; why?: Reason }
  | { code: 'not-run'; why: Reason }
  | { code: 'flaky'; attempts: number; attempt: number; ended: 'failed' | 'error'; earlier: ScenarioDetail }
  /** An earlier schema's detail, an English sentence, kept as it was written. */
  | { code: 'recorded'; text: string };

/**
 * Why a claim ended as it did, as data. `held`: some scenario passed (a refined claim's
 * refinement is the catalog's, in each language); `in-scenario`: the first scenario that
 * failed, broke or was flaky; a scenario's own detail where its scenarios were all skipped
 * or not run. The matrix adds the attempts of one engine and an engine that did not run, and
 * an earlier schema's detail is kept as it was written (`recorded`).
 */
export type ClaimDetail =
  | ScenarioDetail
  | { code: 'not-selected' }
  | { code: 'not-covered' }
  | {
      code: 'held';
      passed: number;
      others?: { count: number; outcome: string; detail: ScenarioDetail };
      yourMachine?: YourMachineSeen;
    }
  | { code: 'in-scenario'; scenario: string; outcome: string; detail: ScenarioDetail }
  | { code: 'attempts-alike'; alike: number; of: number; detail: ClaimDetail }
  | { code: 'attempts-disagree'; attempts: { outcome: string; detail?: ClaimDetail }[] }
  | { code: 'engine-did-not-run'; status: string; said?: string };

export type DetailCode = ClaimDetail['code'];

/** Every detail code, for the check that each edition says each one. */
export const DETAIL_CODES: readonly DetailCode[] = [
  'passed',
  'violated',
  'step-failed',
  'harness-error',
  'not-verified',
  'skipped',
  'not-run',
  'flaky',
  'not-selected',
  'not-covered',
  'held',
  'in-scenario',
  'attempts-alike',
  'attempts-disagree',
  'engine-did-not-run',
  'recorded',
];

/** The violation a claim's detail names, wherever it is: the claim it names and how to reproduce it. */
export function violationIn(detail: ClaimDetail): Extract<ScenarioDetail, { code: 'violated' }> | undefined {
  if (detail.code === 'violated') return detail;
  if (detail.code === 'in-scenario') return violationIn(detail.detail);
  if (detail.code === 'attempts-alike') return violationIn(detail.detail);
  if (detail.code === 'harness-error' && detail.after) return violationIn(detail.after);
  return undefined;
}
