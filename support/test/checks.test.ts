import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endedAs, otherName } from '../checks/containers';
import type { ContainerState } from '../scenario/container';

const state = (status: string, running: boolean, exitCode: number): ContainerState => ({
  status,
  running,
  exitCode,
  oomKilled: false,
  pid: 0,
});

describe('CTR-03: the state a container ended in', () => {
  test('"exited" with the exit code holds', () => {
    assert.equal(endedAs(state('exited', false, 3), 'exited', 3).holds, true);
  });
  test('Podman\'s transient "stopped" is its name for the same state, and is said so', () => {
    assert.equal(endedAs(state('stopped', false, 0), 'exited', 0).holds, true);
    assert.match(otherName(state('stopped', false, 0), 'exited') ?? '', /calls this state "stopped"/);
    assert.equal(otherName(state('exited', false, 0), 'exited'), undefined);
  });
  test('another exit code, a running container or another state does not hold', () => {
    const cases: ContainerState[] = [
      state('exited', false, 143),
      state('stopped', true, 0),
      state('running', true, 0),
      state('created', false, 0),
      state('dead', false, 0),
    ];
    for (const seen of cases) assert.equal(endedAs(seen, 'exited', 0).holds, false, JSON.stringify(seen));
  });
});
