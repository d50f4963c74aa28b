import { kitCommand, type Verb } from '../common/commands';
import { SetupError } from '../common/errors';

/** The languages the kit's book and matrix are written in: English, and the notes' Brazilian Portuguese. */
export const LANGS = ['en', 'pt-BR'] as const;
export type Lang = (typeof LANGS)[number];

/** The other edition of `lang`: each page links to it. */
export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'pt-BR' : 'en');

/**
 * The `--lang X` (or `--lang=X`) of a command's arguments, `en` when absent, and the
 * arguments without it. A language the kit is not written in is one line.
 */
export function langOption(argv: readonly string[], command: Verb): { lang: Lang; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--lang') {
      value = argv[i + 1] ?? '';
      i++;
    } else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  if (value === undefined) return { lang: 'en', rest };
  const lang = LANGS.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!lang) {
    throw new SetupError(
      `--lang ${value || '(nothing)'}: the kit is written in ${LANGS.join(' and ')} only.`,
      `Use ${kitCommand(command, '--lang pt-BR')}, or leave --lang out for English.`,
    );
  }
  return { lang, rest };
}

/** Where a language's edition of a report stands beside the English one: `''` for English, `pt-BR/` otherwise. */
export const editionDir = (lang: Lang) => (lang === 'en' ? '' : `${lang}/`);
