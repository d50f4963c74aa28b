import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SetupError } from '../common/errors';
import { REASON_CODES } from '../common/reasons';
import { REASONS_EN } from '../common/reasons-en';
import { matrixHtml } from '../matrix/render';
import { brokenLinks, type Verdict, writeBook } from '../reports/book';
import { claimResults } from '../reports/conformance';
import type { ClaimDetail, ScenarioDetail } from '../reports/details';
import { DETAIL_CODES } from '../reports/details';
import { DETAILS_EN } from '../reports/details-en';
import { claimChapters, twinsOf } from '../reports/features';
import { detailHtml, detailText } from '../reports/i18n/details';
import { englishInProse, glossaryMisses, htmlProse, readGlossary } from '../reports/i18n/glossary';
import {
  glossaryFile,
  noteFiles,
  noteLanguage,
  parseFeatureText,
  portugueseFeatureTexts,
  readNotes,
  readPortugueseCatalog,
  recordGaps,
  stamp,
  translationGaps,
} from '../reports/i18n/portuguese';
import { DETAILS_PT, REASONS_PT } from '../reports/i18n/reasons-pt';
import { quotesFile, readQuotes } from '../reports/quotes';
import { parseCatalog, readCatalog } from '../run/claims';
import { langOption } from '../runner/args';

const ROOT = join(__dirname, '..', '..');
const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the kit's texts (features, notes), to take one piece of Portuguese away from. */
function copyOfTexts(): string {
  const root = tempDir('dck-pt-');
  cpSync(join(ROOT, 'features'), join(root, 'features'), { recursive: true });
  cpSync(join(ROOT, 'notes'), join(root, 'notes'), { recursive: true });
  return root;
}

