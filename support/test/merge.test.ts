import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SetupError } from '../common/errors';
import { byEngine, combineAttempts, findBundles, requireOneKit } from '../matrix/merge';
import { buildMatrix, ranOnOf } from '../matrix/model';
import type { ConformanceReport } from '../reports/conformance';
import { aFingerprint } from './fingerprints';

const claim = (id: string, outcome: ConformanceReport['claims'][number]['outcome'], detail = '') => ({
  id,
  claim: `claim ${id}`,
  outcome,
  reason: detail
    ? ({ code: 'violated', claim: id, expected: 'x', seen: 'y' } as const)
    : ({ code: 'passed' } as const),
  detail,
  scenarios: [],
});

/** A bundle's report, valid against the schema, for engine `engineId`. */
function report(engineId: string, overrides: Partial<ConformanceReport> = {}): ConformanceReport {
  const claims = [claim('AAA-01', 'passed'), claim('AAA-02', 'failed', 'AAA-02: expected x; but saw y')];
  return {
    schema: 4,
    kit: { version: '0.1.0', commit: 'aaaaaaaaaaaa' },
    cli: { path: 'docker', version: '29.7.2' },
    startedAt: '2026-12-02T03:00:00.000Z',
    finishedAt: '2026-12-02T03:01:00.000Z',
    seconds: 60,
    selection: { tags: [], profiles: [] },
    leaks: [],
    runId: '0a1b2c3d',
    engineId,
    host: { name: `machine-of-${engineId}`, os: 'Linux 6', arch: 'x64', ci: 'a CI job' },
    hashes: { catalog: 'c'.repeat(64), features: 'f'.repeat(64) },
    engine: aFingerprint({
      serverVersion: '29.7.2',
      apiVersion: '1.55',
      minApiVersion: '1.40',
      storageDriver: 'overlayfs',
      imageStore: 'containerd',
    }),
    interrupted: false,
    totals: {
      passed: 1,
      refined: 0,
      failed: 1,
      flaky: 0,
      skipped: 0,
      error: 0,
      'not run': 0,
      'not covered': 0,
    },
    claims,
    ...overrides,
  };
}

/** Writes a bundle folder (conformance.json, an empty cucumber.ndjson) under `parent`. */
function bundleDir(parent: string, name: string, r: ConformanceReport | string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'conformance.json'), typeof r === 'string' ? r : JSON.stringify(r));
  writeFileSync(join(dir, 'cucumber.ndjson'), '');
  return dir;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'kit-merge-test-'));

