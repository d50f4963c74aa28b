import type { ClaimResult, ConformanceReport, JudgedScenario } from './conformance';
import type { ScenarioRun } from './messages';

/** Characters XML 1.0 cannot hold (the control characters but tab and newlines), dropped. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/g;
const cdata = (text: string) => `<![CDATA[${text.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const xml = (text: string) =>
  text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** How a result ends in JUnit's terms, with the message a CI system shows. */
function ending(outcome: string, detail: string): string {
  const first = detail.split('\n')[0] ?? '';
  if (outcome === 'failed')
    return `<failure type="ClaimViolation" message="${xml(first)}">${cdata(detail)}</failure>`;
  if (outcome === 'error')
    return `<error type="HarnessError" message="${xml(first)}">${cdata(detail)}</error>`;
  if (outcome === 'skipped' || outcome === 'not run' || outcome === 'not covered')
    return `<skipped message="${xml(first)}"/>`;
  // It passed in the end, after a failed attempt: Surefire's element, which CI servers show as flaky.
  if (outcome === 'flaky')
    return `<flakyFailure type="ClaimViolation" message="${xml(first)}"><stackTrace>${cdata(detail)}</stackTrace></flakyFailure>`;
  return '';
}

function suite(
  name: string,
  cases: string[],
  counts: { failures: number; errors: number; skipped: number; ms: number },
  properties: string,
  at: string,
): string {
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.ms)}" timestamp="${at}">`,
    properties,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function claimCase(claim: ClaimResult): string {
  const ms = claim.scenarios.reduce((n, s) => n + s.durationMs, 0);
  const out = claim.scenarios
    .map((s) => `${s.outcome}: ${s.name}${s.detail ? ` — ${s.detail}` : ''}`)
    .join('\n');
  const refined = claim.outcome === 'refined' ? `holds, refined: ${claim.refinement}\n` : '';
  return [
    `    <testcase classname="claims.${claim.id.slice(0, 3)}" name="${xml(`${claim.id}: ${claim.claim}`)}" time="${seconds(ms)}">`,
    ending(claim.outcome, claim.detail),
    out || refined ? `      <system-out>${cdata(`${refined}${out}`)}</system-out>` : '',
    '    </testcase>',
  ]
    .filter(Boolean)
    .join('\n');
}

function scenarioCase(run: ScenarioRun, result: { outcome: string; detail: string }): string {
  const steps = run.steps
    .filter((s) => s.gherkin)
    .map((s) => `${s.text} … ${s.status.toLowerCase()}`)
    .join('\n');
  const claim = run.claims[0] ?? '';
  return [
    `    <testcase classname="${xml(run.feature)}" name="${xml(`${claim}: ${run.name}`)}" time="${seconds(run.durationMs)}">`,
    ending(result.outcome, result.detail),
    `      <system-out>${cdata(steps)}</system-out>`,
    '    </testcase>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * JUnit XML for CI: a suite with one test case per claim of the catalog (`CTR-03: A container
 * exits when its main process stops`), failing or in error with its conformance detail and
 * skipped with the reason, and beside it the suite of scenarios (`judged`: `runs` as
 * scenarioResults judged them, in the same order). The engine is in each
 * suite's properties.
 */
export function junitXml(
  report: ConformanceReport,
  runs: ScenarioRun[],
  judged: JudgedScenario[],
  properties: [string, string][],
): string {
  const props = [
    '    <properties>',
    ...properties.map(([k, v]) => `      <property name="${xml(k)}" value="${xml(v)}"/>`),
    '    </properties>',
  ].join('\n');
  const count = (outcomes: string[]) => ({
    failures: outcomes.filter((o) => o === 'failed').length,
    errors: outcomes.filter((o) => o === 'error').length,
    skipped: outcomes.filter((o) => ['skipped', 'not run', 'not covered'].includes(o)).length,
  });
  const claims = report.claims;
  const claimMs = claims.reduce((n, c) => n + c.scenarios.reduce((m, s) => m + s.durationMs, 0), 0);
  const scenarioCases = runs.map((run, i) => scenarioCase(run, judged[i] as JudgedScenario));
  const scenarioOutcomes = judged.map((r) => r.outcome);
  const runMs = runs.reduce((n, r) => n + r.durationMs, 0);
  const total = { claims: count(claims.map((c) => c.outcome)), scenarios: count(scenarioOutcomes) };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="docker-conformance-kit" tests="${claims.length + runs.length}" failures="${total.claims.failures + total.scenarios.failures}" errors="${total.claims.errors + total.scenarios.errors}" time="${seconds(runMs)}">`,
    suite('claims', claims.map(claimCase), { ...total.claims, ms: claimMs }, props, report.startedAt),
    suite('scenarios', scenarioCases, { ...total.scenarios, ms: runMs }, props, report.startedAt),
    '</testsuites>',
    '',
  ].join('\n');
}
