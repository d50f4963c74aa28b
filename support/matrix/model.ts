import { sayReason } from '../common/reasons-en';
import type { EngineFingerprint } from '../engine/fingerprint';
import { type ConformanceReport, skipRecord } from '../reports/conformance';
import type { ClaimDetail } from '../reports/details';
import type { ScenarioRun } from '../reports/messages';
import type { Claim } from '../run/claims';
import { compare, type Expectation, type Expectations } from './expectations';
import { whereItHolds } from './ranges';
import type { Target } from './targets';

/**
 * How an engine's part of the matrix ended: it ran; the engine failed (did not come up, or
 * died); it stopped answering mid-run and did not come back (KIT_ENGINE_WAIT); the kit refused to start on it (one line, exit 2: no engine answering, a CLI the
 * engine refuses); the kit failed; the matrix was interrupted; it never got there; or, in a
 * merge, no bundle of it was found.
 */
export type EngineStatus =
  | 'ran'
  | 'engine failed'
  | 'engine went away'
  | 'kit refused'
  | 'kit failed'
  | 'interrupted'
  | 'not reached'
  | 'not reported';

/** What one engine's run left: the matrix is made from these. */
export interface EngineRun {
  target: Target;
  title: string;
  status: EngineStatus;
  /** Why it did not run to the end, and the last lines of the engine's log. */
  failure?: string;
  logTail?: string;
  seconds: number;
  /** The engine's reports folder, relative to the matrix's. */
  reports: string;
  report?: ConformanceReport;
  scenarios: ScenarioRun[];
  expectations?: Expectations;
  /** Where and when each attempt ran (a merge may have several of one engine). */
  ranOn?: RanOn[];
  /** In a merge of bundles of different kits (--allow-mixed): this column's kit, catalog and features. */
  mixed?: string;
}

/** Where and when an engine's run happened. */
export interface RanOn {
  host: string;
  ci?: string;
  startedAt: string;
}

/** A column: one engine, as a reader tells engines apart. */
export interface MatrixColumn {
  id: string;
  title: string;
  product: string;
  version: string;
  imageStore: string;
  builder: string;
  status: EngineStatus;
  failure?: string;
  logTail?: string;
  seconds: number;
  totals?: Record<string, number>;
  reports: string;
  hasExpectations: boolean;
  ranOn: RanOn[];
  mixed?: string;
}

export interface MatrixCell {
  outcome: string;
  /** Why it ended so, as data (reports/details.ts): each edition says it in its language. */
  reason: ClaimDetail;
  expected?: Expectation;
  /** Set when the outcome is not what the engine's expectations say. */
  drift?: string;
  /** That engine's transcript of the claim, relative to the matrix. */
  link?: string;
}

/** The first step whose outcome differs across engines, with each engine's transcript of it. */
export interface Comparison {
  scenario: string;
  step: string;
  sides: Record<string, { status: string; text: string }>;
}

export interface MatrixRow extends Claim {
  cells: Record<string, MatrixCell>;
  /** Where the claim holds, per product as version ranges, and where it diverges and why. */
  ranges: string;
  differs: boolean;
  comparison?: Comparison;
}

export interface Matrix {
  schema: 2;
  startedAt: string;
  seconds: number;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** Every claim × engine whose outcome is not what was expected, and every engine that did not run. */
  drift: { engine: string; claim?: string; drift: string }[];
}

/** The matrix of claims × engines from each engine's run, judged against its expectations. */
export function buildMatrix(catalog: Claim[], runs: EngineRun[], startedAt: Date, seconds?: number): Matrix {
  const columns = runs.map(columnOf);
  const drift: Matrix['drift'] = runs
    .filter((run) => run.status !== 'ran')
    .map((run) => ({
      engine: run.target.id,
      drift: run.failure ? `${run.status}: ${run.failure}` : run.status,
    }));
  for (const run of runs.filter((r) => (r.report?.leaks ?? []).length > 0)) {
    drift.push({ engine: run.target.id, drift: `the run leaked ${run.report?.leaks.join(', ')}` });
  }
  const rows = catalog.map((claim): MatrixRow => {
    const cells: Record<string, MatrixCell> = {};
    for (const run of runs) {
      const cell = cellOf(run, claim.id);
      cells[run.target.id] = cell;
      if (cell.drift) drift.push({ engine: run.target.id, claim: claim.id, drift: cell.drift });
    }
    const ran = runs.filter((r) => r.status === 'ran');
    const differs = new Set(ran.map((r) => cells[r.target.id]?.outcome)).size > 1;
    return {
      ...claim,
      cells,
      ranges: whereItHolds(columns, cells),
      differs,
      comparison: differs ? compareSteps(ran, claim.id) : undefined,
    };
  });
  return {
    schema: 2,
    startedAt: startedAt.toISOString(),
    seconds: seconds ?? Math.round((Date.now() - startedAt.getTime()) / 1000),
    columns,
    rows,
    drift,
  };
}

