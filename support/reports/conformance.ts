import { stepEnding } from '../common/errors';
import type { EngineFingerprint } from '../engine/fingerprint';
import { describeEngine } from '../engine/fingerprint';
import type { ObservedFrom } from '../host/host-access';
import type { BundleFacts } from '../run/bundle-facts';
import type { Claim } from '../run/claims';
import { NOT_RUN_PREFIX, SKIP_PREFIX } from '../run/needs';
import type { Outage } from '../run/outage';
import { RECORD_MEDIA_TYPE, type TranscriptRecord } from '../scenario/transcript';
import type { ScenarioRun, StepRun } from './messages';

/**
 * How a claim came out on an engine. `refined`: it holds, as the kit refines it (what really
 * happens is narrower or other than the notes say; the catalog's "Refine"). `flaky`: attempts
 * of it disagreed (one failed, another passed).
 */
export type Outcome =
  | 'passed'
  | 'refined'
  | 'failed'
  | 'flaky'
  | 'skipped'
  | 'error'
  | 'not run'
  | 'not covered';

export interface ScenarioResult {
  name: string;
  uri: string;
  outcome: Exclude<Outcome, 'not covered' | 'refined'>;
  /** The first failing step's message, the skip's reason, or the harness's error. */
  detail: string;
  /** Its looks at the engine's host and ports, each with where it was made from (see transcript.ts). */
  observations?: Observation[];
  /** Where the engine's host is not this machine: what this machine saw of the published ports. */
  yourMachine?: string;
}

/** A look at the engine's host: the command the kit ran, where it was made from, and the same on the engine's host where that differs. */
export interface Observation {
  command: string;
  observedFrom: ObservedFrom;
  onEngineHost?: string;
}

export interface ClaimResult extends Claim {
  outcome: Outcome;
  detail: string;
  scenarios: ReportedScenario[];
}

export type JudgedScenario = ScenarioResult & { claims: string[]; durationMs: number };

/** A scenario as the report lists it under its claim: its outcome, detail and time. */
export type ReportedScenario = ScenarioResult & { durationMs: number };

/** Each scenario's outcome, from the scenarios of a run as cucumber's messages tell them. */
export function scenarioResults(runs: readonly ScenarioRun[]): JudgedScenario[] {
  return runs.map((run) => ({
    name: run.name,
    uri: run.uri,
    claims: run.claims,
    durationMs: run.durationMs,
    ...judge(run),
    ...lookedFrom(run),
  }));
}

/** The scenario's looks at the engine's host and ports, and what your machine saw, from its records. */
function lookedFrom(run: ScenarioRun): Pick<ScenarioResult, 'observations' | 'yourMachine'> {
  const records = run.steps.flatMap((step) =>
    step.attachments
      .filter((a) => a.mediaType === RECORD_MEDIA_TYPE)
      .map((a) => JSON.parse(a.body) as TranscriptRecord),
  );
  const observations = records.flatMap((r) =>
    r.kind === 'look'
      ? [
          {
            command: r.command,
            observedFrom: r.observedFrom,
            ...(r.onEngineHost ? { onEngineHost: r.onEngineHost } : {}),
          },
        ]
      : [],
  );
  const mine = records.find((r) => r.kind === 'your-machine');
  const yourMachine =
    mine?.kind === 'your-machine'
      ? `${mine.url} ${mine.answered ? 'answers too (something forwards the port here)' : `does not answer (${mine.answer}): nothing forwards the engine host's port to this machine`}`
      : undefined;
  return {
    ...(observations.length > 0 ? { observations } : {}),
    ...(yourMachine ? { yourMachine } : {}),
  };
}

/** The skip's reason, which the Before hook logs. */
export function skipReason(run: ScenarioRun): string | undefined {
  for (const step of run.steps) {
    const logged = step.attachments.find((a) => a.body.startsWith(SKIP_PREFIX));
    if (logged) return logged.body.slice(SKIP_PREFIX.length);
  }
  return undefined;
}

