import { translationGaps } from '../i18n/portuguese';
import { ROOT } from '../reports/writers';
import { EXIT, runCommand } from './command';

/**
 * `npm run check:translations`: whether the Brazilian Portuguese edition is whole, a line for
 * each claim, feature or note that lacks its Portuguese or a glossary word. Part of `npm run check`.
 */
function main(): number {
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
