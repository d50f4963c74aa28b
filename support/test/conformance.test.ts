import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECORD_MEDIA_TYPE, type ScenarioRecord } from '../common/records';
import { claimResults, conformanceMarkdown, scenarioResults, totalsOf } from '../reports/conformance';
import type { ScenarioRun, StepRun } from '../reports/messages';
import { conformanceProblem } from '../reports/schema';
import { ROOT } from '../reports/writers';
import { aFingerprint } from './fingerprints';

/** One scenario tagged `claim` as it ran: a Before hook, then steps ending with `results`. */
function scenario(id: string, claim: string, results: Result[], records: ScenarioRecord[] = []): ScenarioRun {
  return {
    pickleId: `${id}-p`,
    name: `scenario ${id}`,
    uri: 'features/x.feature',
    feature: 'x',
    tags: [`@claim:${claim}`],
    claims: [claim],
    startedAt: 0,
    durationMs: 10,
    steps: results.map((result, i) => ({
      text: i === 0 ? 'Before' : `Given step ${i}`,
      gherkin: i > 0,
      status: result.status,
      message: result.message,
      exceptionType: result.exception?.type,
      durationMs: 1,
      attachments:
        i === 0
          ? records.map((record) => ({
              title: '',
              body: JSON.stringify(record),
              mediaType: RECORD_MEDIA_TYPE,
            }))
          : [],
    })),
  };
}

type Result = { status: StepRun['status']; message?: string; exception?: { type: string; message?: string } };

const PASSED: Result = { status: 'PASSED' };
const SKIPPED: Result = { status: 'SKIPPED' };
const violation = (message: string): Result => ({
  status: 'FAILED',
  message,
  exception: { type: 'ClaimViolation', message },
});
const crash = (message: string): Result => ({ status: 'FAILED', message, exception: { type: 'TypeError' } });

const crashStep = (message: string): Partial<StepRun> => ({
  status: 'FAILED',
  message,
  exceptionType: 'Error',
});

const catalog = ['AAA-01', 'AAA-02', 'AAA-03', 'AAA-04', 'AAA-05', 'AAA-06'].map((id) => ({
  id,
  claim: `claim ${id}`,
}));

describe('the conformance summary', () => {
  const runs = [
    scenario('a', 'AAA-01', [PASSED, PASSED, PASSED]),
    scenario('b', 'AAA-02', [PASSED, PASSED, violation('AAA-02: expected x; but saw y')]),
    scenario('c', 'AAA-02', [PASSED, PASSED]),
    scenario('d', 'AAA-03', [crash('boom'), SKIPPED]),
    scenario(
      'e',
      'AAA-04',
      [SKIPPED, SKIPPED],
      [{ kind: 'skipped', why: { code: 'no-registry', why: { code: 'said', text: 'none here' } } }],
    ),
    scenario('f', 'AAA-05', [PASSED, crash('cannot read x')]),
  ];
  const claims = claimResults(
    catalog,
    scenarioResults(runs),
    new Set(['AAA-01', 'AAA-02', 'AAA-03', 'AAA-04', 'AAA-05', 'AAA-06']),
  );
  const byId = Object.fromEntries(claims.map((c) => [c.id, c]));

  it('passes a claim whose scenarios all passed', () => assert.equal(byId['AAA-01']?.outcome, 'passed'));

  it('fails a claim when any scenario saw it not hold, with the first failing step', () => {
    assert.equal(byId['AAA-02']?.outcome, 'failed');
    assert.match(byId['AAA-02']?.detail ?? '', /step "step 2": AAA-02: expected x; but saw y/);
  });

  it('reports a failing hook as a harness error, not as the claim failing', () => {
    assert.equal(byId['AAA-03']?.outcome, 'error');
    assert.match(byId['AAA-03']?.detail ?? '', /harness error in a hook: TypeError: boom/);
  });

  it('reports an unexpected exception in a step as a harness error', () => {
    assert.equal(byId['AAA-05']?.outcome, 'error');
    assert.match(byId['AAA-05']?.detail ?? '', /step "step 1": TypeError: cannot read x/);
  });

  it('reports a cleanup that failed after the claim failed as a harness error, naming both', () => {
    const run = scenario('g', 'AAA-07', [PASSED, violation('AAA-07: expected x; but saw y'), SKIPPED]);
    const last = run.steps[2];
    if (last) Object.assign(last, { text: 'After', gherkin: false, ...crashStep('cleanup failed') });
    const [result] = scenarioResults([run]);
    assert.equal(result?.outcome, 'error');
    assert.match(result?.detail ?? '', /harness error in a hook: Error: cleanup failed/);
    assert.match(result?.detail ?? '', /after the claim failed: step "step 1": AAA-07: expected x/);
  });

  it('reports a claim as error when one scenario broke, even if another saw it fail', () => {
    const runs = [
      scenario('i', 'BBB-01', [PASSED, violation('BBB-01: expected x; but saw y')]),
      scenario('j', 'BBB-01', [PASSED, crash('cannot read x')]),
    ];
    const [claim] = claimResults([{ id: 'BBB-01', claim: 'b' }], scenarioResults(runs), new Set(['BBB-01']));
    assert.equal(claim?.outcome, 'error');
    assert.match(claim?.detail ?? '', /scenario j: harness error in step "step 1": TypeError: cannot read x/);
  });

  it('gives the reason of a skip', () => {
    assert.equal(byId['AAA-04']?.outcome, 'skipped');
    assert.match(byId['AAA-04']?.detail ?? '', /no registry: none here/);
  });

  it('tells a claim whose scenarios were filtered out from one nobody covered', () => {
    assert.equal(byId['AAA-06']?.outcome, 'not run');
    const [uncovered] = claimResults([{ id: 'ZZZ-01', claim: 'z' }], [], new Set());
    assert.equal(uncovered?.outcome, 'not covered');
  });

  it('counts outcomes and writes one Markdown row per claim', () => {
    assert.deepEqual(totalsOf(claims), {
      passed: 1,
      refined: 0,
      failed: 1,
      flaky: 0,
      skipped: 1,
      error: 2,
      'not run': 1,
      'not covered': 0,
    });
    const engine = aFingerprint();
    const report = {
      schema: 4 as const,
      kit: { version: '0.1.0', commit: 'abc' },
      engineId: 'docker-20.10',
      host: { name: 'h', os: 'Linux 6', arch: 'x64' },
      hashes: { catalog: 'a'.repeat(64), features: 'b'.repeat(64) },
      cli: { path: 'docker', version: '28.5.2' },
      startedAt: '2026-12-02T03:00:00.000Z',
      seconds: 1,
      selection: { tags: [], profiles: [] },
      leaks: [],
      runId: '0a1b2c3d',
      finishedAt: '2026-12-02T03:01:00.000Z',
      engine,
      interrupted: false,
      totals: totalsOf(claims),
      claims,
    };
    const markdown = conformanceMarkdown(report);
    // The report as the kit writes it matches its published schema, and a changed one does not.
    assert.equal(conformanceProblem(ROOT, JSON.parse(JSON.stringify(report))), undefined);
    assert.match(conformanceProblem(ROOT, { ...report, engineId: 'has space' }) ?? '', /engineId/);
    assert.match(conformanceProblem(ROOT, { ...report, extra: 1 }) ?? '', /additional properties \(extra\)/);
    assert.equal(markdown.split('\n').filter((line) => /^\| AAA-\d\d \|/.test(line)).length, 6);
    assert.match(markdown, /Docker Engine 20\.10/);
  });
});

