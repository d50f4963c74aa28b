import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { kitCommand } from '../common/commands';
import { SetupError } from '../common/errors';
import type { EngineFingerprint } from '../engine/fingerprint';
import type { BundleFacts } from '../run/bundle-facts';
import { readCatalog, taggedClaims } from '../run/claims';
import { notAConformanceRun, OWN_FOLDERS, type OwnRun } from '../run/self-test';
import {
  type ConformanceReport,
  claimResults,
  conformanceMarkdown,
  REPORT_SCHEMA,
  type RunFacts,
  scenarioResults,
  totalsOf,
} from './conformance';
import { junitXml } from './junit';
import { readScenarioRuns } from './messages';
import { conformanceProblem } from './schema';
import { EARLIER_SCHEMA, type EarlierReport, upgradeReport } from './upgrade';

export const ROOT = join(__dirname, '..', '..');
/** Where this run's reports go: KIT_REPORTS_DIR (relative to the kit's folder), else reports/. */
export const REPORTS = resolve(ROOT, process.env.KIT_REPORTS_DIR || 'reports');
/**
 * Where one of the kit's runs for itself writes (self-tests, dry runs, benches, lab runs, and
 * `name` within it): a folder of its own in the reports folder, never over the user's reports.
 */
export function ownReports(run: OwnRun, name = ''): string {
  return join(REPORTS, OWN_FOLDERS[run], name);
}
/** The reports folder as a reader would type it. */
export const REPORTS_SHOWN = relative(process.cwd(), REPORTS) || '.';
const GENERATED = [
  'cucumber.html',
  'junit.xml',
  'cucumber.ndjson',
  'conformance.md',
  'conformance.json',
  'allure-results',
  // A previous run's outages must not stop this one (see run/outage.ts).
  'engine-outages.ndjson',
];

/**
 * A conformance.json a run wrote, refused in one line when it is missing, not JSON, of another
 * schema, or a self-test's; `shown` names it in that line (a copy's original, say).
 */
export function readConformance(file: string, shown = file): ConformanceReport {
  if (!existsSync(file))
    throw new SetupError(
      `${shown} does not exist.`,
      `Run ${kitCommand('test')} (or ${kitCommand('matrix')}) to write it.`,
    );
  let report: Partial<ConformanceReport> | null;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new SetupError(
      `${shown} is not JSON.`,
      `Run ${kitCommand('test')} (or ${kitCommand('matrix')}) again to write it anew.`,
    );
  }
  const earlier = (report?.schema as number | undefined) === EARLIER_SCHEMA;
  if (report?.schema !== REPORT_SCHEMA && !earlier) {
    throw new SetupError(
      `${shown} is not a conformance.json of schema ${REPORT_SCHEMA} or ${EARLIER_SCHEMA} (it says ${report?.schema ?? 'none'}).`,
      `Use reports written by this version of the kit (run ${kitCommand('test')} again for one).`,
    );
  }
  const schema = earlier ? 'conformance-3' : 'conformance';
  const problem = conformanceProblem(ROOT, report, schema);
  if (problem) {
    throw new SetupError(
      `${shown} does not match schemas/${schema}.schema.json: ${problem}.`,
      `Use reports written by this version of the kit, unedited (run ${kitCommand('test')} again for one).`,
    );
  }
  const notConformance = notAConformanceRun((report as ConformanceReport).selection);
  if (notConformance) {
    throw new SetupError(
      `${shown} holds no engine's verdicts: ${notConformance}.`,
      `Give it a report of ${kitCommand('test')} (or of ${kitCommand('matrix')}), the engine's own run.`,
    );
  }
  return earlier ? upgradeReport(report as unknown as EarlierReport) : (report as ConformanceReport);
}

/**
 * Refuses, in one line and before anything touches the engine, a reports folder the kit cannot
 * create or write (KIT_REPORTS_DIR naming a file, /proc, a read-only place): it makes the
 * folder and writes and removes a file in it.
 */
export function requireWritableReports(dir = REPORTS): void {
  const probe = join(dir, `.kit-write-check-${process.pid}`);
  try {
    makeDirs(dir);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const named = process.env.KIT_REPORTS_DIR ? `KIT_REPORTS_DIR=${process.env.KIT_REPORTS_DIR}: ` : '';
    throw new SetupError(
      `${named}the kit cannot write its reports in ${dir} (${code ?? message}${code ? `: ${message.replace(/^[A-Z]+: /, '')}` : ''}).`,
      'Point KIT_REPORTS_DIR at a folder the kit can create and write, or unset it for ./reports.',
    );
  }
}

/**
 * mkdir -p, one level at a time: Node's own recursive mkdirSync never returns for a path under
 * /proc, where mkdir answers ENOENT though the parent is there.
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) mkdirSync(dir); // throws EEXIST, naming the path
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

/** Removes the previous run's reports in this folder (only the files the kit writes there), so none is stale. */
export function clearReports(): void {
  mkdirSync(REPORTS, { recursive: true });
  for (const name of GENERATED) rmSync(join(REPORTS, name), { recursive: true, force: true });
  mkdirSync(join(REPORTS, 'allure-results'), { recursive: true });
}

/**
 * The run's reports from its cucumber messages, read once: conformance.{md,json}, and
 * junit.xml (a suite of claims and a suite of scenarios, the engine in their properties).
 */
export function writeReports(
  runId: string,
  engine: EngineFingerprint,
  interrupted: boolean,
  facts: RunFacts & BundleFacts,
  properties: [string, string][],
): ConformanceReport {
  const runs = readScenarioRuns(join(REPORTS, 'cucumber.ndjson'));
  const catalog = readCatalog(ROOT);
  const judged = scenarioResults(runs);
  const claims = claimResults(catalog, judged, taggedClaims(join(ROOT, 'features')));
  const report: ConformanceReport = {
    schema: REPORT_SCHEMA,
    ...facts,
    runId,
    finishedAt: new Date().toISOString(),
    engine,
    interrupted,
    totals: totalsOf(claims),
    claims,
  };
  writeFileSync(join(REPORTS, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(REPORTS, 'conformance.md'), conformanceMarkdown(report));
  writeFileSync(join(REPORTS, 'junit.xml'), junitXml(report, runs, judged, properties));
  return report;
}
