import { stepEnding } from '../common/errors';
import type { Reason } from '../common/reasons';
import { recordsIn, type ScenarioRecord } from '../common/records';
import type { EngineFingerprint } from '../engine/fingerprint';
import { describeEngine } from '../engine/fingerprint';
import type { ObservedFrom } from '../host/host-access';
import type { BundleFacts } from '../run/bundle-facts';
import type { Claim } from '../run/claims';
import type { Outage } from '../run/outage';
import type { ClaimDetail, ScenarioDetail, YourMachineSeen } from './details';
import { sayDetailEn } from './details-en';
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
  /** Why it ended so, as data: the reports render it in each language (details.ts). */
  reason: ScenarioDetail;
  /** The reason in English, for a reader of the JSON; no report reads it back. */
  detail: string;
  /** Its looks at the engine's host and ports, each with where it was made from (see common/records.ts). */
  observations?: Observation[];
  /** Where the engine's host is not this machine: what this machine saw of the published ports. */
  yourMachine?: YourMachineSeen;
}

/** A look at the engine's host: the command the kit ran, where it was made from, and the same on the engine's host where that differs. */
export interface Observation {
  command: string;
  observedFrom: ObservedFrom;
  onEngineHost?: string;
}

export interface ClaimResult extends Claim {
  outcome: Outcome;
  /** Why it ended so, as data (details.ts). */
  reason: ClaimDetail;
  /** The reason in English, for a reader of the JSON; no report reads it back. */
  detail: string;
  scenarios: ReportedScenario[];
}

export type JudgedScenario = ScenarioResult & { claims: string[]; durationMs: number };

/** A scenario as the report lists it under its claim: its outcome, detail and time. */
export type ReportedScenario = ScenarioResult & { durationMs: number };

/** Each scenario's outcome, from the scenarios of a run as cucumber's messages tell them. */
export function scenarioResults(runs: readonly ScenarioRun[]): JudgedScenario[] {
  return runs.map((run) => {
    const { outcome, reason } = judge(run);
    return {
      name: run.name,
      uri: run.uri,
      claims: run.claims,
      durationMs: run.durationMs,
      outcome,
      reason,
      detail: sayDetailEn(reason),
      ...lookedFrom(run),
    };
  });
}

const recordsOf = (steps: readonly StepRun[]): ScenarioRecord[] =>
  steps.flatMap((s) => recordsIn(s.attachments));

/** The scenario's looks at the engine's host and ports, and what your machine saw, from its records. */
function lookedFrom(run: ScenarioRun): Pick<ScenarioResult, 'observations' | 'yourMachine'> {
  const records = recordsOf(run.steps);
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
  return {
    ...(observations.length > 0 ? { observations } : {}),
    ...(mine?.kind === 'your-machine'
      ? { yourMachine: { url: mine.url, answered: mine.answered, answer: mine.answer } }
      : {}),
  };
}

/** Why a scenario was skipped or not run, from its records (the Before hook's). */
export function skipRecord(
  steps: readonly StepRun[],
): Extract<ScenarioRecord, { kind: 'skipped' | 'not-run' }> | undefined {
  for (const record of recordsOf(steps))
    if (record.kind === 'skipped' || record.kind === 'not-run') return record;
  return undefined;
}

/**
 * A scenario ends as the worst of its steps and hooks (`stepEnding`): failed when a step saw
 * its claim not hold and nothing else went wrong; a harness error when any step or hook broke,
 * also after the claim failed (a cleanup that could not undo what the scenario made is the
 * kit's defect, which an expected failure must not hide).
 */
function judge(run: ScenarioRun): { outcome: ScenarioResult['outcome']; reason: ScenarioDetail } {
  const ended = endingOf(run.steps);
  if (ended.outcome === 'passed') {
    const retried = earlierFailure(run);
    if (retried) return { outcome: 'flaky', reason: retried };
  }
  return ended;
}

