import type { Claim } from '../kit/claims';
import type { EngineFingerprint } from '../kit/engine';
import { describeEngine } from '../kit/engine';
import { SKIP_PREFIX } from '../kit/needs';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'error' | 'not run' | 'not covered';

export interface ScenarioResult {
  name: string;
  uri: string;
  outcome: Exclude<Outcome, 'not run' | 'not covered'>;
  /** The first failing step's message, the skip's reason, or the harness's error. */
  detail: string;
}

export interface ClaimResult extends Claim {
  outcome: Outcome;
  detail: string;
  scenarios: ScenarioResult[];
}

// Cucumber messages, only the fields read here.
interface Envelope {
  pickle?: {
    id: string;
    name: string;
    uri: string;
    tags: { name: string }[];
    steps: { id: string; text: string }[];
  };
  testCase?: {
    id: string;
    pickleId: string;
    testSteps: { id: string; pickleStepId?: string; hookId?: string }[];
  };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: StepResult };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
  attachment?: { testCaseStartedId?: string; body: string; mediaType: string };
}

interface StepResult {
  status: string;
  message?: string;
  exception?: { type: string; message?: string };
}

/** Types of exception that mean "the claim did not hold", as opposed to "the harness broke". */
const VIOLATIONS = new Set(['ClaimViolation', 'AssertionError']);

/** Each scenario's outcome, from the cucumber messages of a run. */
export function scenarioResults(envelopes: Envelope[]): Map<string, ScenarioResult & { claims: string[] }> {
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  const started = new Map<string, string>();
  const steps = new Map<string, { testStepId: string; result: StepResult }[]>();
  const skips = new Map<string, string>();
  const results = new Map<string, ScenarioResult & { claims: string[] }>();

  for (const envelope of envelopes) {
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase);
    if (envelope.testCaseStarted)
      started.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    const finishedStep = envelope.testStepFinished;
    if (finishedStep) {
      const list = steps.get(finishedStep.testCaseStartedId) ?? [];
      list.push({ testStepId: finishedStep.testStepId, result: finishedStep.testStepResult });
      steps.set(finishedStep.testCaseStartedId, list);
    }
    const attachment = envelope.attachment;
    if (attachment?.testCaseStartedId && attachment.body.startsWith(SKIP_PREFIX)) {
      skips.set(attachment.testCaseStartedId, attachment.body.slice(SKIP_PREFIX.length));
    }
    const finished = envelope.testCaseFinished;
    if (finished && !finished.willBeRetried) {
      const testCase = testCases.get(started.get(finished.testCaseStartedId) ?? '');
      const pickle = pickles.get(testCase?.pickleId ?? '');
      if (!testCase || !pickle) continue;
      const judged = judge(
        testCase,
        pickle,
        steps.get(finished.testCaseStartedId) ?? [],
        skips.get(finished.testCaseStartedId),
      );
      results.set(pickle.id, {
        name: pickle.name,
        uri: pickle.uri,
        claims: pickle.tags.filter((t) => t.name.startsWith('@claim:')).map((t) => t.name.slice(7)),
        ...judged,
      });
    }
  }
  return results;
}

function judge(
  testCase: NonNullable<Envelope['testCase']>,
  pickle: NonNullable<Envelope['pickle']>,
  steps: { testStepId: string; result: StepResult }[],
  skipReason: string | undefined,
): Pick<ScenarioResult, 'outcome' | 'detail'> {
  const bad = steps.find((s) => !['PASSED', 'SKIPPED'].includes(s.result.status));
  if (!bad) {
    const skipped = steps.some((s) => s.result.status === 'SKIPPED');
    return skipped
      ? { outcome: 'skipped', detail: skipReason ?? 'skipped' }
      : { outcome: 'passed', detail: '' };
  }
  const testStep = testCase.testSteps.find((s) => s.id === bad.testStepId);
  const stepText = pickle.steps.find((s) => s.id === testStep?.pickleStepId)?.text;
  const where = stepText ? `step "${stepText}"` : 'a hook';
  const message = firstLine(bad.result.exception?.message ?? bad.result.message ?? bad.result.status);
  if (bad.result.status === 'FAILED' && stepText && VIOLATIONS.has(bad.result.exception?.type ?? '')) {
    return { outcome: 'failed', detail: `${where}: ${message}` };
  }
  const what =
    bad.result.status === 'FAILED'
      ? `${bad.result.exception?.type ?? 'error'}: ${message}`
      : `${bad.result.status.toLowerCase()} step`;
  return { outcome: 'error', detail: `harness error in ${where}: ${what}` };
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? text
  );
}

