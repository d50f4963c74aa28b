import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kitCommand } from '../common/commands';
import { SetupError } from '../common/errors';
import type { Matrix } from '../matrix/model';
import { whereItHoldsHtml } from '../matrix/ranges';
import { type BookEngine, brokenLinks, partialRun, writeBook } from '../reports/book';
import type { ConformanceReport } from '../reports/conformance';
import { claimChapters, twinsOf } from '../reports/features';
import { editionDir, inEachLanguage, type Lang, otherLang } from '../reports/i18n/lang';
import { portugueseFeatureTexts, readNotes, readPortugueseCatalog } from '../reports/i18n/portuguese';
import { outcomeWord, WORDS } from '../reports/i18n/words';
import { readScenarioRuns } from '../reports/messages';
import { quotesFile, readQuotes } from '../reports/quotes';
import { upgradeMatrix } from '../reports/upgrade';
import { REPORTS, ROOT, readConformance, requireWritableReports } from '../reports/writers';
import { readCatalog } from '../run/claims';
import { langOption } from './args';
import { EXIT, runCommand } from './command';

/**
 * `npm run book`: the features as a static site under reports/book/ — a page per claim with
 * the note's words, what really happens, each engine's verdict and transcript, and the
 * falsified twin, in English and, under reports/book/pt-BR/, in Brazilian Portuguese (`--lang
 * pt-BR` names that edition). Verdicts come from the newer of the last matrix and the last run; a report of
 * the kit's self-tests is refused (its verdicts are not the engine's).
 */
function main(argv: string[]): number {
  const { lang, rest } = langOption(argv, 'book');
  if (rest.length > 0) {
    throw new SetupError(
      `The book takes no ${rest.join(' ')}: it is made from the last run or matrix.`,
      `Use ${kitCommand('book')}, or ${kitCommand('book', '--lang pt-BR')} for the edition in Portuguese.`,
    );
  }
  const catalog = readCatalog(ROOT);
  const { engines, from, partial, ranges } = enginesOfLastResults(catalog.length);
  const out = join(REPORTS, 'book');
  requireWritableReports(out);
  const pages = writeBook(out, {
    catalog,
    chapters: claimChapters(join(ROOT, 'features'), ROOT),
    twins: twinsOf(join(ROOT, 'support', 'test', 'falsified'), ROOT),
    quotes: readQuotes(quotesFile(ROOT)),
    portuguese: { catalog: readPortugueseCatalog(ROOT), features: portugueseFeatureTexts(ROOT) },
    notes: readNotes(join(ROOT, 'notes')),
    engines,
    from,
    partial,
    ranges: ranges ?? { en: new Map(), 'pt-BR': new Map() },
  });
  const broken = brokenLinks(out);
  if (broken.length > 0) {
    process.stderr.write(
      `docker-conformance-kit: the book has links that lead nowhere:\n  ${broken.join('\n  ')}\n`,
    );
    return EXIT.notAsExpected;
  }
  const index = (edition: Lang) => relative(process.cwd(), join(out, editionDir(edition), 'index.html'));
  process.stdout.write(
    `docker-conformance-kit: ${WORDS[lang].book.written(pages, from[lang], index(lang), index(otherLang(lang)))}\n`,
  );
  return EXIT.ok;
}

type Verdicts = {
  engines: BookEngine[];
  from: Record<Lang, string>;
  partial: Record<Lang, string[]>;
  ranges?: Record<Lang, Map<string, string>>;
};

/**
 * The engines of the newer of the last matrix (reports/matrix/matrix.json) and the last run
 * (reports/conformance.json); with neither, one line saying what to run first.
 */
function enginesOfLastResults(catalogSize: number): Verdicts {
  const matrixFile = join(REPORTS, 'matrix', 'matrix.json');
  const runFile = join(REPORTS, 'conformance.json');
  const matrix = existsSync(matrixFile) ? upgradeMatrix(readJson<Matrix>(matrixFile)) : undefined;
  const run = existsSync(runFile) ? readConformance(runFile) : undefined;
  if (matrix && (!run || Date.parse(matrix.startedAt) >= Date.parse(run.startedAt))) return ofMatrix(matrix);
  if (run) return ofRun(run, catalogSize);
  throw new SetupError(
    `There are no verdicts to make the book of yet: ${relative(process.cwd(), REPORTS) || '.'} holds no run of ${kitCommand('test')} and no matrix.`,
    `Run ${kitCommand('test')} first (or ${kitCommand('matrix')}), then ${kitCommand('book')}.`,
  );
}

function ofMatrix(matrix: Matrix): Verdicts {
  const engines = matrix.columns.map((column) => ({
    id: column.id,
    title: column.title,
    verdicts: new Map(
      matrix.rows.map((row) => {
        const cell = row.cells[column.id];
        return [
          row.id,
          {
            outcome: cell?.outcome ?? 'not run',
            reason: cell?.reason ?? { code: 'not-selected' },
            kind: cell?.expected?.kind,
          },
        ];
      }),
    ),
    scenarios: readRunsIfAny(join(REPORTS, 'matrix', column.reports, 'cucumber.ndjson')),
  }));
  const stopped = matrix.columns.filter((c) => c.status !== 'ran');
  const notRun = matrix.rows
    .filter((row) => matrix.columns.some((c) => c.status === 'ran' && row.cells[c.id]?.outcome === 'not run'))
    .map((r) => r.id)
    .join(', ');
  const partial = (lang: Lang) => {
    const b = WORDS[lang].book;
    return [
      ...stopped.map((c) =>
        b.noColumn(c.id, `${outcomeWord(WORDS[lang], c.status)}${c.failure ? ` (${c.failure})` : ''}`),
      ),
      ...(notRun ? [b.notRunEverywhere(notRun)] : []),
    ];
  };
  return {
    engines,
    from: inEachLanguage((lang) => WORDS[lang].book.fromMatrix(matrix.startedAt, engines.length)),
    partial: inEachLanguage(partial),
    ranges: inEachLanguage(
      (lang) =>
        new Map(matrix.rows.map((row) => [row.id, whereItHoldsHtml(matrix.columns, row.cells, lang)])),
    ),
  };
}

function ofRun(report: ConformanceReport, catalogSize: number): Verdicts {
  const engine: BookEngine = {
    id: report.engine.endpoint,
    title: `${report.engine.product} ${report.engine.serverVersion}`,
    verdicts: new Map(report.claims.map((c) => [c.id, { outcome: c.outcome, reason: c.reason }])),
    scenarios: readRunsIfAny(join(REPORTS, 'cucumber.ndjson')),
  };
  return {
    engines: [engine],
    from: inEachLanguage((lang) => WORDS[lang].book.fromRun(report.startedAt)),
    partial: inEachLanguage((lang) => partialRun(report, catalogSize, lang)),
  };
}

function readRunsIfAny(file: string) {
  return existsSync(file) ? readScenarioRuns(file) : [];
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new SetupError(
      `${relative(process.cwd(), file)} does not parse (${(error as Error).message}).`,
      `Run ${kitCommand('test')} or ${kitCommand('matrix')} again to write it anew.`,
    );
  }
}

runCommand('book', 'the book', main);
