import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_EXIT, endedBySignal, signalOf, succeeded } from '../common/exit';
import { EXIT, exitOf } from '../runner/command';

describe('exit codes', () => {
  it('a process a signal ended exits 128 + its number, and the number is read back', () => {
    assert.equal(endedBySignal(9), 137);
    assert.equal(signalOf(139), 11);
    assert.equal(signalOf(COMMAND_EXIT.notFound), undefined);
    // ssh's own failure, not a signal.
    assert.equal(signalOf(255), undefined);
  });

  it("the kit's interrupted codes are the shell's for SIGINT and SIGTERM", () => {
    assert.deepEqual([EXIT.SIGINT, EXIT.SIGTERM], [130, 143]);
    assert.equal(exitOf(null, 'SIGKILL'), 137);
    assert.equal(exitOf(COMMAND_EXIT.failure, null), 1);
  });

  it('a run succeeded only with exit code 0', () => {
    assert.equal(succeeded({ exitCode: 0 }), true);
    assert.equal(succeeded({ exitCode: COMMAND_EXIT.timedOut }), false);
    assert.equal(succeeded({}), false);
  });
});