/**
 * One row per catalog claim: failed if any of its scenarios saw the claim not hold; else
 * error if the harness broke; else passed if any passed; else skipped; not run when its
 * scenarios were filtered out; not covered when no scenario is tagged with it.
 */
export function claimResults(
  catalog: Claim[],
  scenarios: Iterable<ScenarioResult & { claims: string[] }>,
  tagged: Set<string>,
): ClaimResult[] {
  const byClaim = new Map<string, ScenarioResult[]>();
  for (const scenario of scenarios) {
    for (const id of scenario.claims) byClaim.set(id, [...(byClaim.get(id) ?? []), scenario]);
  }
  return catalog.map((claim) => {
    const ran = byClaim.get(claim.id) ?? [];
    if (ran.length === 0) {
      return tagged.has(claim.id)
        ? {
            ...claim,
            outcome: 'not run',
            detail: 'its scenarios were not selected in this run',
            scenarios: [],
          }
        : {
            ...claim,
            outcome: 'not covered',
            detail: 'no scenario is tagged with this claim yet',
            scenarios: [],
          };
    }
    for (const outcome of ['failed', 'error'] as const) {
      const first = ran.find((s) => s.outcome === outcome);
      if (first) return { ...claim, outcome, detail: `${first.name}: ${first.detail}`, scenarios: ran };
    }
    const passed = ran.filter((s) => s.outcome === 'passed').length;
    if (passed > 0) {
      const skipped = ran.length - passed;
      const detail = `${passed} scenario(s) passed${skipped ? `, ${skipped} skipped: ${ran.find((s) => s.outcome === 'skipped')?.detail}` : ''}`;
      return { ...claim, outcome: 'passed', detail, scenarios: ran };
    }
    return { ...claim, outcome: 'skipped', detail: ran[0]?.detail ?? '', scenarios: ran };
  });
}

export interface ConformanceReport {
  runId: string;
  finishedAt: string;
  engine: EngineFingerprint;
  interrupted: boolean;
  totals: Record<Outcome, number>;
  claims: ClaimResult[];
}

export function totalsOf(claims: ClaimResult[]): Record<Outcome, number> {
  const totals: Record<Outcome, number> = {
    passed: 0,
    failed: 0,
    skipped: 0,
    error: 0,
    'not run': 0,
    'not covered': 0,
  };
  for (const claim of claims) totals[claim.outcome]++;
  return totals;
}

const MARK: Record<Outcome, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  error: '💥 error',
  'not run': '➖ not run',
  'not covered': '⬜ not covered',
};

/** The summary as Markdown: the engine, the totals, then a row per claim. */
export function conformanceMarkdown(report: ConformanceReport): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const lines = [
    '# Conformance summary',
    '',
    `Run \`${report.runId}\`, finished ${report.finishedAt}${report.interrupted ? ' — **interrupted**: claims not reached are listed as not run' : ''}.`,
    '',
    '| Engine | |',
    '|---|---|',
    ...describeEngine(report.engine).map(([key, value]) => `| ${key} | ${cell(value)} |`),
    '',
    Object.entries(report.totals)
      .map(([outcome, count]) => `${outcome}: ${count}`)
      .join(' · '),
    '',
    '| Claim | Outcome | Claim text | Detail |',
    '|---|---|---|---|',
    ...report.claims.map((c) => `| ${c.id} | ${MARK[c.outcome]} | ${cell(c.claim)} | ${cell(c.detail)} |`),
    '',
  ];
  return lines.join('\n');
}