describe('merging result bundles', () => {
  it('finds every bundle under a folder of them, and in an archive', () => {
    const root = scratch();
    bundleDir(root, 'job-a/reports', report('docker-29.7'));
    bundleDir(root, 'job-b/reports', report('podman-6.1'));
    const found = findBundles([root], scratch());
    assert.deepEqual(
      found.map((b) => b.report.engineId),
      ['docker-29.7', 'podman-6.1'],
    );
    const archive = join(scratch(), 'bundles.tgz');
    execFileSync('tar', ['-czf', archive, '-C', root, '.']);
    assert.equal(findBundles([archive], scratch()).length, 2);
  });

  it('refuses, in one line each, a path that is missing, holds no bundle, or a bundle that cannot be read or is of another schema', () => {
    const root = scratch();
    assert.throws(() => findBundles([join(root, 'nope')], scratch()), SetupError);
    assert.throws(() => findBundles([root], scratch()), /holds no bundle/);
    bundleDir(root, 'corrupt', '{');
    assert.throws(() => findBundles([join(root, 'corrupt')], scratch()), /is not JSON/);
    bundleDir(root, 'old', JSON.stringify({ ...report('x'), schema: 2 }));
    assert.throws(
      () => findBundles([join(root, 'old')], scratch()),
      /not a conformance\.json of schema 4 or 3 \(it says 2\)/,
    );
    bundleDir(root, 'edited', JSON.stringify({ ...report('x'), engineId: 'not an id' }));
    assert.throws(
      () => findBundles([join(root, 'edited')], scratch()),
      /does not match schemas\/conformance\.schema\.json: \/engineId/,
    );
  });

  it('reads a bundle of the previous schema beside a new one, its English details kept as recorded', () => {
    const root = scratch();
    bundleDir(root, 'new', report('docker-29.7'));
    const { claims, ...rest } = report('podman-6.1');
    const earlier = {
      ...rest,
      schema: 3,
      claims: claims.map(({ reason: _, ...claim }) => claim),
    };
    bundleDir(root, 'old', JSON.stringify(earlier));
    const found = findBundles([root], scratch());
    assert.deepEqual(
      found.map((b) => b.report.schema),
      [4, 4],
    );
    const old = found.find((b) => b.report.engineId === 'podman-6.1');
    assert.deepEqual(old?.report.claims[1]?.reason, {
      code: 'recorded',
      text: 'AAA-02: expected x; but saw y',
    });
  });

  it("refuses a report of the kit's self-tests (falsified twins, the flaky drill): its verdicts are not the engine's", () => {
    const root = scratch();
    bundleDir(root, 'twins', report('docker-29.7', { selection: { tags: [], profiles: ['falsified'] } }));
    assert.throws(
      () => findBundles([root], scratch()),
      /holds no engine's verdicts: it is a run of the kit's self-test profile "falsified"/,
    );
    bundleDir(root, 'drill', report('docker-29.7', { selection: { tags: [], profiles: ['flaky-drill'] } }));
    assert.throws(() => findBundles([join(root, 'drill')], scratch()), /self-test profile "flaky-drill"/);
  });

  it('refuses bundles of different kit commits, catalogs or features, naming them, unless mixing is allowed', () => {
    const root = scratch();
    bundleDir(root, 'a', report('docker-29.7'));
    bundleDir(root, 'b', report('podman-6.1', { kit: { version: '0.1.0', commit: 'bbbbbbbbbbbb' } }));
    const bundles = findBundles([root], scratch());
    assert.throws(
      () => requireOneKit(bundles, false),
      /kit commit: aaaaaaaaaaaa \(.*\/a\); bbbbbbbbbbbb \(.*\/b\)/,
    );
    assert.doesNotThrow(() => requireOneKit(bundles, true));
    const features = [
      bundles[0],
      {
        ...bundles[1],
        report: report('p', { hashes: { catalog: 'c'.repeat(64), features: '0'.repeat(64) } }),
      },
    ];
    assert.throws(() => requireOneKit(features as never, false), /features: ffffffffffff/);
  });

  it('keeps two bundles of one engine as two attempts, flaky where they disagree', () => {
    const first = report('docker-29.7');
    const second = report('docker-29.7', {
      startedAt: '2026-12-02T04:00:00.000Z',
      claims: [claim('AAA-01', 'passed'), claim('AAA-02', 'passed')],
    });
    const combined = combineAttempts([first, second]);
    assert.equal(combined.claims[0]?.outcome, 'passed');
    assert.match(combined.claims[0]?.detail ?? '', /alike in 2 of 2 attempts/);
    assert.equal(combined.claims[1]?.outcome, 'flaky');
    assert.match(
      combined.claims[1]?.detail ?? '',
      /attempt 1: failed \(a hook: AAA-02: expected x; but saw y\); attempt 2: passed/,
    );
    assert.equal(combined.totals.flaky, 1);
  });

  it('compares only attempts that verified the claim: one not run or skipped neither agrees nor disagrees', () => {
    const ran = report('docker-29.7');
    const cut = report('docker-29.7', { claims: [claim('AAA-01', 'not run'), claim('AAA-02', 'skipped')] });
    const combined = combineAttempts([ran, cut]);
    assert.equal(combined.claims[0]?.outcome, 'passed');
    assert.equal(combined.claims[1]?.outcome, 'failed');
    assert.match(combined.claims[1]?.detail ?? '', /alike in 1 of 2 attempts/);
  });

  it('lists an engine named in --engines without a bundle, in the order named', () => {
    const bundles = [{ from: 'a', dir: 'a', report: report('docker-29.7'), scenarios: [] }];
    const grouped = byEngine(bundles, ['podman-6.1', 'docker-29.7']);
    assert.deepEqual([...grouped.keys()], ['podman-6.1', 'docker-29.7']);
    assert.equal(grouped.get('podman-6.1')?.length, 0);
  });

  it('keeps where and when each column ran, and judges a flaky cell as drift unless expected', () => {
    const r = report('docker-29.7');
    assert.deepEqual(ranOnOf(r), { host: 'machine-of-docker-29.7', ci: 'a CI job', startedAt: r.startedAt });
    const flaky = combineAttempts([
      r,
      report('docker-29.7', { claims: [claim('AAA-01', 'failed'), claim('AAA-02', 'failed')] }),
    ]);
    const target = { id: 'docker-29.7', source: 'bundle' as const, from: ['a'] };
    const run = {
      target,
      title: 't',
      status: 'ran' as const,
      seconds: 1,
      reports: 'x',
      report: flaky,
      scenarios: [],
    };
    const catalog = [{ id: 'AAA-01', claim: 'a' }];
    assert.deepEqual(buildMatrix(catalog, [run], new Date()).drift, [
      { engine: 'docker-29.7', claim: 'AAA-01', drift: 'new flaky' },
    ]);
    const expected = new Map([
      ['AAA-01', { outcome: 'flaky' as const, kind: 'divergence' as const, reason: 'r' }],
    ]);
    assert.deepEqual(buildMatrix(catalog, [{ ...run, expectations: expected }], new Date()).drift, []);
  });
});
