import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { kitCommand } from '../common/commands';
import { SetupError } from '../common/errors';
import type { Matrix } from '../matrix/model';
import { type BookEngine, brokenLinks, writeBook } from '../reports/book';
import { claimChapters, twinsOf } from '../reports/features';
import { readScenarioRuns } from '../reports/messages';
import { REPORTS, ROOT, readConformance, requireWritableReports } from '../reports/writers';
import { readCatalog } from '../run/claims';
import { runCommand } from './command';

/**
 * `npm run book`: the features as a static site under reports/book/ — a page per claim with
 * the note's words, what really happens, each engine's verdict and transcript, and the
 * falsified twin. Verdicts come from the last matrix when there is one, else the last run.
 */
function main(): number {
  const catalog = readCatalog(ROOT);
  const { engines, from, ranges } = enginesOfLastResults();
  const out = join(REPORTS, 'book');
  requireWritableReports(out);
  const pages = writeBook(out, {
    catalog,
    chapters: claimChapters(join(ROOT, 'features'), ROOT),
    twins: twinsOf(join(ROOT, 'support', 'test', 'falsified'), ROOT),
    glosses: readGlosses(join(ROOT, 'notes', 'glosses.yaml')),
    notesDir: join(ROOT, 'notes'),
    engines,
    from,
    ranges: ranges ?? new Map(),
  });
  const broken = brokenLinks(out);
  if (broken.length > 0) {
    process.stderr.write(
      `docker-conformance-kit: the book has links that lead nowhere:\n  ${broken.join('\n  ')}\n`,
    );
    return 1;
  }
  process.stdout.write(
    `docker-conformance-kit: the book has ${pages} claim pages, verdicts from ${from}: ${relative(process.cwd(), join(out, 'index.html'))}\n`,
  );
  return 0;
}

/** The engines of the last matrix (reports/matrix/matrix.json), else of the last run. */
function enginesOfLastResults(): { engines: BookEngine[]; from: string; ranges?: Map<string, string> } {
  const matrixFile = join(REPORTS, 'matrix', 'matrix.json');
  if (existsSync(matrixFile)) {
    const matrix = readJson<Matrix>(matrixFile);
    const engines = matrix.columns.map((column) => ({
      id: column.id,
      title: column.title,
      verdicts: new Map(
        matrix.rows.map((row) => {
          const cell = row.cells[column.id];
          return [
            row.id,
            { outcome: cell?.outcome ?? 'not run', detail: cell?.detail ?? '', kind: cell?.expected?.kind },
          ];
        }),
      ),
      scenarios: readRunsIfAny(join(REPORTS, 'matrix', column.reports, 'cucumber.ndjson')),
    }));
    return {
      engines,
      from: `the matrix of ${matrix.startedAt} (${engines.length} engine${engines.length === 1 ? '' : 's'})`,
      ranges: new Map(matrix.rows.map((row) => [row.id, row.ranges ?? ''])),
    };
  }
  const runFile = join(REPORTS, 'conformance.json');
  if (existsSync(runFile)) {
    const report = readConformance(runFile);
    const engine: BookEngine = {
      id: report.engine.endpoint,
      title: `${report.engine.product} ${report.engine.serverVersion}`,
      verdicts: new Map(report.claims.map((c) => [c.id, { outcome: c.outcome, detail: c.detail }])),
      scenarios: readRunsIfAny(join(REPORTS, 'cucumber.ndjson')),
    };
    return { engines: [engine], from: `the run of ${report.startedAt}` };
  }
  return { engines: [], from: `no run yet (${kitCommand('test')} or ${kitCommand('matrix')} first)` };
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

function readGlosses(file: string): Record<string, string> {
  return existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as Record<string, string> | null) ?? {}) : {};
}

runCommand('the book', main);
