import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { kitCommand } from '../common/commands';
import type { Claim } from '../run/claims';
import type { ConformanceReport } from './conformance';
import type { ClaimDetail } from './details';
import type { ClaimChapter, FeatureText, WrittenScenario } from './features';
import { esc, inEnglish, inlineMarkdown, lookOf, type OtherEdition, page } from './html';
import { detailHtml, detailText } from './i18n/details';
import { editionDir, LANGS, type Lang, otherLang } from './i18n/lang';
import type { Note } from './i18n/portuguese';
import { badgeWord, outcomeWord, WORDS, type Words } from './i18n/words';
import { noteHtml, quotationHtml } from './markdown';
import type { ScenarioRun } from './messages';
import type { Quotes } from './quotes';
import { scenariosHtml } from './transcript-pages';

/** A claim's verdict on an engine: its outcome, why (the run's record), and the kind of result the engine's expectations say it is. */
export type Verdict = { outcome: string; reason: ClaimDetail; kind?: string };

/** An engine the book shows verdicts and transcripts of. */
export interface BookEngine {
  id: string;
  title: string;
  verdicts: Map<string, Verdict>;
  scenarios: ScenarioRun[];
}

/** Everything the book is made from. */
export interface BookSources {
  catalog: Claim[];
  chapters: Map<string, ClaimChapter>;
  twins: Map<string, WrittenScenario[]>;
  /** The learner's words behind each claim, in the note's language and the other (notes/quotes.yaml). */
  quotes: Quotes;
  /** The Portuguese edition's claims and features (features/claims.pt-BR.md, features/…/NAME.pt-BR.md). */
  portuguese: { catalog: Claim[]; features: Map<string, FeatureText> };
  /** The learner's notes, each read once. */
  notes: Note[];
  engines: BookEngine[];
  /** Where the verdicts come from, for the front page, in each language. */
  from: Record<Lang, string>;
  /** What the verdicts leave out (a selection, an interrupted run, claims not run), for the top of the front page, in each language; empty when they cover every claim. */
  partial: Record<Lang, string[]>;
  /** Each claim's ranges in the last matrix, in each language, as HTML: where it holds, per product, and where it diverges and why. */
  ranges: Record<Lang, Map<string, string>>;
}

/** A claim's sentence without its Markdown marks, for a page's title. */
const plainText = (text: string) => text.replace(/`([^`]+)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');

/** Prose with its note citations (`notes/000-….md`) made links to the book's copy of the note. */
function prose(text: string, up: string): string {
  return inlineMarkdown(text)
    .replace(
      /notes\/([\w.-]+)\.md/g,
      (_, name: string) => `<a href="${up}notes/${name}.html">notes/${name}.md</a>`,
    )
    .replace(/(https?:\/\/[^\s<)]+[^\s<).,])/g, '<a href="$1">$1</a>')
    .split(/\n\s*\n/)
    .map((para) => `<p>${para.replace(/\n\s*/g, ' ')}</p>`)
    .join('\n');
}

function verdictCell(verdict: Verdict | undefined, edition: Edition, claim: string): string {
  if (!verdict) return '<td class="cell notrun">–</td>';
  const { words, lang } = edition;
  const look = lookOf(verdict.outcome);
  const badge = verdict.kind
    ? `<span class="badge b-${esc(verdict.kind)}">${esc(badgeWord(words, verdict.kind))}</span>`
    : '';
  const refinement = verdict.outcome === 'refined' ? edition.claim(claim)?.refinement : undefined;
  const said = detailText(verdict.reason, lang, refinement);
  const detail = said
    ? `<span class="d" title="${esc(said)}">${detailHtml(verdict.reason, lang, refinement)}</span>`
    : '';
  return `<td class="cell ${look.css}"><span class="o">${look.glyph} ${esc(outcomeWord(words, verdict.outcome))}</span>${badge}${detail}</td>`;
}

/** One edition of the book: its language, and the claims, features and notes in it. */
interface Edition {
  lang: Lang;
  words: Words;
  claim: (id: string) => Claim | undefined;
  feature: (uri: string) => FeatureText | undefined;
}

function editionOf(sources: BookSources, lang: Lang): Edition {
  const pt = new Map(sources.portuguese.catalog.map((c) => [c.id, c]));
  const en = new Map(sources.catalog.map((c) => [c.id, c]));
  return {
    lang,
    words: WORDS[lang],
    claim: (id) => (lang === 'en' ? en.get(id) : pt.get(id)),
    feature: (uri) => (lang === 'en' ? undefined : sources.portuguese.features.get(uri)),
  };
}

