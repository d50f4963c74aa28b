import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetupError } from '../kit/errors';
import { checkProfiles, checkTagExpressions, needsNoEngine, tagExpressionsIn } from '../runner/args';

describe('command-line arguments', () => {
  it('finds every tag expression, in each spelling', () => {
    assert.deepEqual(tagExpressionsIn(['--tags', '@a', '--tags=@b and @c', '-t', 'not @d', 'features']), [
      '@a',
      '@b and @c',
      'not @d',
    ]);
  });

  it('accepts good tag expressions', () => {
    assert.doesNotThrow(() => checkTagExpressions(['--tags', '@claim:PRT-04 or (@ports and not @online)']));
  });

  it('rejects a bad one with a single line saying how to write it', () => {
    assert.throws(
      () => checkTagExpressions(['--tags', '@ports and']),
      (error: unknown) =>
        error instanceof SetupError &&
        !error.message.includes('\n') &&
        /Bad tag expression "@ports and"/.test(error.message),
    );
  });

  it('knows which runs need no engine', () => {
    assert.equal(needsNoEngine(['--dry-run']), true);
    assert.equal(needsNoEngine(['--tags', '@ports']), false);
  });

  it('rejects an unknown profile with the list of known ones', () => {
    assert.doesNotThrow(() =>
      checkProfiles(['--profile', 'ci', '-p', 'parallel'], ['default', 'ci', 'parallel']),
    );
    assert.throws(
      () => checkProfiles(['--profile=nosuch'], ['default', 'ci']),
      /Unknown profile "nosuch"\. The profiles .* default, ci/,
    );
  });
});
