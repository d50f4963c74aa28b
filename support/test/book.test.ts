import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brokenLinks, noteSentences } from '../reports/book';

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

describe("the note's own words on a claim's page", () => {
  const note = [
    '# Networks',
    '1. Each container connected to a private virtual network "bridge".',
    '3. Use ```--link``` to enable DNS on default bridge network.',
    "NOTE: You'll get a _bind_ error if the port is used by anything else, even another container. Use another.",
  ].join('\n');

  it('finds the sentence a quotation (or the words a claim is implied by) comes from', () => {
    assert.deepEqual(noteSentences('004 (implied by "Use --link to enable DNS on default bridge")', note), [
      'Use --link to enable DNS on default bridge network.',
    ]);
    assert.deepEqual(noteSentences('004 NOTE "bind error … even another container"', note), [
      "NOTE: You'll get a bind error if the port is used by anything else, even another container.",
    ]);
  });

  it('gives a quotation the note does not hold as it is', () => {
    assert.deepEqual(noteSentences('004 "words nobody wrote"', note), ['words nobody wrote']);
  });
});
