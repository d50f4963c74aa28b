import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { literally } from '../../common/pattern';

/** One of Docker's terms, as every Portuguese text of the kit writes it. */
export interface Term {
  en: string;
  pt: string;
  /** Forms refused outside code, quotations and addresses. */
  avoid: string[];
  note?: string;
}

/** The glossary, features/glossary.pt-BR.yaml: a file that does not read as one is the kit's error, in one line. */
export function readGlossary(file: string): Term[] {
  const raw = parse(readFileSync(file, 'utf8')) as Record<string, Partial<Term>> | null;
  return Object.entries(raw ?? {}).map(([en, term]) => {
    if (typeof term?.pt !== 'string' || (term.avoid !== undefined && !Array.isArray(term.avoid))) {
      throw new Error(`${file}: the term "${en}" needs a "pt" word and, if any, a list of "avoid" forms`);
    }
    return { en, pt: term.pt, avoid: term.avoid ?? [], ...(term.note ? { note: term.note } : {}) };
  });
}

/**
 * Prose without what the glossary does not govern: code spans and blocks, quotations ("…",
 * “…”), addresses and paths, HTML comments and tags, `@tags`. What is left is the kit's own
 * Portuguese.
 */
function ownProse(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"|“[^”]*”/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.-]*\/[\w./-]+/g, ' ')
    .replace(/@\S+/g, ' ');
}

/** Each form the glossary refuses that `text` uses in its own prose: `"container" (write "contêiner")`. */
export function glossaryMisses(text: string, glossary: readonly Term[]): string[] {
  const prose = ownProse(text);
  const misses: string[] = [];
  for (const term of glossary) {
    for (const form of term.avoid) {
      if (new RegExp(`(?<![\\p{L}\\p{N}_-])${literally(form)}(?![\\p{L}\\p{N}_-])`, 'iu').test(prose)) {
        misses.push(`"${form}" (the glossary's word for "${term.en}" is "${term.pt}")`);
      }
    }
  }
  return misses;
}

/**
 * A page's own prose in its language: its text without the parts that stay as they ran or as
 * the learner wrote them (`<pre>`, `<code>`, quotations, a note as the learner wrote it in a
 * `<section class="learner">`, anything marked `lang="en"`) and without its markup.
 */
export function htmlProse(html: string): string {
  return html
    .replace(/<section class="learner"[^>]*>[\s\S]*?<\/section>/g, ' ')
    .replace(/<(style|pre|code|blockquote|title)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(\w+)\b[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