/** The same page in the other edition, from a page `depth` folders below its edition's root. */
function otherEdition(lang: Lang, path: string): OtherEdition {
  const other = otherLang(lang);
  const depth = path.split('/').length - 1 + (lang === 'en' ? 0 : 1);
  return {
    href: `${'../'.repeat(depth)}${editionDir(other)}${path}`,
    lang: other,
    label: WORDS[lang].otherEdition,
  };
}

function frontPage(sources: BookSources, edition: Edition): string {
  const { words, lang } = edition;
  const byChapter = new Map<string, Claim[]>();
  for (const claim of sources.catalog) {
    const chapter = sources.chapters.get(claim.id)?.chapter ?? 'other';
    byChapter.set(chapter, [...(byChapter.get(chapter) ?? []), claim]);
  }
  const head = sources.engines
    .map((e) => `<th>${inEnglish(lang, esc(e.title))}<br><span class="muted">${esc(e.id)}</span></th>`)
    .join('');
  const chapterTitle = (c: string) => esc(words.chapter[c] ?? c);
  const chapters = [...byChapter]
    .map(([chapter, claims]) => {
      const rows = claims
        .map(
          (c) =>
            `<tr><th><a href="claims/${esc(c.id)}.html">${esc(c.id)}</a><br><span class="muted" style="font-weight:400">${inlineMarkdown(edition.claim(c.id)?.claim ?? c.claim)}</span></th>${sources.engines.map((e) => verdictCell(e.verdicts.get(c.id), edition, c.id)).join('')}</tr>`,
        )
        .join('\n');
      return `<h2 id="${esc(chapter)}">${chapterTitle(chapter)}</h2>\n<table class="grid"><thead><tr><th>${esc(words.book.claim)}</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  const toc = [...byChapter.keys()].map((c) => `<a href="#${esc(c)}">${chapterTitle(c)}</a>`).join(' · ');
  const notes = sources.notes
    .map(({ file }) => `<a href="notes/${esc(basename(file, '.md'))}.html">${esc(file)}</a>`)
    .join(', ');
  const partial = sources.partial[lang].map((line) => `<li>${inlineMarkdown(line)}</li>`).join('');
  return page(
    words.book.title,
    `<h1>${esc(words.book.title)}</h1>
<p class="lead">${esc(words.book.lead(sources.catalog.length, sources.from[lang]))} ${esc(words.book.notes)} ${notes}.</p>
${partial ? `<div class="partial"><b>${esc(words.book.partial)}</b><ul>${partial}</ul></div>` : ''}
<p>${esc(words.book.chapters)} ${toc}</p>
${chapters}`,
    lang,
    otherEdition(lang, 'index.html'),
  );
}

/**
 * The learner's words behind a claim (notes/quotes.yaml), and the notes they come from. A
 * quotation of a note in the page's language is given as the learner wrote it; of a note in
 * the other language, its words in the page's language first (an English gloss, note 004's
 * translation), then the original, each marked with its language.
 */
function notesSay(
  claim: Claim,
  sources: BookSources,
  edition: Edition,
): { html: string; noteFiles: string[] } {
  const { lang, words } = edition;
  const quoted = (sources.quotes.get(claim.id) ?? []).flatMap((q) => {
    const note = sources.notes.find((n) => n.file.startsWith(`${q.note}-`));
    return note ? [{ ...q, note }] : [];
  });
  // Quotations one after another from one note go together: in the other language, their words in this one, then the originals.
  const runs: (typeof quoted)[] = [];
  for (const q of quoted) {
    const run = runs.at(-1);
    if (run?.[0] && run[0].note.file === q.note.file) run.push(q);
    else runs.push([q]);
  }
  // Where the page quotes more than one note, each group says whose words they are.
  const several = new Set(quoted.map((q) => q.note.file)).size > 1;
  const quote = (text: string, as: Lang) => `<blockquote lang="${as}">${quotationHtml(text)}</blockquote>`;
  const html = runs
    .map((run) => {
      const noteLang = run[0]?.note.lang ?? lang;
      const label =
        several && run[0]
          ? [`<p class="muted">${esc(words.book.fromNote(run[0].note.file.slice(0, 3)))}</p>`]
          : [];
      const originals = run.map((q) => quote(q.said, noteLang));
      if (noteLang === lang) return [...label, ...originals].join('\n');
      const mine = run.flatMap((q) => (q.rendering[lang] ? [quote(q.rendering[lang], lang)] : []));
      return mine.length > 0
        ? [...label, ...mine, `<p class="muted">${esc(words.book.original)}</p>`, ...originals].join('\n')
        : [...label, ...originals].join('\n');
    })
    .join('\n');
  return { html, noteFiles: [...new Set(quoted.map((q) => q.note.file))] };
}

/** Sentence openings that read lower-case after a colon, in either language. */
const PLAIN_OPENINGS =
  /^(Antes|Fora|Out|Um|Uma|O|A|Os|As|Com|Num|Numa|No|Na|Nas|Nos|Depois|Dois|Duas|Cada|Se|Quando|Sem|Em|Nenhum|Nenhuma|Ao|The|An|Before|With|Two|Each|When|In|On|No|After|Every|Its)\b/;

/**
 * What a faithful check must show, without the refinement the catalog's cell ends with (the
 * page gives that above, as what really happens), opening in lower case after the label's colon.
 */
function observed(claim: Claim): string {
  const text = (claim.observes ?? '')
    .replace(/\s*(Refinamento|Refine):[\s\S]*$/, '')
    .replace(/\s*\([^()]* — refine\)/, '')
    .trim();
  return text.replace(PLAIN_OPENINGS, (word) => word.toLowerCase());
}

function claimPage(
  claim: Claim,
  sources: BookSources,
  edition: Edition,
  previous?: Claim,
  next?: Claim,
): string {
  const { words, lang } = edition;
  const b = words.book;
  const mine = edition.claim(claim.id) ?? claim;
  const chapter = sources.chapters.get(claim.id);
  const nav = `<nav class="crumbs"><a href="../index.html">${esc(b.allClaims)}</a>${previous ? ` · <a href="${esc(previous.id)}.html">${esc(previous.id)}</a>` : ''}${next ? ` · <a href="${esc(next.id)}.html">${esc(next.id)}</a> →` : ''}</nav>`;
  const verdicts = sources.engines
    .map(
      (e) =>
        `<tr><th>${inEnglish(lang, esc(e.title))}</th>${verdictCell(e.verdicts.get(claim.id), edition, claim.id)}</tr>`,
    )
    .join('');
  const runs = sources.engines
    .map((e, i) => {
      const ran = e.scenarios.filter((s) => s.claims.includes(claim.id));
      return `<details${i === 0 ? ' open' : ''}><summary><b>${inEnglish(lang, esc(e.title))}</b></summary>${scenariosHtml(ran, words)}</details>`;
    })
    .join('\n');
  const written = (s: { name: string; steps: string[] }, label = '') =>
    `<h3>${label}${inEnglish(lang, esc(s.name))}</h3><pre>${esc(s.steps.join('\n'))}</pre>`;
  const twins = (sources.twins.get(claim.id) ?? []).map((t) => written(t)).join('\n');
  const scenarios = (chapter?.scenarios ?? []).map((s) => written(s, `${esc(b.scenario)}: `)).join('\n');
  const said = notesSay(claim, sources, edition);
  const noteLinks = said.noteFiles.map(
    (file) => `<a href="../notes/${esc(basename(file, '.md'))}.html">notes/${esc(file)}</a>`,
  );
  const feature = chapter ? edition.feature(chapter.uri) : undefined;
  const rule = feature?.rules.find((r) => r.id === claim.id);
  // The rule's own prose first where it has some (it is about this claim); then the chapter's,
  // which frames all its rules, said to be the chapter's.
  const ruleProse = rule?.description ?? chapter?.ruleDescription;
  const chapterProse = feature?.description ?? chapter?.description ?? '';
  const explanation = chapter
    ? `<p class="muted">${b.fromFeature(esc(feature?.title ?? chapter.feature), esc(chapter.uri), esc(rule?.name ?? chapter.rule))}</p>${
        ruleProse
          ? `${prose(ruleProse, '../')}<p class="muted">${esc(b.theChapter)}</p>${prose(chapterProse, '../')}`
          : prose(chapterProse, '../')
      }`
    : '';
  const ranges = sources.ranges[lang].get(claim.id);
  return page(
    `${claim.id}: ${plainText(mine.claim)}`,
    `${nav}
<h1>${esc(claim.id)}: ${inlineMarkdown(mine.claim)}</h1>
<h2>${esc(b.notesSay)}</h2>
${said.html}
<p class="muted">${esc(b.catalog)} ${inlineMarkdown(mine.source ?? '')}</p>
${noteLinks.length > 0 ? `<p>${b.readIt(noteLinks)}</p>` : ''}
<h2>${esc(b.whatHappens)}</h2>
${mine.refinement ? `<p><span class="badge b-divergence">${esc(b.refined)}</span> ${inlineMarkdown(mine.refinement)}</p>` : ''}
${explanation}
${observed(mine) ? `<p><i>${esc(b.observes)}</i> ${inlineMarkdown(observed(mine))}</p>` : ''}
<h2>${esc(b.verdicts)}</h2>
${ranges ? `<p><b>${esc(b.holds)}</b> ${ranges}</p>` : ''}
<table><tbody>${verdicts || `<tr><td>${esc(b.noRun(kitCommand('test'), kitCommand('matrix'), kitCommand('book')))}</td></tr>`}</tbody></table>
<h2>${esc(b.scenarios)}</h2>
<p class="muted">${esc(b.scenariosLead)}</p>
${scenarios}
<h2>${esc(b.ran)}</h2>
<p class="muted">${esc(b.ranLead)}</p>
${runs}
<h2>${esc(b.canFail)}</h2>
<p class="muted">${b.canFailLead(esc(claim.id))}</p>
${twins || `<p>${esc(b.noTwin)}</p>`}
<h2>${esc(b.docs)}</h2>
<ul>${(chapter?.docs ?? []).map((d) => `<li><a href="${esc(d)}">${esc(d)}</a></li>`).join('')}</ul>`,
    lang,
    otherEdition(lang, `claims/${claim.id}.html`),
  );
}

/** A note's page: its text as the learner wrote it; in Portuguese, an English note's translation first. */
function notePage(note: Note, notes: readonly Note[], edition: Edition): string {
  const { words, lang } = edition;
  const { file, text } = note;
  const translation = lang !== note.lang ? note.translation : undefined;
  const folder = {
    missing: note.missingPictures,
    sayMissing: words.book.missingPicture,
    // Another note, by its file: its page in this edition.
    linkTo: (href: string) => {
      const name = basename(href.replace(/^\.\//, ''), '.md');
      return notes.some((n) => basename(n.file, '.md') === name) ? `${name}.html` : undefined;
    },
  };
  // The learner's own words are quoted as written; a translation is the kit's prose.
  const original = `<section class="learner" lang="${note.lang}">${noteHtml(text, folder)}</section>`;
  const body = translation
    ? `<p class="lead">${esc(words.book.noteTranslated)}</p><div class="note" lang="${lang}">${noteHtml(translation.replace(/^<!--[\s\S]*?-->\n?/, ''), folder)}</div>
<h2>${esc(words.book.noteOriginal)}</h2>${original}`
    : original;
  return page(
    file,
    `<nav class="crumbs"><a href="../index.html">${esc(words.book.theBook)}</a></nav><h1>${esc(file)}</h1>${body}`,
    lang,
    otherEdition(lang, `notes/${basename(file, '.md')}.html`),
  );
}

/**
 * What a run's verdicts leave out, a line each in `lang`: its selection, an interruption, an
 * outage, the claims not run and why.
 */
export function partialRun(report: ConformanceReport, catalogSize: number, lang: Lang = 'en'): string[] {
  const b = WORDS[lang].book;
  const notRun = report.claims.filter((c) => c.outcome === 'not run' || c.outcome === 'not covered');
  const lines: string[] = [];
  if (report.selection.tags.length > 0)
    lines.push(
      b.selected(`\`--tags ${report.selection.tags.join(' ')}\``, catalogSize - notRun.length, catalogSize),
    );
  if (report.interrupted) lines.push(b.interrupted);
  if (report.outage) lines.push(b.outage(report.outage.claim));
  const byWhy = new Map<string, string[]>();
  for (const c of notRun) {
    const why = detailText(c.reason, lang);
    byWhy.set(why, [...(byWhy.get(why) ?? []), c.id]);
  }
  for (const [why, ids] of byWhy) lines.push(b.notRun(ids.join(', '), why));
  return lines;
}

