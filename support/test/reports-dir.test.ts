import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SetupError } from '../common/errors';
import { requireWritableReports } from '../reports/writers';

describe('a reports folder the kit cannot write', () => {
  it('is refused in one line, at once: a file, a place under /proc, a place nobody may write', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kit-reports-')), 'a-file');
    writeFileSync(file, '');
    for (const [dir, why] of [
      [file, /EEXIST/],
      ['/proc/kit-nope/reports', /ENOENT/],
      ['/sys/kernel/kit-nope', /EPERM|EACCES|EROFS|ENOENT/],
    ] as const) {
      assert.throws(
        () => requireWritableReports(dir),
        (error: Error) =>
          error instanceof SetupError && why.test(error.message) && !error.message.includes('\n'),
      );
    }
  });

  it('makes a folder that is not there yet', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kit-reports-')), 'a', 'b');
    assert.doesNotThrow(() => requireWritableReports(dir));
  });
});
