import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type FeatureText, featureTexts } from '../reports/features';
import { type Claim, parseCatalog, readCatalog } from '../run/claims';
import { glossaryMisses, readGlossary } from './glossary';

/**
 * The kit's Brazilian Portuguese text, each piece beside the English it translates:
 * - features/claims.pt-BR.md, the catalog's claims (sentence, the notes' words, what a faithful check observes);
 * - features/…/NAME.pt-BR.md beside NAME.feature, the feature's title, description and rules;
 * - notes/NAME.pt-BR.md beside a note written in English;
 * - features/glossary.pt-BR.yaml, the one word for each of Docker's terms.
 */
export const PT = 'pt-BR';
export const catalogFile = (root: string) => join(root, 'features', `claims.${PT}.md`);
export const glossaryFile = (root: string) => join(root, 'features', `glossary.${PT}.yaml`);
/** The Portuguese companion of a feature or a note: `layers.feature` → `layers.pt-BR.md`. */
export const companionOf = (file: string) => file.replace(/\.(feature|md)$/, `.${PT}.md`);
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
  for (const uri of featureTexts(join(root, 'features'), root).keys()) {
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
 * note without its translation; a word the glossary refuses. Empty when the edition is whole.
 */
export function translationGaps(root: string): string[] {
  const gaps: string[] = [];
  const catalogName = `features/claims.${PT}.md`;
  const english = readCatalog(root);
  const portuguese = new Map(readPortugueseCatalog(root).map((c) => [c.id, c]));
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
  const known = new Set(english.map((c) => c.id));
  for (const id of portuguese.keys())
    if (!known.has(id)) gaps.push(`${id}: in ${catalogName} but not in the catalog (features/claims.md)`);

  for (const [uri, en] of featureTexts(join(root, 'features'), root)) {
    const companion = companionOf(uri);
    if (!existsSync(join(root, companion))) {
      gaps.push(
        `${uri}: no Portuguese text beside it (${companion}, claims ${en.rules.map((r) => r.id).join(', ')})`,
      );
      continue;
    }
    const pt = parseFeatureText(readFileSync(join(root, companion), 'utf8'));
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

  const glossary = readGlossary(glossaryFile(root));
  const texts = [
    catalogName,
    ...[...featureTexts(join(root, 'features'), root).keys()].map(companionOf),
    ...readdirSync(notesDir)
      .filter(isCompanion)
      .map((f) => `notes/${f}`),
  ].filter((f) => existsSync(join(root, f)));
  for (const file of texts) {
    let text = readFileSync(join(root, file), 'utf8');
    if (file === catalogName)
      text = text
        .split('\n')
        .filter((l) => /^\|\s*[A-Z]{3}-\d{2}/.test(l))
        .join('\n');
    for (const miss of glossaryMisses(text, glossary)) gaps.push(`${file}: ${miss}`);
  }
  return gaps;
}

/** A note's Portuguese translation, when it has one. */
export function noteTranslation(notesDir: string, note: string): string | undefined {
  const file = join(notesDir, companionOf(basename(note)));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