/**
 * Writes the book under `out`, both editions: English at its root, Brazilian Portuguese under
 * `pt-BR/`, each page linking to its other edition. A page each: the front page, each claim,
 * each note. Returns the number of claim pages of one edition.
 */
export function writeBook(out: string, sources: BookSources): number {
  rmSync(out, { recursive: true, force: true });
  for (const lang of LANGS) {
    const edition = editionOf(sources, lang);
    const root = join(out, editionDir(lang));
    mkdirSync(join(root, 'claims'), { recursive: true });
    mkdirSync(join(root, 'notes'), { recursive: true });
    writeFileSync(join(root, 'index.html'), frontPage(sources, edition));
    sources.catalog.forEach((claim, i) => {
      writeFileSync(
        join(root, 'claims', `${claim.id}.html`),
        claimPage(claim, sources, edition, sources.catalog[i - 1], sources.catalog[i + 1]),
      );
    });
    for (const note of sources.notes) {
      writeFileSync(
        join(root, 'notes', `${basename(note.file, '.md')}.html`),
        notePage(note, sources.notes, edition),
      );
    }
  }
  return sources.catalog.length;
}

/** The links of the book's pages that lead nowhere: `page → target`, for every relative href. */
export function brokenLinks(out: string): string[] {
  const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  return pages.flatMap((page) =>
    [...readFileSync(join(out, page), 'utf8').matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)]
      .map((m) => m[1] as string)
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(join(out, dirname(page), target)))
      .map((target) => `${page} → ${target}`),
  );
}