describe('the Portuguese edition of the kit', () => {
  it("is whole: every claim, feature and English note has its Portuguese, in the glossary's words", () => {
    assert.deepEqual(translationGaps(ROOT), []);
  });

  it('names the claim whose Portuguese is removed from the catalog', () => {
    const root = copyOfTexts();
    const file = join(root, 'features', 'claims.pt-BR.md');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('| NET-04 '))
        .join('\n'),
    );
    assert.deepEqual(translationGaps(root), [
      "NET-04: no Portuguese text in features/claims.pt-BR.md (its sentence, the notes' words, what a faithful check observes)",
    ]);
  });

  it('names a claim whose refinement the Portuguese drops', () => {
    const root = copyOfTexts();
    const file = join(root, 'features', 'claims.pt-BR.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\| IMG-02 .*?) Refinamento:.*\|$/m, '$1 |'));
    assert.match(translationGaps(root).join('\n'), /^IMG-02: the English catalog refines it/);
  });

  it('names a feature without its companion, and one whose rules do not match', () => {
    const root = copyOfTexts();
    rmSync(join(root, 'features', 'ports', 'app-port.pt-BR.md'));
    const layers = join(root, 'features', 'images', 'layers.pt-BR.md');
    writeFileSync(layers, readFileSync(layers, 'utf8').replace('## IMG-06:', '## IMG-08:'));
    const gaps = translationGaps(root);
    assert.ok(
      gaps.some((g) =>
        /^features\/ports\/app-port\.feature: no Portuguese text beside it .*PRT-07, PRT-08/.test(g),
      ),
      gaps.join('\n'),
    );
    assert.ok(
      gaps.some((g) => g.startsWith('features/images/layers.pt-BR.md: its rules are IMG-05, IMG-08')),
      gaps.join('\n'),
    );
  });

  it('names the claim and the feature whose English changed since their Portuguese was written, until stamped', () => {
    const root = copyOfTexts();
    const catalog = join(root, 'features', 'claims.md');
    writeFileSync(
      catalog,
      readFileSync(catalog, 'utf8').replace('| CTR-07 | `docker ps` lists', '| CTR-07 | `docker ps` shows'),
    );
    const dns = join(root, 'features', 'networks', 'dns.feature');
    writeFileSync(dns, readFileSync(dns, 'utf8').replace('Feature: ', 'Feature: The '));
    assert.deepEqual(
      translationGaps(root).map((g) => g.split(':')[0]),
      ['CTR-07', 'features/networks/dns.feature'],
    );
    assert.match(translationGaps(root)[0] ?? '', /changed since its Portuguese was written.*--stamp CTR-07$/);
    assert.deepEqual(stamp(root, ['CTR-07', 'features/dns.feature']), {
      stamped: [],
      unknown: ['features/dns.feature'],
    });
    assert.equal(translationGaps(root).length, 2);
    assert.deepEqual(stamp(root, ['CTR-07', 'features/networks/dns.feature']), {
      stamped: ['CTR-07', 'features/networks/dns.feature'],
      unknown: [],
    });
    assert.deepEqual(translationGaps(root), []);
  });

  it('names the claim whose note notes/quotes.yaml no longer quotes', () => {
    const root = copyOfTexts();
    const file = join(root, 'notes', 'quotes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^NET-04:\n(?: .*\n)+/m, ''));
    assert.deepEqual(translationGaps(root), [
      "NET-04: notes/quotes.yaml quotes no note for it (the learner's words the claim comes from)",
    ]);
  });

  it('names a quotation not in its note as written, and one without its other language', () => {
    const root = copyOfTexts();
    const file = join(root, 'notes', 'quotes.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('said: Sem uma Imagem, um Container não pode existir.', 'said: Sem uma imagem, nada existe.')
        .replace(/^( {4}pt-BR: Abriu a porta 80 no IP do host\.)\n/m, ''),
    );
    assert.deepEqual(translationGaps(root), [
      'IMG-01: its quotation "Sem uma imagem, nada existe." is not in notes/000-container-e-imagem.md as the learner wrote it',
      'PRT-03: its quotation "Opened port 80 on the host IP." of notes/004-image-vs-container-ports-networks.md has no Portuguese (pt-BR:) in notes/quotes.yaml',
    ]);
  });

  it('names an English note without its translation', () => {
    const root = copyOfTexts();
    rmSync(join(root, 'notes', '004-image-vs-container-ports-networks.pt-BR.md'));
    assert.deepEqual(translationGaps(root), [
      'notes/004-image-vs-container-ports-networks.md: written in English, without its translation (notes/004-image-vs-container-ports-networks.pt-BR.md)',
    ]);
  });

  it('refuses a word the glossary avoids in prose, and not in code, quotations or paths', () => {
    const glossary = readGlossary(glossaryFile(ROOT));
    assert.deepEqual(glossaryMisses('O container para quando o processo termina.', glossary), [
      '"container" (the glossary\'s word for "container" is "contêiner")',
    ]);
    assert.deepEqual(
      glossaryMisses(
        'As anotações: "Sem uma Imagem, um Container não pode existir" (notes/000-container-e-imagem.md); `docker container run`, o containerd.',
        glossary,
      ),
      [],
    );
  });

  it('tells the notes written in Portuguese from the one written in English', () => {
    const notes = join(ROOT, 'notes');
    assert.deepEqual(
      noteFiles(notes).map((f) => [f.slice(0, 3), noteLanguage(readFileSync(join(notes, f), 'utf8'))]),
      [
        ['000', 'pt-BR'],
        ['001', 'pt-BR'],
        ['002', 'pt-BR'],
        ['003', 'pt-BR'],
        ['004', 'en'],
      ],
    );
  });
});

