/** The languages the kit's book and matrix are written in: English, and the notes' Brazilian Portuguese. */
export const LANGS = ['en', 'pt-BR'] as const;
export type Lang = (typeof LANGS)[number];

/** Something made once for each language. */
export const inEachLanguage = <T>(make: (lang: Lang) => T): Record<Lang, T> =>
  Object.fromEntries(LANGS.map((lang) => [lang, make(lang)])) as Record<Lang, T>;

/** The other edition of `lang`: each page links to it. */
export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'pt-BR' : 'en');

/** Where a language's edition of a report stands beside the English one: `''` for English, `pt-BR/` otherwise. */
export const editionDir = (lang: Lang) => (lang === 'en' ? '' : `${lang}/`);
