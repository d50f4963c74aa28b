import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from '../common/errors';
import { englishInProse, glossaryMisses, htmlProse, readGlossary } from '../reports/i18n/glossary';
import { glossaryFile, stamp, translationGaps } from '../reports/i18n/portuguese';
import { ROOT } from '../reports/writers';
import { EXIT, runCommand } from './command';

/**
 * `npm run check:translations`: whether the Brazilian Portuguese edition is whole, a line for
 * each claim, feature or note that lacks its Portuguese or a glossary word. Part of `npm run check`.
 */
function main(argv: string[]): number {
  if (argv[0] === '--stamp') {
    const what = argv.slice(1);
    if (what.length === 0) {
      throw new SetupError(
        '--stamp needs the claims or features whose Portuguese is now up to date.',
        'Name them: npm run check:translations -- --stamp IMG-05 features/images/layers.feature (or all).',
      );
    }
    const { stamped, unknown } = stamp(ROOT, what);
    if (unknown.length > 0) {
      throw new SetupError(
        `--stamp: ${unknown.join(', ')} is no claim ID of the catalog, nor a feature file with its Portuguese beside it.`,
        'Name claim IDs (IMG-05) or feature files (features/images/layers.feature), or all; nothing was stamped.',
      );
    }
    process.stdout.write(
      `docker-conformance-kit: stamped as translating the English as it is now: ${stamped.join(', ')}\n`,
    );
    return EXIT.ok;
  }
  if (argv[0] === '--book') return checkBook(argv[1]);
  if (argv.length > 0) {
    throw new SetupError(
      `check:translations takes no ${argv.join(' ')}.`,
      'Use npm run check:translations, npm run check:translations -- --stamp ID... once a Portuguese text is up to date, or -- --book DIR to read a written book.',
    );
  }
  const gaps = translationGaps(ROOT);
  for (const gap of gaps) process.stderr.write(`docker-conformance-kit: pt-BR: ${gap}\n`);
  if (gaps.length > 0) {
    process.stderr.write(
      `docker-conformance-kit: the Portuguese edition lacks ${gaps.length} text(s); write them beside the English (README: "The book in Portuguese").\n`,
    );
    return EXIT.notAsExpected;
  }
  process.stdout.write(
    'docker-conformance-kit: the Portuguese edition is whole: every claim, feature and note.\n',
  );
  return EXIT.ok;
}

runCommand('check:translations', 'the check of the Portuguese edition', main);

/**
 * `--book DIR`: reads every Portuguese page of a written book (DIR: its pt-BR folder) as a
 * native reader would, and names each page whose own words are English or a word the glossary
 * refuses. The commands, the engine's output and the steps, marked `lang="en"`, are left alone.
 */
function checkBook(dir: string | undefined): number {
  if (!dir || !existsSync(dir)) {
    throw new SetupError(
      `--book needs the folder of a written book's Portuguese edition${dir ? `, and ${dir} is not there` : ''}.`,
      'Write it with npm run book, then: npm run check:translations -- --book reports/book/pt-BR',
    );
  }
  const glossary = readGlossary(glossaryFile(ROOT));
  const pages = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  const misses = pages.flatMap((page) => {
    const prose = htmlProse(readFileSync(join(dir, page), 'utf8'));
    return [
      ...englishInProse(prose).map((text) => `${page}: reads as English: "${text}"`),
      ...glossaryMisses(prose, glossary).map((m) => `${page}: ${m}`),
    ];
  });
  for (const miss of misses) process.stderr.write(`docker-conformance-kit: pt-BR: ${miss}\n`);
  if (misses.length > 0) return EXIT.notAsExpected;
  process.stdout.write(
    `docker-conformance-kit: the ${pages.length} Portuguese pages in ${dir} hold no English of the kit's own and follow the glossary.\n`,
  );
  return EXIT.ok;
}
