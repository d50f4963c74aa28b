import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brokenLinks, noteSentences, partialRun } from '../reports/book';
import type { ConformanceReport } from '../reports/conformance';
import { inlineMarkdown } from '../reports/html';

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

describe('inline Markdown in claims and explanations', () => {
  it('renders code, strong and emphasis, and escapes the rest', () => {
    assert.equal(
      inlineMarkdown('`docker run` of an image *not* in **the** cache <x>'),
      '<code>docker run</code> of an image <em>not</em> in <strong>the</strong> cache &lt;x&gt;',
    );
  });

  it('keeps marks inside code as written, and a snake_case word as it is', () => {
    assert.equal(inlineMarkdown('`a*b*c` and snake_case_name'), '<code>a*b*c</code> and snake_case_name');
  });
});

describe("what a run's verdicts leave out", () => {
  const claim = (id: string, outcome: string) =>
    ({
      id,
      outcome,
      reason: outcome === 'not run' ? { code: 'not-selected' } : { code: 'held', passed: 1 },
    }) as never;
  const run = (overrides: Partial<ConformanceReport>) =>
    ({
      selection: { tags: [], profiles: [] },
      interrupted: false,
      claims: [claim('A-01', 'passed'), claim('A-02', 'passed')],
      ...overrides,
    }) as ConformanceReport;

  it('is nothing for a whole run', () => {
    assert.deepEqual(partialRun(run({}), 2), []);
  });

  it('names the selection, an interruption, and each claim not run with why', () => {
    const lines = partialRun(
      run({
        selection: { tags: ['@claim:A-01'], profiles: [] },
        interrupted: true,
        claims: [claim('A-01', 'passed'), claim('A-02', 'not run')],
      }),
      2,
    );
    assert.deepEqual(lines, [
      'The run selected only the scenarios of `--tags @claim:A-01`: it covers 1 of 2 claims.',
      'The run was interrupted before it ended.',
      'Not run: A-02 (its scenarios were not selected in this run).',
    ]);
  });

  it('says it in Portuguese for the Portuguese edition', () => {
    const lines = partialRun(
      run({
        selection: { tags: ['@claim:A-01'], profiles: [] },
        claims: [claim('A-01', 'passed'), claim('A-02', 'not run')],
      }),
      2,
      'pt-BR',
    );
    assert.deepEqual(lines, [
      'A execução selecionou só os cenários de `--tags @claim:A-01`: ela cobre 1 de 2 afirmações.',
      'Não rodaram: A-02 (os cenários não foram selecionados nesta execução).',
    ]);
  });
});