function endingOf(steps: readonly StepRun[]): { outcome: ScenarioResult['outcome']; reason: ScenarioDetail } {
  const ending = (s: StepRun) => stepEnding(s.status, s.exceptionType);
  const violated = steps.find((s) => ending(s) === 'failed');
  const broken = steps.find((s) => ending(s) === 'error');
  const claimFailed = violated && violationOf(violated);
  if (broken) {
    const reason: ScenarioDetail = {
      code: 'harness-error',
      ...stepOf(broken),
      status: broken.status,
      ...(broken.status === 'FAILED'
        ? { exception: broken.exceptionType ?? 'error', message: firstLine(broken.message ?? broken.status) }
        : {}),
      ...(claimFailed ? { after: claimFailed } : {}),
    };
    return { outcome: 'error', reason };
  }
  if (claimFailed) return { outcome: 'failed', reason: claimFailed };
  const setUpRefused = steps.find((s) => s.status === 'FAILED' && ending(s) === 'skipped');
  if (setUpRefused) {
    const record = recordsIn(setUpRefused.attachments).find((r) => r.kind === 'not-verified');
    const why: Reason =
      record?.kind === 'not-verified'
        ? record.why
        : { code: 'said', text: firstLine(setUpRefused.message ?? '') };
    return { outcome: 'skipped', reason: { code: 'not-verified', ...stepOf(setUpRefused), why } };
  }
  if (steps.some((s) => ending(s) === 'skipped')) {
    const record = skipRecord(steps);
    if (record?.kind === 'not-run')
      return { outcome: 'not run', reason: { code: 'not-run', why: record.why } };
    return { outcome: 'skipped', reason: { code: 'skipped', ...(record ? { why: record.why } : {}) } };
  }
  return { outcome: 'passed', reason: { code: 'passed' } };
}

/** What a step that saw its claim not hold recorded of it; its message where it recorded nothing. */
function violationOf(step: StepRun): ScenarioDetail {
  const record = recordsIn(step.attachments).find((r) => r.kind === 'violation');
  if (record?.kind === 'violation') {
    const { kind: _, ...violation } = record;
    return { code: 'violated', ...stepOf(step), ...violation };
  }
  return { code: 'step-failed', ...stepOf(step), message: firstLine(step.message ?? step.status) };
}

/**
 * A scenario that passed on a later attempt (`--retry`): how its first attempt that did not
 * pass ended, or undefined when it passed at once.
 */
function earlierFailure(run: ScenarioRun): ScenarioDetail | undefined {
  const attempts = run.earlierAttempts ?? [];
  const index = attempts.findIndex((steps) =>
    steps.some((s) => ['failed', 'error'].includes(stepEnding(s.status, s.exceptionType))),
  );
  if (index === -1) return undefined;
  const earlier = endingOf(attempts[index] ?? []);
  return {
    code: 'flaky',
    attempts: attempts.length + 1,
    attempt: index + 1,
    ended: earlier.outcome === 'error' ? 'error' : 'failed',
    earlier: earlier.reason,
  };
}

const stepOf = (step: StepRun): { step?: string } =>
  step.gherkin ? { step: step.text.replace(/^\S+ /, '') } : {};

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? text
  );
}

/** A claim's result with its reason, and that reason in English beside it. */
function resulted(
  claim: Claim,
  outcome: Outcome,
  reason: ClaimDetail,
  scenarios: ReportedScenario[],
): ClaimResult {
  const refinement = outcome === 'refined' ? claim.refinement : undefined;
  return { ...claim, outcome, reason, detail: sayDetailEn(reason, undefined, refinement), scenarios };
}

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
        ? resulted(claim, 'not run', { code: 'not-selected' }, [])
        : resulted(claim, 'not covered', { code: 'not-covered' }, []);
    }
    for (const outcome of ['error', 'failed', 'flaky'] as const) {
      const first = ran.find((s) => s.outcome === outcome);
      if (first)
        return resulted(
          claim,
          outcome,
          { code: 'in-scenario', scenario: first.name, outcome, detail: first.reason },
          ran,
        );
    }
    if (ran.every((s) => s.outcome === 'not run')) {
      return resulted(claim, 'not run', ran[0]?.reason ?? { code: 'not-selected' }, ran);
    }
    const passed = ran.filter((s) => s.outcome === 'passed').length;
    if (passed > 0) {
      const others = ran.filter((s) => s.outcome !== 'passed');
      const other = others[0];
      const mine = ran.find((s) => s.yourMachine)?.yourMachine;
      const reason: ClaimDetail = {
        code: 'held',
        passed,
        ...(other ? { others: { count: others.length, outcome: other.outcome, detail: other.reason } } : {}),
        ...(mine ? { yourMachine: mine } : {}),
      };
      return resulted(claim, claim.refinement ? 'refined' : 'passed', reason, ran);
    }
    return resulted(claim, 'skipped', ran[0]?.reason ?? { code: 'skipped' }, ran);
  });
}

/** The version of conformance.json's shape; a reader can refuse one it does not know. */
export const REPORT_SCHEMA = 4;

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