/**
 * A scenario ends as the worst of its steps and hooks (`stepEnding`): failed when a step saw
 * its claim not hold and nothing else went wrong; a harness error when any step or hook broke,
 * also after the claim failed (a cleanup that could not undo what the scenario made is the
 * kit's defect, which an expected failure must not hide).
 */
function judge(run: ScenarioRun): Pick<ScenarioResult, 'outcome' | 'detail'> {
  const ending = (s: StepRun) => stepEnding(s.status, s.exceptionType);
  const violated = run.steps.find((s) => ending(s) === 'failed');
  const broken = run.steps.find((s) => ending(s) === 'error');
  const claimFailed = violated && `${where(violated)}: ${firstLine(violated.message ?? violated.status)}`;
  if (broken) {
    const what =
      broken.status === 'FAILED'
        ? `${broken.exceptionType ?? 'error'}: ${firstLine(broken.message ?? broken.status)}`
        : `${broken.status.toLowerCase()} step`;
    const after = claimFailed ? ` (after the claim failed: ${claimFailed})` : '';
    return { outcome: 'error', detail: `harness error in ${where(broken)}: ${what}${after}` };
  }
  if (claimFailed) return { outcome: 'failed', detail: claimFailed };
  const setUpRefused = run.steps.find((s) => s.status === 'FAILED' && ending(s) === 'skipped');
  if (setUpRefused) {
    return {
      outcome: 'skipped',
      detail: `${DETAIL.notVerified}in ${where(setUpRefused)}, ${firstLine(setUpRefused.message ?? '')}`,
    };
  }
  if (run.steps.some((s) => ending(s) === 'skipped')) {
    const reason = skipReason(run) ?? 'skipped';
    // Not skipped for what it needs, but never run: the engine had gone away.
    if (reason.startsWith(NOT_RUN_PREFIX))
      return { outcome: 'not run', detail: reason.slice(NOT_RUN_PREFIX.length) };
    return { outcome: 'skipped', detail: reason };
  }
  const retried = earlierFailure(run);
  return retried ? { outcome: 'flaky', detail: retried } : { outcome: 'passed', detail: '' };
}

/**
 * A scenario that passed on a later attempt (`--retry`): what its first attempt that did not
 * pass ended with, or undefined when it passed at once.
 */
function earlierFailure(run: ScenarioRun): string | undefined {
  const index = (run.earlierAttempts ?? []).findIndex((steps) =>
    steps.some((s) => ['failed', 'error'].includes(stepEnding(s.status, s.exceptionType))),
  );
  if (index === -1) return undefined;
  const steps = run.earlierAttempts?.[index] ?? [];
  const bad = steps.find((s) =>
    ['failed', 'error'].includes(stepEnding(s.status, s.exceptionType)),
  ) as StepRun;
  const attempts = (run.earlierAttempts?.length ?? 0) + 1;
  return `passed on attempt ${attempts} of ${attempts}; attempt ${index + 1} ${stepEnding(bad.status, bad.exceptionType)} in ${where(bad)}: ${firstLine(bad.message ?? bad.status)}`;
}

