import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LANGS, type Lang, otherLang } from './i18n/lang';

/**
 * One quotation of a learner's note behind a claim (notes/quotes.yaml): the note, by its
 * number; its words as the learner wrote them; and the same words in the other language (an
 * English gloss of a Portuguese note, the Portuguese of an English one).
 */
export interface Quotation {
  note: string;
  said: string;
  rendering: Partial<Record<Lang, string>>;
}

/** A note as the quotations are checked against it: its file, its text, its language and its translation if any (i18n/portuguese.ts's `Note`). */
type QuotedNote = { file: string; text: string; lang: Lang; translation?: string };

/** Each claim's quotations, by claim ID, in the order the file gives them. */
export type Quotes = Map<string, Quotation[]>;

export const QUOTES = 'notes/quotes.yaml';
export const quotesFile = (root: string) => join(root, QUOTES);

/**
 * The quotations of notes/quotes.yaml; none when the file is missing (the check names each
 * claim). A file that does not read as one is the kit's error, in one line.
 */
export function readQuotes(file: string): Quotes {
  if (!existsSync(file)) return new Map();
  const raw = (parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null) ?? {};
  return new Map(
    Object.entries(raw).map(([id, list]) => {
      const quotations = (Array.isArray(list) ? list : [list]).map((q: Record<string, unknown> | null) => {
        if (typeof q?.note !== 'string' || typeof q.said !== 'string')
          throw new Error(
            `${file}: each quotation of ${id} needs a "note" (its number, quoted: "000") and what it "said"`,
          );
        const rendering = Object.fromEntries(
          LANGS.filter((lang) => typeof q[lang] === 'string').map((lang) => [lang, q[lang] as string]),
        );
        return { note: q.note, said: q.said, rendering };
      });
      return [id, quotations];
    }),
  );
}

/** Text as a note holds it, whatever its line breaks and spacing. */
const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();
/** A quotation's first words, to name it in a line. */
const opening = (text: string) => {
  const words = spaced(text);
  return `"${words.length > 60 ? `${words.slice(0, 60)}…` : words}"`;
};

/**
 * What the quotations lack, a line each naming the claim: a claim of the catalog with no
 * quotation; a quotation of a note notes/ does not hold, or not in its note as written
 * (spacing aside); a quotation without its words in the other language, or whose Portuguese
 * is not the note's translation's; a claim the catalog does not make.
 */
export function quoteGaps(quotes: Quotes, claims: readonly string[], notes: readonly QuotedNote[]): string[] {
  const gaps: string[] = [];
  for (const id of claims)
    if ((quotes.get(id) ?? []).length === 0)
      gaps.push(`${id}: ${QUOTES} quotes no note for it (the learner's words the claim comes from)`);
  for (const [id, quotations] of quotes) {
    if (!claims.includes(id)) gaps.push(`${id}: in ${QUOTES} but not in the catalog (features/claims.md)`);
    for (const q of quotations) {
      const note = notes.find((n) => n.file.startsWith(`${q.note}-`));
      if (!note) {
        gaps.push(`${id}: ${QUOTES} quotes note ${q.note}, which notes/ does not hold`);
        continue;
      }
      if (!spaced(note.text).includes(spaced(q.said)))
        gaps.push(
          `${id}: its quotation ${opening(q.said)} is not in notes/${note.file} as the learner wrote it`,
        );
      const other = otherLang(note.lang);
      const rendering = q.rendering[other];
      if (!rendering?.trim())
        gaps.push(
          `${id}: its quotation ${opening(q.said)} of notes/${note.file} has no ${other === 'en' ? 'English gloss (en:)' : 'Portuguese (pt-BR:)'} in ${QUOTES}`,
        );
      else if (other === 'pt-BR' && note.translation && !spaced(note.translation).includes(spaced(rendering)))
        gaps.push(
          `${id}: the Portuguese ${opening(rendering)} of its quotation of notes/${note.file} is not in the note's translation as written`,
        );
    }
  }
  return gaps;
}
