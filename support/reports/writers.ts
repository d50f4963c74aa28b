import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describeEngine, type EngineFingerprint } from '../engine/fingerprint';
import { readScenarioRuns } from '../reports/messages';
import { parseCatalog, taggedClaims } from '../run/claims';
import {
  type ConformanceReport,
  claimResults,
  conformanceMarkdown,
  scenarioResults,
  totalsOf,
} from './conformance';

export const ROOT = join(__dirname, '..', '..');
/** Where this run's reports go: KIT_REPORTS_DIR (relative to the kit's folder), else reports/. */
export const REPORTS = resolve(ROOT, process.env.KIT_REPORTS_DIR || 'reports');
/** The reports folder as a reader would type it. */
export const REPORTS_SHOWN = relative(process.cwd(), REPORTS) || '.';
const GENERATED = [
  'cucumber.html',
  'junit.xml',
  'cucumber.ndjson',
  'conformance.md',
  'conformance.json',
  'allure-results',
];

/** Removes the previous run's reports in this folder (only the files the kit writes there), so none is stale. */
export function clearReports(): void {
  mkdirSync(REPORTS, { recursive: true });
  for (const name of GENERATED) rmSync(join(REPORTS, name), { recursive: true, force: true });
  mkdirSync(join(REPORTS, 'allure-results'), { recursive: true });
}

/** Writes reports/conformance.{md,json} from the run's cucumber messages. */
export function writeConformance(
  runId: string,
  engine: EngineFingerprint,
  interrupted: boolean,
): ConformanceReport {
  const runs = readScenarioRuns(join(REPORTS, 'cucumber.ndjson'));
  const catalog = parseCatalog(readFileSync(join(ROOT, 'features', 'claims.md'), 'utf8'));
  const claims = claimResults(catalog, scenarioResults(runs), taggedClaims(join(ROOT, 'features')));
  const report: ConformanceReport = {
    runId,
    finishedAt: new Date().toISOString(),
    engine,
    interrupted,
    totals: totalsOf(claims),
    claims,
  };
  writeFileSync(join(REPORTS, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(REPORTS, 'conformance.md'), conformanceMarkdown(report));
  return report;
}

/** The engine's fingerprint under "Environment" in the Allure report. */
export function writeAllureEnvironment(engine: EngineFingerprint, extra: [string, string][]): void {
  const dir = join(REPORTS, 'allure-results');
  mkdirSync(dir, { recursive: true });
  // java.util.Properties: a key ends at the first unescaped space, '=' or ':'.
  const escaped = (text: string, key: boolean) =>
    text.replace(/\\/g, '\\\\').replace(key ? /([ =:])/g : /([=:])/g, '\\$1');
  const lines = [...describeEngine(engine), ...extra].map(
    ([key, value]) => `${escaped(key, true)}=${escaped(value, false)}`,
  );
  writeFileSync(join(dir, 'environment.properties'), `${lines.join('\n')}\n`);
}

/** Adds the engine's fingerprint to the JUnit report as `<properties>` of each test suite. */
export function addJunitProperties(engine: EngineFingerprint, extra: [string, string][]): void {
  const file = join(REPORTS, 'junit.xml');
  if (!existsSync(file)) return;
  const attr = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const properties = [
    '<properties>',
    ...[...describeEngine(engine), ...extra].map(
      ([k, v]) => `  <property name="${attr(k)}" value="${attr(v)}"/>`,
    ),
    '</properties>',
  ].join('\n');
  const xml = readFileSync(file, 'utf8').replace(/(<testsuite\b[^>]*>)/g, `$1\n${properties}`);
  writeFileSync(file, xml);
}
