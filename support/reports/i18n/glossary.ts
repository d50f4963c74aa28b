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

/** English words no Portuguese sentence uses: three of them close together are an English sentence. */
const ENGLISH_WORDS = new Set(
  'the and is are was were not with from this that its which what when where has have been into only but does than it by of an or to be can cannot there their they would should'.split(
    ' ',
  ),
);

/**
 * The stretches of a Portuguese page's own prose (see htmlProse) that read as English: three
 * English function words within eight words. The commands, the engine's output, the steps and
 * whatever else is marked `lang="en"` are not prose of the page's, and are not looked at.
 */
export function englishInProse(prose: string): string[] {
  // Addresses and file paths are names, not sentences.
  const words = prose
    .replace(/\S*[/\\]\S*|\S+\.(?:feature|md|yaml|json|html)\b/g, ' ')
    .split(/[^\p{L}'’]+/u)
    .filter(Boolean);
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const window = words.slice(i, i + 8);
    const english = window.filter((w) => ENGLISH_WORDS.has(w.toLowerCase()));
    if (english.length >= 3 && ENGLISH_WORDS.has((words[i] ?? '').toLowerCase())) {
      found.push(window.join(' '));
      i += 7;
    }
  }
  return found;
}
