import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SetupError } from '../common/errors';
import { checkSettings, countSetting, switchSetting } from '../run/settings';
import {
  checkCucumberOptions,
  checkProfiles,
  checkTagExpressions,
  needsNoEngine,
  tagExpressionsIn,
} from '../runner/args';
import { wantsHelp } from '../runner/usage';

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

  it("refuses a self-test's profile outside its own runner, naming the runner", () => {
    const known = ['default', 'falsified', 'flaky-drill'];
    assert.throws(
      () => checkProfiles(['--profile', 'falsified'], known),
      /the kit's self-test .* Run it with npm run test:falsified/,
    );
    assert.throws(() => checkProfiles(['-p', 'flaky-drill'], known), /npm run test:flaky-drill/);
    process.env.KIT_SELF_TEST = 'falsified';
    try {
      assert.doesNotThrow(() => checkProfiles(['--profile', 'falsified'], known));
    } finally {
      delete process.env.KIT_SELF_TEST;
    }
  });

  it('asks for help with --help or -h before any --, and not after it', () => {
    assert.equal(wantsHelp(['--help']), true);
    assert.equal(wantsHelp(['run', 'docker-29.7', '-h']), true);
    assert.equal(wantsHelp(['run', 'docker-29.7', '--', 'ls', '--help']), false);
    assert.equal(wantsHelp(['--tags', '@claim:CTR-01']), false);
  });
});

describe("the kit's own settings", () => {
  it('takes a count, or the default when unset', () => {
    assert.equal(countSetting({}, 'KIT_PARALLEL', 2, 'workers'), 2);
    assert.equal(countSetting({ KIT_PARALLEL: '' }, 'KIT_PARALLEL', 2, 'workers'), 2);
    assert.equal(countSetting({ KIT_PARALLEL: '4' }, 'KIT_PARALLEL', 2, 'workers'), 4);
  });

  it('refuses a count that is not a whole number of at least 1, in one line', () => {
    for (const bad of ['abc', '0', '-1', '1.5', '2 workers']) {
      assert.throws(
        () => countSetting({ KIT_PARALLEL: bad }, 'KIT_PARALLEL', 2, 'workers'),
        (error: unknown) =>
          error instanceof SetupError && error.message.startsWith(`KIT_PARALLEL="${bad}" is not a count`),
      );
    }
  });

  it('turns a switch on only with 1, and refuses what it would have to guess', () => {
    assert.equal(switchSetting({}, 'KIT_ONLINE', 'go online'), false);
    assert.equal(switchSetting({ KIT_ONLINE: '0' }, 'KIT_ONLINE', 'go online'), false);
    assert.equal(switchSetting({ KIT_ONLINE: '1' }, 'KIT_ONLINE', 'go online'), true);
    assert.throws(() => switchSetting({ KIT_ONLINE: 'true' }, 'KIT_ONLINE', 'go online'), /neither 1 nor 0/);
    assert.throws(() => checkSettings({ KIT_ONLINE: 'yes' }), /KIT_ONLINE="yes"/);
  });
});

describe("cucumber-js's own check of the options", () => {
  const root = join(__dirname, '..', '..');

  it('accepts what the kit documents', () => {
    assert.doesNotThrow(() => checkCucumberOptions(['--profile', 'ci', '--tags', '@claim:CTR-03'], root));
  });

  it('refuses an unknown option or a bad count in one line, with cucumber-js words', () => {
    assert.throws(
      () => checkCucumberOptions(['--no-such-option'], root),
      (error: unknown) =>
        error instanceof SetupError &&
        !error.message.includes('\n') &&
        /unknown option '--no-such-option'/.test(error.message),
    );
    assert.throws(() => checkCucumberOptions(['--parallel', 'x'], root), /--parallel must be/);
  });
});
