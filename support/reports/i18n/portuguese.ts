import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { REASON_CODES } from '../../common/reasons';
import { REASONS_EN } from '../../common/reasons-en';
import { readExpectations } from '../../matrix/expectations';
import { type Claim, featureFiles, parseCatalog, readCatalog } from '../../run/claims';
import { DETAIL_CODES } from '../details';
import { DETAILS_EN } from '../details-en';
import { type FeatureText, featureTexts } from '../features';
import { picturesIn } from '../markdown';
import { QUOTES, quoteGaps, quotesFile, readQuotes } from '../quotes';
import { glossaryMisses, readGlossary } from './glossary';
import { DETAILS_PT, REASONS_PT } from './reasons-pt';

/**
 * The kit's Brazilian Portuguese text, each piece beside the English it translates:
 * - features/claims.pt-BR.md, the catalog's claims (sentence, the notes' words, what a faithful check observes);
 * - features/…/NAME.pt-BR.md beside NAME.feature, the feature's title, description and rules;
 * - notes/NAME.pt-BR.md beside a note written in English;
 * - features/glossary.pt-BR.yaml, the one word for each of Docker's terms.
 */
const PT = 'pt-BR';
const catalogFile = (root: string) => join(root, 'features', `claims.${PT}.md`);
export const glossaryFile = (root: string) => join(root, 'features', `glossary.${PT}.yaml`);
/** The Portuguese companion of a feature or a note: `layers.feature` → `layers.pt-BR.md`. */
const companionOf = (file: string) => file.replace(/\.(feature|md)$/, `.${PT}.md`);
const isCompanion = (file: string) => file.endsWith(`.${PT}.md`);

/** The Portuguese catalog's claims; none when the file is missing (the check names each claim). */
export function readPortugueseCatalog(root: string): Claim[] {
  const file = catalogFile(root);
  return existsSync(file) ? parseCatalog(readFileSync(file, 'utf8'), 'pt-BR') : [];
}

/**
 * A feature's companion as its Markdown writes it: `# title`, the description, then a
 * `## ID: rule` per rule of the feature, in its order, each with the rule's prose if any.
 */