function where(step: StepRun): string {
  return step.gherkin ? `step "${step.text.replace(/^\S+ /, '')}"` : 'a hook';
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
 * The kit's own words in a claim's detail, around what its scenarios recorded. The book and
 * the matrix read them back to say them in another language (i18n/details.ts).
 */
export const DETAIL = {
  notSelected: 'its scenarios were not selected in this run',
  notCovered: 'no scenario is tagged with this claim yet',
  notVerified: 'not verified: ',
  passed: ' scenario(s) passed',
  yourMachine: "; on the engine's host. Your machine: ",
  refined: 'what really happens: ',
} as const;

/**
 * One row per catalog claim: error if the harness broke in any of its scenarios (so an
 * expected failure cannot hide a kit defect); else failed if any saw the claim not hold; else
 * passed if any passed; else skipped; not run when its scenarios were filtered out; not
 * covered when no scenario is tagged with it.
 */
export function claimResults(
  catalog: Claim[],
  scenarios: Iterable<JudgedScenario>,
  tagged: Set<string>,
): ClaimResult[] {
  const byClaim = new Map<string, ReportedScenario[]>();
  for (const { claims, ...scenario } of scenarios) {
    for (const id of claims) byClaim.set(id, [...(byClaim.get(id) ?? []), scenario]);
  }
  return catalog.map((claim) => {
    const ran = byClaim.get(claim.id) ?? [];
    if (ran.length === 0) {
      return tagged.has(claim.id)
        ? {
            ...claim,
            outcome: 'not run',
            detail: DETAIL.notSelected,
            scenarios: [],
          }
        : {
            ...claim,
            outcome: 'not covered',
            detail: DETAIL.notCovered,
            scenarios: [],
          };
    }
    for (const outcome of ['error', 'failed', 'flaky'] as const) {
      const first = ran.find((s) => s.outcome === outcome);
      if (first) return { ...claim, outcome, detail: `${first.name}: ${first.detail}`, scenarios: ran };
    }
    if (ran.every((s) => s.outcome === 'not run')) {
      return { ...claim, outcome: 'not run', detail: ran[0]?.detail ?? '', scenarios: ran };
    }
    const passed = ran.filter((s) => s.outcome === 'passed').length;
    if (passed > 0) {
      const others = ran.filter((s) => s.outcome !== 'passed');
      const other = others[0];
      const mine = ran.find((s) => s.yourMachine)?.yourMachine;
      const detail = `${passed}${DETAIL.passed}${other ? `, ${others.length} ${other.outcome}: ${other.detail}` : ''}${mine ? `${DETAIL.yourMachine}${mine}` : ''}`;
      if (claim.refinement)
        return {
          ...claim,
          outcome: 'refined',
          detail: `${DETAIL.refined}${claim.refinement} (${detail})`,
          scenarios: ran,
        };
      return { ...claim, outcome: 'passed', detail, scenarios: ran };
    }
    return { ...claim, outcome: 'skipped', detail: ran[0]?.detail ?? '', scenarios: ran };
  });
}

/** The version of conformance.json's shape; a reader can refuse one it does not know. */
export const REPORT_SCHEMA = 3;

/** What makes two runs comparable: which kit, which CLI, when, how long, which scenarios. */
export interface RunFacts {
  kit: { version: string; commit: string };
  cli: { path: string; version: string };
  startedAt: string;
  seconds: number;
  /** The tag expressions and profiles the run was given (none: every scenario). */
  selection: { tags: string[]; profiles: string[] };
  /** Objects of the run that outlived the scenarios that made them (removed at the end): a defect of the kit's. */
  leaks: string[];
  /** The engine stopped answering and did not come back within KIT_ENGINE_WAIT: the run stopped there. */
  outage?: Outage;
  /** Times the engine stopped answering and came back within KIT_ENGINE_WAIT: the run went on. */
  outagesSurvived?: Outage[];
}

export interface ConformanceReport extends RunFacts, BundleFacts {
  schema: typeof REPORT_SCHEMA;
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
    refined: 0,
    failed: 0,
    flaky: 0,
    skipped: 0,
    error: 0,
    'not run': 0,
    'not covered': 0,
  };
  for (const claim of claims) totals[claim.outcome]++;
  return totals;
}

/** Totals as a line: the outcomes that occurred, with their counts ("45 passed, 6 refined, 1 skipped"). */
export function describeTotals(totals: Record<Outcome, number>): string {
  return Object.entries(totals)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}

export const MARK: Record<Outcome, string> = {
  passed: '✅ passed',
  refined: '🔶 holds, refined',
  failed: '❌ failed',
  flaky: '🔁 flaky',
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
    `Run \`${report.runId}\`, started ${report.startedAt}, ${report.seconds} s${report.interrupted ? ' — **interrupted**: claims not reached are listed as not run' : ''}. Kit ${report.kit.version} (${report.kit.commit}), docker CLI ${report.cli.version}${report.selection.tags.length ? `, tags ${report.selection.tags.map((t) => `\`${t}\``).join(', ')}` : ''}.`,
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