describe('attempts (--retry)', () => {
  const steps = (results: Result[]) => scenario('x', 'AAA-01', results).steps;
  it('calls a scenario that failed and then passed flaky, naming the failed attempt', () => {
    const run = {
      ...scenario('r', 'AAA-01', [PASSED, PASSED]),
      earlierAttempts: [steps([PASSED, violation('AAA-01: expected x; but saw y')])],
    };
    const [judged] = scenarioResults([run]);
    assert.equal(judged?.outcome, 'flaky');
    assert.match(
      judged?.detail ?? '',
      /passed on attempt 2 of 2; attempt 1 failed: step "step 1": AAA-01: expected x; but saw y/,
    );
    const [claim] = claimResults(catalog.slice(0, 1), scenarioResults([run]), new Set(['AAA-01']));
    assert.equal(claim?.outcome, 'flaky');
  });

  it('keeps a scenario that passed at once passed, and one whose last attempt failed failed', () => {
    assert.equal(scenarioResults([scenario('p', 'AAA-01', [PASSED, PASSED])])[0]?.outcome, 'passed');
    const stillFailing = {
      ...scenario('f', 'AAA-01', [PASSED, violation('AAA-01: no')]),
      earlierAttempts: [steps([PASSED, violation('AAA-01: no')])],
    };
    assert.equal(scenarioResults([stillFailing])[0]?.outcome, 'failed');
  });

  it('calls a scenario the engine outage kept from running not run, with the reason', () => {
    const run = scenario(
      'n',
      'AAA-01',
      [SKIPPED, SKIPPED],
      [
        {
          kind: 'not-run',
          why: { code: 'engine-stopped', endpoint: 'unix:///s', claim: 'AAA-02', secondsIntoRun: 20 },
        },
      ],
    );
    const [judged] = scenarioResults([run]);
    assert.equal(judged?.outcome, 'not run');
    const [claim] = claimResults(catalog.slice(0, 1), scenarioResults([run]), new Set(['AAA-01']));
    assert.equal(claim?.outcome, 'not run');
    assert.match(claim?.detail ?? '', /stopped answering during AAA-02/);
  });
});

describe('a scenario whose set-up the engine refused', () => {
  it("is not verified (skipped), with the engine's answer, rather than failed or an error", () => {
    const refusedSetUp: Result = {
      status: 'FAILED',
      message:
        'the engine refused a step the check needs on the way, `docker network create app`: HTTP 400: pools exhausted',
      exception: { type: 'EngineRefusedSetUp' },
    };
    const [judged] = scenarioResults([scenario('s', 'AAA-01', [PASSED, refusedSetUp, SKIPPED])]);
    assert.equal(judged?.outcome, 'skipped');
    assert.match(
      judged?.detail ?? '',
      /^not verified: in step "step 1", the engine refused a step the check needs on the way, `docker network create app`: HTTP 400: pools exhausted/,
    );
  });
});