function columnOf(run: EngineRun): MatrixColumn {
  const engine = run.report?.engine as (EngineFingerprint & { builders?: string[] }) | undefined;
  return {
    id: run.target.id,
    title: run.title,
    product: engine?.product ?? '?',
    version: engine?.serverVersion ?? '?',
    imageStore: engine?.imageStore ?? '?',
    builder: engine?.builders?.join(' + ') ?? (engine ? 'legacy' : '?'),
    status: run.status,
    failure: run.failure,
    logTail: run.logTail,
    seconds: run.seconds,
    totals: run.report?.totals,
    reports: run.reports,
    hasExpectations: run.expectations !== undefined,
    ranOn: run.ranOn ?? (run.report ? [ranOnOf(run.report)] : []),
    ...(run.mixed ? { mixed: run.mixed } : {}),
  };
}

/** Where and when a run happened, from its report. */
export function ranOnOf(report: ConformanceReport): RanOn {
  return {
    host: report.host.name,
    ...(report.host.ci ? { ci: report.host.ci } : {}),
    startedAt: report.startedAt,
  };
}

function cellOf(run: EngineRun, claim: string): MatrixCell {
  const expected = run.expectations?.get(claim);
  if (run.status !== 'ran' || !run.report) {
    return {
      outcome: run.status,
      reason: {
        code: 'engine-did-not-run',
        status: run.status,
        ...(run.failure ? { said: run.failure } : {}),
      },
      expected,
    };
  }
  const result = run.report.claims.find((c) => c.id === claim);
  const outcome = result?.outcome ?? 'not run';
  const verdict = compare(outcome, expected);
  return {
    outcome,
    reason: result?.reason ?? { code: 'not-selected' },
    expected,
    drift: verdict.ok ? undefined : verdict.drift,
    link: `${run.reports}/claims/${claim}.html`,
  };
}

/**
 * For a claim whose outcome differs: the first of its scenarios whose steps ended differently
 * on some engine, and that step's transcripts on each.
 */
function compareSteps(runs: EngineRun[], claim: string): Comparison | undefined {
  const ofClaim = new Map(
    runs.map((r) => [r.target.id, r.scenarios.filter((s) => s.claims.includes(claim))]),
  );
  const names = [...new Set([...ofClaim.values()].flat().map((s) => s.name))];
  for (const name of names) {
    const scenarios = new Map(
      [...ofClaim].map(([id, list]) => [id, list.find((s) => s.name === name)] as const),
    );
    const stepsOf = (id: string) => scenarios.get(id)?.steps.filter((s) => s.gherkin) ?? [];
    const length = Math.max(...[...scenarios.keys()].map((id) => stepsOf(id).length));
    for (let i = 0; i < length; i++) {
      const statuses = new Set([...scenarios.keys()].map((id) => stepsOf(id)[i]?.status ?? 'NOT RUN'));
      if (statuses.size < 2) continue;
      const step = [...scenarios.keys()].map((id) => stepsOf(id)[i]?.text).find(Boolean) ?? '';
      const sides: Comparison['sides'] = {};
      for (const [id, scenario] of scenarios) {
        const ran = stepsOf(id)[i];
        sides[id] = ran
          ? { status: ran.status, text: sideText(ran, scenario as ScenarioRun) }
          : { status: 'NOT RUN', text: 'this engine did not run the scenario' };
      }
      return { scenario: name, step, sides };
    }
  }
  return undefined;
}

/** What an engine showed for a step: its transcripts, and the failure if it failed. */
function sideText(step: ScenarioRun['steps'][number], scenario: ScenarioRun): string {
  if (step.status === 'SKIPPED') {
    const record = skipRecord(scenario.steps);
    return record ? `skipped: ${sayReason(record.why)}` : 'skipped: an earlier step failed';
  }
  const transcripts = step.attachments.filter((a) => a.mediaType.startsWith('text/')).map((a) => a.body);
  return [...transcripts, ...(step.message ? [`✗ ${step.message}`] : [])].join('\n\n') || '(no transcript)';
}
