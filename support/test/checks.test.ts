import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endedAs } from '../checks/containers';
import { type ContainerState, inDockerTerms } from '../scenario/container';

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
  test('another exit code, a running container or another state does not hold', () => {
    const cases = [
      state('exited', false, 143),
      state('running', true, 0),
      state('stopped', false, 0),
      state('created', false, 0),
      state('dead', false, 0),
    ];
    for (const seen of cases) assert.equal(endedAs(seen, 'exited', 0).holds, false, JSON.stringify(seen));
  });
});

describe("a container's state in Docker's terms", () => {
  test('Podman\'s transient "stopped" of a container that is not running is "exited", and is said so', () => {
    const { state: seen, note } = inDockerTerms(state('stopped', false, 3));
    assert.deepEqual(seen, state('exited', false, 3));
    assert.match(note ?? '', /calls this state "stopped"/);
  });
  test('any other state is left as the engine gave it', () => {
    for (const given of [state('exited', false, 0), state('stopped', true, 0), state('running', true, 0)])
      assert.deepEqual(inDockerTerms(given), { state: given });
  });
});
