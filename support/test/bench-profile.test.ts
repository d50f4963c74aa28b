import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { opKind } from '../common/op-timings';
import { profileRun } from '../runner/bench-profile';

describe("the bench's account of where a run's time goes", () => {
  it('names an operation by how it ran and what it is', () => {
    assert.equal(opKind('api', 'docker run -d --name x img'), 'api docker run');
    assert.equal(opKind('cli', 'DOCKER_BUILDKIT=1 docker image inspect x'), 'cli docker image inspect');
    assert.equal(opKind('look', 'iptables -t nat -S'), 'look iptables');
  });

  it("adds up each kind, the scenarios' time, the floor, the kit's own time and start-up", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dck-bench-'));
    const ops = [
      { kind: 'start-up fixtures', ms: 500, scenario: '' },
      { kind: 'api docker run', ms: 300, scenario: 'w0-s1' },
      { kind: 'api docker run', ms: 320, scenario: 'w0-s2' },
      { kind: 'undo remove container', ms: 100, scenario: '' },
    ];
    writeFileSync(join(dir, 'ops.jsonl'), ops.map((o) => JSON.stringify(o)).join('\n'));
    const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
    const messages = [
      { testCaseStarted: { id: 'a', timestamp: at(10_000) } },
      { testCaseFinished: { testCaseStartedId: 'a', timestamp: at(10_500) } },
      { testCaseStarted: { id: 'b', timestamp: at(10_500) } },
      { testCaseFinished: { testCaseStartedId: 'b', timestamp: at(11_000) } },
    ];
    writeFileSync(join(dir, 'cucumber.ndjson'), messages.map((m) => JSON.stringify(m)).join('\n'));
    const profile = profileRun(join(dir, 'ops.jsonl'), join(dir, 'cucumber.ndjson'), 7_000);
    assert.deepEqual(profile.kinds[0], { kind: 'api docker run', count: 2, seconds: 0.62 });
    assert.equal(profile.scenarioSeconds, 1);
    assert.equal(profile.floorSeconds, 0.72);
    assert.equal(profile.kitSeconds, 0.28);
    assert.equal(profile.startUpSeconds, 3);
  });
});