export function parseFeatureText(markdown: string): FeatureText {
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const text: FeatureText = { title: '', description: '', rules: [] };
  const body: string[] = [];
  const flush = () => {
    const prose = body.splice(0).join('\n').trim();
    const rule = text.rules.at(-1);
    if (rule) rule.description = prose;
    else text.description = prose;
  };
  for (const line of lines) {
    const heading = /^(#{1,2})\s+(.*)$/.exec(line);
    if (heading?.[1] === '#' && !text.title) text.title = (heading[2] ?? '').trim();
    else if (heading?.[1] === '##') {
      flush();
      const [, id = '', name = ''] = /^([A-Z]{3}-\d{2}):\s*(.*)$/.exec(heading[2] ?? '') ?? [];
      text.rules.push({ id, name: name.trim(), description: '' });
    } else body.push(line);
  }
  flush();
  return text;
}

/** The Portuguese prose of every feature that has its companion, by the feature's path. */
export function portugueseFeatureTexts(root: string): Map<string, FeatureText> {
  const texts = new Map<string, FeatureText>();
  for (const uri of featureFiles(join(root, 'features')).map((file) => relative(root, file))) {
    const file = join(root, companionOf(uri));
    if (existsSync(file)) texts.set(uri, parseFeatureText(readFileSync(file, 'utf8')));
  }
  return texts;
}

/**
 * The language a note is written in, from its commonest short words: a note's language is
 * not written down anywhere, and notes/ holds only Portuguese and English.
 */
export function noteLanguage(text: string): 'en' | 'pt-BR' {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const count = (set: string[]) => words.filter((w) => set.includes(w)).length;
  const pt = count(['de', 'que', 'não', 'uma', 'um', 'é', 'para', 'com', 'os', 'as', 'do', 'da']);
  const en = count(['the', 'is', 'and', 'of', 'to', 'a', 'it', 'on', 'in', 'that', 'you']);
  return pt >= en ? 'pt-BR' : 'en';
}

/** The learner's notes (not their translations, nor the folder's README). */
export const noteFiles = (notesDir: string) =>
  readdirSync(notesDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md' && !isCompanion(f))
    .sort();

/**
 * What the Portuguese edition lacks or gets wrong, a line each naming the claim, feature or
 * note: a claim without its sentence, the notes' words or what a check observes; a refinement
 * on one side only; a feature without its companion, or whose rules do not match; an English
 * note without its translation; a claim whose note notes/quotes.yaml does not quote, in the
 * note's words and the other language's (`quoteGaps`); a word the glossary refuses. Empty
 * when the edition is whole.
 */
export function translationGaps(root: string): string[] {
  const gaps: string[] = [...recordGaps(), ...expectationGaps(root)];
  const catalogName = `features/claims.${PT}.md`;
  const english = readCatalog(root);
  const catalogText = existsSync(catalogFile(root)) ? readFileSync(catalogFile(root), 'utf8') : '';
  const portuguese = new Map(parseCatalog(catalogText, 'pt-BR').map((c) => [c.id, c]));
  const features = featureTexts(join(root, 'features'), root);
  for (const claim of english) {
    const pt = portuguese.get(claim.id);
    if (!pt) {
      gaps.push(
        `${claim.id}: no Portuguese text in ${catalogName} (its sentence, the notes' words, what a faithful check observes)`,
      );
      continue;
    }
    const empty = (
      [
        ['Afirmação', pt.claim],
        ['Nas anotações', pt.source],
        ['O que uma verificação fiel observa', pt.observes],
      ] as const
    ).filter(([, value]) => !value?.trim());
    for (const [column] of empty) gaps.push(`${claim.id}: its "${column}" in ${catalogName} is empty`);
    if (Boolean(claim.refinement) !== Boolean(pt.refinement)) {
      gaps.push(
        claim.refinement
          ? `${claim.id}: the English catalog refines it ("${claim.refinement}"), its Portuguese has no "Refinamento:"`
          : `${claim.id}: its Portuguese has a "Refinamento:" the English catalog does not make`,
      );
    }
  }
  const stamps = catalogStamps(catalogText);
  for (const claim of english) {
    const recorded = stamps.get(claim.id);
    if (portuguese.has(claim.id) && recorded !== claimStamp(claim))
      gaps.push(
        `${claim.id}: ${recorded ? 'its English in features/claims.md changed since its Portuguese was written' : `${catalogName} records no stamp of the English its row translates`}: bring the row up to date, then npm run check:translations -- --stamp ${claim.id}`,
      );
  }
  const known = new Set(english.map((c) => c.id));
  for (const id of portuguese.keys())
    if (!known.has(id)) gaps.push(`${id}: in ${catalogName} but not in the catalog (features/claims.md)`);

  for (const [uri, en] of features) {
    const companion = companionOf(uri);
    if (!existsSync(join(root, companion))) {
      gaps.push(
        `${uri}: no Portuguese text beside it (${companion}, claims ${en.rules.map((r) => r.id).join(', ')})`,
      );
      continue;
    }
    const markdown = readFileSync(join(root, companion), 'utf8');
    const pt = parseFeatureText(markdown);
    const recorded = companionStamp(markdown);
    if (recorded !== featureStamp(en))
      gaps.push(
        `${uri}: ${recorded ? `its English (title, description or rules) changed since ${companion} was written` : `${companion} records no stamp (en:…) of the English it translates`}: bring it up to date, then npm run check:translations -- --stamp ${uri}`,
      );
    if (!pt.title) gaps.push(`${companion}: no "# title"`);
    if (!pt.description) gaps.push(`${companion}: no description under its title`);
    const ruleIds = (t: FeatureText) => t.rules.map((r) => r.id).join(', ');
    if (ruleIds(en) !== ruleIds(pt)) {
      gaps.push(
        `${companion}: its rules are ${ruleIds(pt) || 'none'}, the feature's are ${ruleIds(en)} ("## ID: rule" each, in order)`,
      );
    }
    pt.rules.forEach((rule, i) => {
      if (!rule.name) gaps.push(`${companion}: rule ${rule.id || i + 1} has no name`);
      if (en.rules[i]?.description && !rule.description)
        gaps.push(`${companion}: rule ${rule.id} has no Portuguese for the rule's own prose`);
    });
  }
  for (const file of readdirSync(join(root, 'features'), { recursive: true, encoding: 'utf8' })) {
    const feature = file.replace(/\.pt-BR\.md$/, '.feature');
    if (isCompanion(file) && file !== `claims.${PT}.md` && !existsSync(join(root, 'features', feature)))
      gaps.push(`features/${file}: translates features/${feature}, which does not exist`);
  }

  const notesDir = join(root, 'notes');
  for (const note of noteFiles(notesDir)) {
    if (
      noteLanguage(readFileSync(join(notesDir, note), 'utf8')) === 'en' &&
      !existsSync(join(notesDir, companionOf(note)))
    )
      gaps.push(`notes/${note}: written in English, without its translation (notes/${companionOf(note)})`);
  }
  const quotes = readQuotes(quotesFile(root));
  gaps.push(
    ...quoteGaps(
      quotes,
      english.map((c) => c.id),
      readNotes(notesDir),
    ),
  );

  const glossary = readGlossary(glossaryFile(root));
  const texts = [
    catalogName,
    ...[...features.keys()].map(companionOf),
    ...readdirSync(notesDir)
      .filter(isCompanion)
      .map((f) => `notes/${f}`),
  ].filter((f) => existsSync(join(root, f)));
  for (const file of texts) {
    const text =
      file === catalogName
        ? catalogText
            .split('\n')
            .filter((l) => /^\|\s*[A-Z]{3}-\d{2}/.test(l))
            .join('\n')
        : readFileSync(join(root, file), 'utf8');
    for (const miss of glossaryMisses(text, glossary)) gaps.push(`${file}: ${miss}`);
  }
  const quotedInPortuguese = [...quotes.values()].flatMap((qs) => qs.map((q) => q.rendering['pt-BR'] ?? ''));
  for (const miss of glossaryMisses(quotedInPortuguese.join('\n'), glossary)) gaps.push(`${QUOTES}: ${miss}`);
  return gaps;
}

/** A learner's note as the book shows it: its file, its text, its language, and its Portuguese translation if it has one. */
export interface Note {
  file: string;
  text: string;
  lang: 'en' | 'pt-BR';
  translation?: string;
  /** The pictures the note shows that the notes folder does not hold (the learner's `fluxo.png`). */
  missingPictures: string[];
}

/** The notes under `notesDir`, each read once. */
export function readNotes(notesDir: string): Note[] {
  return noteFiles(notesDir).map((file) => {
    const text = readFileSync(join(notesDir, file), 'utf8');
    const companion = join(notesDir, companionOf(basename(file)));
    return {
      file,
      text,
      lang: noteLanguage(text),
      missingPictures: picturesIn(text).filter((src) => !existsSync(join(notesDir, src))),
      ...(existsSync(companion) ? { translation: readFileSync(companion, 'utf8') } : {}),
    };
  });
}

/**
 * What a Portuguese text records of the English it translates: a stamp (12 hex digits of
 * SHA-256) of the claim's row (its sentence, source and observation) or of the feature's prose
 * (title, description, rules). When the English changes, the check names the text to update.
 * A feature's companion keeps it in its first comment (`en:STAMP`), the catalog in a comment at
 * its end, a line per claim (`IMG-05 STAMP`).
 */
const stampOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const claimStamp = (claim: Claim) => stampOf([claim.claim, claim.source, claim.observes].join('\n'));
const featureStamp = (text: FeatureText) => stampOf(JSON.stringify(text));

const STAMPS_START = '<!-- en: a versão do inglês que cada linha traduz';
/** The catalog's stamps, by claim. */
function catalogStamps(markdown: string): Map<string, string> {
  const block = markdown.slice(markdown.indexOf(STAMPS_START) + 1 || markdown.length);
  return new Map(
    [...block.matchAll(/^([A-Z]{3}-\d{2}) ([0-9a-f]{12})$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
}
/** A feature companion's stamp, from its first comment. */
const companionStamp = (markdown: string) => /^<!--[^\n]*\ben:([0-9a-f]{12})\b/.exec(markdown)?.[1];

/**
 * `npm run check:translations -- --stamp WHAT...`: records that the Portuguese of each claim
 * ID or feature file named (or `all`) translates its English as it is now, once a translator
 * has brought it up to date. Rewrites only the stamps, and nothing when a name is unknown.
 */
export function stamp(root: string, what: readonly string[]): { stamped: string[]; unknown: string[] } {
  const all = what.includes('all');
  const done: string[] = [];
  const english = readCatalog(root);
  const features = featureTexts(join(root, 'features'), root);
  const known = new Set([
    'all',
    ...english.map((c) => c.id),
    ...[...features.keys()].filter((uri) => existsSync(join(root, companionOf(uri)))),
  ]);
  const unknown = what.filter((w) => !known.has(w));
  if (unknown.length > 0) return { stamped: [], unknown };
  const file = catalogFile(root);
  const markdown = readFileSync(file, 'utf8');
  const stamps = catalogStamps(markdown);
  for (const claim of english) {
    if (all || what.includes(claim.id)) {
      stamps.set(claim.id, claimStamp(claim));
      done.push(claim.id);
    }
  }
  const kept = markdown.includes(STAMPS_START)
    ? markdown.slice(0, markdown.indexOf(STAMPS_START)).trimEnd()
    : markdown.trimEnd();
  const lines = english.filter((c) => stamps.has(c.id)).map((c) => `${c.id} ${stamps.get(c.id)}`);
  writeFileSync(
    file,
    `${kept}\n\n${STAMPS_START} (npm run check:translations -- --stamp ID):\n${lines.join('\n')}\n-->\n`,
  );
  for (const [uri, text] of features) {
    if (!(all || what.includes(uri))) continue;
    const companion = join(root, companionOf(uri));
    if (!existsSync(companion)) continue;
    const body = readFileSync(companion, 'utf8');
    const [first = '', ...rest] = body.split('\n');
    const comment = first.startsWith('<!--')
      ? first.replace(/\s*\ben:[0-9a-f]{12}\b/, '').replace(/\s*-->$/, ` en:${featureStamp(text)} -->`)
      : `<!-- Tradução de ${uri}. en:${featureStamp(text)} -->\n${first}`;
    writeFileSync(companion, [comment, ...rest].join('\n'));
    done.push(uri);
  }
  return { stamped: done, unknown: [] };
}

/**
 * The reason and detail codes the kit records that an edition cannot say: each must have its
 * English and its Portuguese (common/reasons-en.ts, reports/details-en.ts, i18n/reasons-pt.ts).
 */
export function recordGaps(
  sayings: { en: Record<string, unknown>; pt: Record<string, unknown> }[] = [
    { en: REASONS_EN, pt: REASONS_PT },
    { en: DETAILS_EN, pt: DETAILS_PT },
  ],
  codes: readonly string[] = [...REASON_CODES, ...DETAIL_CODES],
): string[] {
  const gaps: string[] = [];
  for (const code of codes) {
    const said = sayings.find((s) => code in s.en || code in s.pt);
    if (!said) gaps.push(`the record code ${code} has no English and no Portuguese text`);
    else if (!(code in said.pt))
      gaps.push(`the record code ${code} has no Portuguese text (support/reports/i18n/reasons-pt.ts)`);
    else if (!(code in said.en)) gaps.push(`the record code ${code} has no English text`);
  }
  return gaps;
}

/** The kit's own expectations (expectations/*.yaml) whose reason has no Portuguese (`reason-pt-BR`). */
function expectationGaps(root: string): string[] {
  const dir = join(root, 'expectations');
  if (!existsSync(dir)) return [];
  const ids = new Set(readCatalog(root).map((c) => c.id));
  const glossary = readGlossary(glossaryFile(root));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) =>
      [...readExpectations(join(dir, f), ids)].flatMap(([claim, e]) =>
        !e.reasonPt
          ? [`expectations/${f}: ${claim}: its reason has no Portuguese (reason-pt-BR)`]
          : glossaryMisses(e.reasonPt, glossary).map((m) => `expectations/${f}: ${claim}: ${m}`),
      ),
    );
}
