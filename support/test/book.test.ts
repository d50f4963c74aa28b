import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brokenLinks, partialRun } from '../reports/book';
import type { ConformanceReport } from '../reports/conformance';
import { inlineMarkdown } from '../reports/html';
import { quotationHtml } from '../reports/markdown';

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

describe("a note's words quoted on a claim's page", () => {
  it('renders their inline Markdown as the note does, a line each, and raw HTML as text', () => {
    assert.equal(
      quotationHtml(
        'Use ```--link``` to enable DNS on _default_ bridge.\n**Case 1: Using -p <host_port>:<container_port>**',
      ),
      'Use <code>--link</code> to enable DNS on <em>default</em> bridge.<br>\n<strong>Case 1: Using -p &lt;host_port&gt;:&lt;container_port&gt;</strong>',
    );
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