describe("a feature's Portuguese companion", () => {
  it('reads its title, description and a rule per heading, each with its prose', () => {
    const text = parseFeatureText(
      [
        '<!-- Tradução de x.feature -->',
        '# Imagens são camadas',
        '',
        'As anotações: "Cada vez…".',
        '',
        'Mais um parágrafo.',
        '',
        '## IMG-05: Instruções que mexem no sistema de arquivos adicionam camadas',
        '',
        '## IMG-07: Uma camada é guardada uma vez',
        '',
        'A prosa da regra.',
      ].join('\n'),
    );
    assert.deepEqual(text, {
      title: 'Imagens são camadas',
      description: 'As anotações: "Cada vez…".\n\nMais um parágrafo.',
      rules: [
        {
          id: 'IMG-05',
          name: 'Instruções que mexem no sistema de arquivos adicionam camadas',
          description: '',
        },
        { id: 'IMG-07', name: 'Uma camada é guardada uma vez', description: 'A prosa da regra.' },
      ],
    });
  });

  it('marks a refinement "Refinamento:" in the Portuguese catalog', () => {
    const [claim] = parseCatalog(
      '| IMG-16 | Uma imagem é uma fotografia. | 001 "…" | Olha o commit. Refinamento: o commit faz uma imagem. |',
      'pt-BR',
    );
    assert.equal(claim?.refinement, 'o commit faz uma imagem.');
  });
});

describe('--lang', () => {
  it('is English unless given, takes pt-BR in any case, and leaves the other arguments', () => {
    assert.deepEqual(langOption(['docker-29.7'], 'matrix'), { lang: 'en', rest: ['docker-29.7'] });
    assert.deepEqual(langOption(['--lang', 'pt-br', 'x'], 'matrix'), { lang: 'pt-BR', rest: ['x'] });
    assert.deepEqual(langOption(['--lang=pt-BR'], 'book'), { lang: 'pt-BR', rest: [] });
  });

  it('refuses a language the kit is not written in, in one line', () => {
    assert.throws(
      () => langOption(['--lang', 'fr'], 'book'),
      (e: unknown) =>
        e instanceof SetupError && /--lang fr: the kit is written in en and pt-BR only/.test(e.message),
    );
  });
});

