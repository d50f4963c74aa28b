import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brokenLinks } from '../reports/book';

describe('the book', () => {
  it('finds the relative links that lead nowhere, and only those', () => {
    const out = mkdtempSync(join(tmpdir(), 'book-'));
    mkdirSync(join(out, 'claims'));
    writeFileSync(join(out, 'index.html'), '<a href="claims/A.html">A</a> <a href="claims/B.html#x">B</a>');
    writeFileSync(
      join(out, 'claims', 'A.html'),
      '<a href="../index.html">up</a> <a href="https://docs.docker.com/">docs</a> <a href="#top">top</a>',
    );
    assert.deepEqual(brokenLinks(out), ['index.html → claims/B.html']);
  });
});