describe('the book in two editions', () => {
  const catalog = readCatalog(ROOT);
  const out = tempDir('dck-book-');
  const verdict = (outcome: string, reason: ClaimDetail) => ({ outcome, reason });
  writeBook(out, {
    catalog,
    chapters: claimChapters(join(ROOT, 'features'), ROOT),
    twins: twinsOf(join(ROOT, 'support', 'test', 'falsified'), ROOT),
    quotes: readQuotes(quotesFile(ROOT)),
    portuguese: { catalog: readPortugueseCatalog(ROOT), features: portugueseFeatureTexts(ROOT) },
    notes: readNotes(join(ROOT, 'notes')),
    engines: [
      {
        id: 'docker-29.7',
        title: 'Docker 29.7 (static release bundle, fresh-install defaults: containerd image store)',
        verdicts: new Map<string, Verdict>([
          ['IMG-01', verdict('passed', { code: 'held', passed: 1 })],
          [
            'IMG-06',
            {
              ...verdict('failed', {
                code: 'in-scenario',
                scenario: 'Two builds',
                outcome: 'failed',
                detail: { code: 'violated', claim: 'IMG-06', expected: 'the same image ID', seen: 'two IDs' },
              }),
              kind: 'divergence',
            },
          ],
          [
            'NET-11',
            verdict('skipped', { code: 'skipped', why: { code: 'not-swarm-manager', swarm: 'inactive' } }),
          ],
        ]),
        scenarios: [],
      },
    ],
    from: { en: 'the run of today', 'pt-BR': 'da execução de hoje' },
    partial: { en: [], 'pt-BR': [] },
    ranges: {
      en: new Map(),
      'pt-BR': new Map([['IMG-06', 'vale em Docker 20.10–28.5; diverge em Docker 29.7']]),
    },
  });
  const pages = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.html') && !f.startsWith('pt-BR'),
    );

  it('writes a Portuguese page for every English one, each in its language and linking to the other', () => {
    const english = pages(out);
    assert.equal(english.filter((p) => p.startsWith('claims/')).length, catalog.length);
    for (const page of english) {
      const en = readFileSync(join(out, page), 'utf8');
      const pt = readFileSync(join(out, 'pt-BR', page), 'utf8');
      assert.match(en, /<html lang="en">/);
      assert.match(pt, /<html lang="pt-BR">/);
      assert.match(en, /hreflang="pt-BR"[^>]*>Leia em português</);
      assert.match(pt, /hreflang="en"[^>]*>Read in English</);
    }
    assert.deepEqual(brokenLinks(out), []);
  });

  it('gives each claim its Portuguese sentence, explanation and verdict words', () => {
    const page = readFileSync(join(out, 'pt-BR', 'claims', 'IMG-06.html'), 'utf8');
    assert.match(page, /<h1>IMG-06: O Docker reaproveita/);
    assert.match(page, /O que acontece de fato/);
    assert.match(page, /Imagens são camadas/);
    assert.match(page, /✘ refutada<\/span><span class="badge b-divergence">divergência/);
    assert.match(
      page,
      /<span class="d" title="[^"]*">cenário “<span lang="en">Two builds<\/span>”: num hook, IMG-06: esperava-se <span lang="en">the same image ID<\/span>, mas viu-se <span lang="en">two IDs<\/span>/,
    );
    assert.match(page, /vale em Docker 20\.10–28\.5/);
  });

  it('shows note 004 translated on its Portuguese page, with the original after it', () => {
    const page = readFileSync(
      join(out, 'pt-BR', 'notes', '004-image-vs-container-ports-networks.html'),
      'utf8',
    );
    assert.match(
      page,
      /<div class="note" lang="pt-BR">[\s\S]*<section class="learner" lang="en"><h1>Image VS Container<\/h1>/,
    );
  });

  it('holds no English of its own on any Portuguese page, only what is marked as recorded', () => {
    const english = readdirSync(join(out, 'pt-BR'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .flatMap((f) =>
        englishInProse(htmlProse(readFileSync(join(out, 'pt-BR', f), 'utf8'))).map((m) => `${f}: ${m}`),
      );
    assert.deepEqual(english, []);
    assert.deepEqual(
      englishInProse(htmlProse('<p>o engine diz: the engine is not a swarm manager, so it cannot</p>')),
      ['the engine is not a swarm manager so'],
    );
    assert.deepEqual(
      englishInProse(
        htmlProse('<p>o engine diz: <span lang="en">the engine is not a swarm manager</span></p>'),
      ),
      [],
    );
  });

  it("quotes note 004 on a Portuguese page in Portuguese first, then the learner's English", () => {
    const page = readFileSync(join(out, 'pt-BR', 'claims', 'CTR-02.html'), 'utf8');
    const said = page.slice(
      page.indexOf('<h2>O que dizem as anotações</h2>'),
      page.indexOf('<p class="muted">No catálogo:'),
    );
    assert.equal(
      said,
      [
        '<h2>O que dizem as anotações</h2>',
        '<p class="muted">Anotação 000:</p>',
        '<blockquote lang="pt-BR">Um <strong>Container</strong> pode ser definido também como um <strong>processo</strong>.</blockquote>',
        '<p class="muted">Anotação 004:</p>',
        '<blockquote lang="pt-BR"><strong>Contêineres não são Mini-VMs</strong><br>',
        '1. São apenas processos.</blockquote>',
        '<p class="muted">No original, em inglês:</p>',
        '<blockquote lang="en"><strong>Containers aren\'t Mini-VM\'s</strong><br>',
        '1. They are just processes.</blockquote>',
        '',
      ].join('\n'),
    );
    assert.match(
      page,
      /<p>Leia as notas inteiras em <a href="\.\.\/notes\/000-container-e-imagem\.html">notes\/000-container-e-imagem\.md<\/a> e <a href="\.\.\/notes\/004-image-vs-container-ports-networks\.html">/,
    );
  });

  it('quotes a Portuguese note on an English page in its English gloss first, then the original', () => {
    const page = readFileSync(join(out, 'claims', 'IMG-01.html'), 'utf8');
    assert.match(
      page,
      /<h2>The notes say<\/h2>\n<blockquote lang="en">Without an Image, a Container cannot exist\.<\/blockquote>\n<p class="muted">In the original Portuguese:<\/p>\n<blockquote lang="pt-BR">Sem uma Imagem, um Container não pode existir\.<\/blockquote>\n/,
    );
    assert.match(
      page,
      /<p>Read it in <a href="\.\.\/notes\/000-container-e-imagem\.html">notes\/000-container-e-imagem\.md<\/a>\.<\/p>/,
    );
  });

  it('quotes a note on every claim page, and never an original without its words before it', () => {
    for (const lang of ['', 'pt-BR']) {
      for (const claim of catalog) {
        const page = readFileSync(join(out, lang, 'claims', `${claim.id}.html`), 'utf8');
        assert.match(
          page,
          /<h2>(The notes say|O que dizem as anotações)<\/h2>\n(<p class="muted">(Note|Anotação) \d{3}:<\/p>\n)?<blockquote lang="(en|pt-BR)">/,
          claim.id,
        );
        assert.doesNotMatch(page, /<\/h2>\n<p class="muted">(No original|In the original)/, claim.id);
      }
    }
  });

  it("writes its own Portuguese in the glossary's words, on every page", () => {
    const glossary = readGlossary(glossaryFile(ROOT));
    const misses = readdirSync(join(out, 'pt-BR'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .flatMap((f) =>
        glossaryMisses(htmlProse(readFileSync(join(out, 'pt-BR', f), 'utf8')), glossary).map(
          (m) => `${f}: ${m}`,
        ),
      );
    assert.deepEqual(misses, []);
  });
});

describe('the matrix page in Portuguese', () => {
  it('writes the claims, outcomes and frame in Portuguese, linking to the English page', () => {
    const cell = {
      outcome: 'failed',
      reason: { code: 'violated', claim: 'IMG-06', expected: 'the same image ID', seen: 'two IDs' },
      expected: { kind: 'divergence', reason: 'BuildKit attests' },
    };
    const matrix = {
      startedAt: '2026-12-06T00:00:00Z',
      seconds: 60,
      drift: [],
      columns: [
        {
          id: 'docker-29.7',
          product: 'Docker Engine',
          version: '29.7.2',
          imageStore: 'containerd',
          builder: 'BuildKit',
          status: 'ran',
          seconds: 60,
          reports: 'docker-29.7',
          ranOn: [],
          totals: { passed: 0, failed: 1 },
        },
      ],
      rows: [{ id: 'IMG-06', claim: 'Docker reuses layers.', ranges: '', cells: { 'docker-29.7': cell } }],
    } as never;
    const html = matrixHtml(matrix, 'pt-BR', readPortugueseCatalog(ROOT));
    assert.match(html, /<html lang="pt-BR">/);
    assert.match(html, /<a href="matrix\.html" hreflang="en" lang="en">Read in English<\/a>/);
    assert.match(html, /O Docker reaproveita/);
    assert.match(html, /✘ refutada/);
    assert.match(
      html,
      /<span class="ranges">diverge em Docker 29\.7 \(<span lang="en">BuildKit attests<\/span>\)<\/span>/,
    );
    assert.deepEqual(glossaryMisses(htmlProse(html), readGlossary(glossaryFile(ROOT))), []);
  });
});

describe("a verdict's detail in each language", () => {
  it("says the kit's words in Portuguese, the refinement from the catalog, and what others said as recorded", () => {
    const held: ClaimDetail = {
      code: 'held',
      passed: 2,
      others: {
        count: 1,
        outcome: 'skipped',
        detail: { code: 'skipped', why: { code: 'no-buildkit', why: { code: 'cli-without-buildx' } } },
      },
      yourMachine: { url: 'http://127.0.0.1:8080/', answered: false, answer: 'connection refused' },
    };
    assert.equal(
      detailHtml(held, 'pt-BR', 'instruções que só mexem em metadados acrescentam entradas ao histórico.'),
      'o que acontece de fato: instruções que só mexem em metadados acrescentam entradas ao histórico. (2 cenários passaram, 1 não verificado: sem BuildKit: o CLI do docker não tem o plugin buildx, e é novo demais para fazer o build com DOCKER_BUILDKIT=1 sem ele; no host do engine. Na sua máquina: <code>http://127.0.0.1:8080/</code> não responde (<span lang="en">connection refused</span>): nada encaminha a porta do host do engine até esta máquina)',
    );
    assert.equal(detailHtml({ code: 'held', passed: 1 }, 'pt-BR'), '1 cenário passou');
    assert.equal(detailText({ code: 'held', passed: 1 }, 'en'), '1 scenario passed');
    assert.equal(
      detailHtml(
        { code: 'not-verified', step: 'x', why: { code: 'helper-refused', said: 'no <caps>' } },
        'pt-BR',
      ),
      'não verificada: no passo “<span lang="en">x</span>”, o engine recusou o contêiner auxiliar do kit nos namespaces do host dele: <span lang="en">no &lt;caps&gt;</span>',
    );
  });

  it("shows an earlier kit's sentence whole, as recorded", () => {
    assert.equal(
      detailHtml({ code: 'recorded', text: 'A scenario: IMG-06: expected <x>' }, 'pt-BR'),
      '<span lang="en">A scenario: IMG-06: expected &lt;x&gt;</span>',
    );
    assert.equal(
      detailHtml({ code: 'recorded', text: '1 scenario(s) passed' }, 'en'),
      '1 scenario(s) passed',
    );
  });

  it('renders the records the conformance report writes', () => {
    const claim = { id: 'IMG-05', claim: 'x', refinement: 'metadata adds history' };
    const scenario = (outcome: string, reason: ScenarioDetail) =>
      ({ name: 's', uri: 'u', outcome, reason, detail: '', durationMs: 1, claims: ['IMG-05'] }) as never;
    const [refined] = claimResults(
      [claim],
      [
        scenario('passed', { code: 'passed' }),
        scenario('skipped', { code: 'skipped', why: { code: 'offline' } }),
      ],
      new Set(['IMG-05']),
    );
    assert.equal(refined?.outcome, 'refined');
    assert.equal(
      refined?.detail,
      'what really happens: metadata adds history (1 scenario passed, 1 skipped: offline: this scenario needs Docker Hub; set KIT_ONLINE=1 where the machine reaches it)',
    );
    assert.equal(
      detailHtml(refined?.reason as ClaimDetail, 'pt-BR', 'metadados acrescentam histórico'),
      'o que acontece de fato: metadados acrescentam histórico (1 cenário passou, 1 não verificado: sem internet: este cenário precisa do Docker Hub; defina KIT_ONLINE=1 onde a máquina o alcança)',
    );
    const [notRun] = claimResults([claim], [], new Set(['IMG-05']));
    assert.equal(
      detailHtml(notRun?.reason as ClaimDetail, 'pt-BR'),
      'os cenários não foram selecionados nesta execução',
    );
  });

  it('names a record code that has no Portuguese, as check:translations does', () => {
    assert.deepEqual(recordGaps(), []);
    const { offline: _, ...withoutOffline } = REASONS_PT;
    assert.deepEqual(recordGaps([{ en: REASONS_EN, pt: withoutOffline }], ['offline', 'said']), [
      'the record code offline has no Portuguese text (support/reports/i18n/reasons-pt.ts)',
    ]);
  });

  it('has every reason and every detail in both languages, in words without markup', () => {
    for (const code of REASON_CODES) {
      assert.ok(REASONS_EN[code], `${code} has no English`);
      assert.ok(REASONS_PT[code], `${code} has no Portuguese`);
    }
    for (const code of DETAIL_CODES) {
      assert.ok(DETAILS_EN[code], `${code} has no English`);
      assert.ok(DETAILS_PT[code], `${code} has no Portuguese`);
    }
  });
});
