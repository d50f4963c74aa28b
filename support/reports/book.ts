import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { kitCommand } from '../common/commands';
import type { Claim } from '../run/claims';
import type { ConformanceReport } from './conformance';
import type { ClaimChapter, WrittenScenario } from './features';
import { esc, inlineMarkdown, lookOf, page } from './html';
import type { ScenarioRun } from './messages';
import { scenariosHtml } from './transcript-pages';

/** An engine the book shows verdicts and transcripts of. */
export interface BookEngine {
  id: string;
  title: string;
  verdicts: Map<string, { outcome: string; detail: string; kind?: string }>;
  scenarios: ScenarioRun[];
}

/** Everything the book is made from. */
export interface BookSources {
  catalog: Claim[];
  chapters: Map<string, ClaimChapter>;
  twins: Map<string, WrittenScenario[]>;
  glosses: Record<string, string>;
  notesDir: string;
  engines: BookEngine[];
  /** Where the verdicts come from, for the front page. */
  from: string;
  /** What the verdicts leave out (a selection, an interrupted run, claims not run), for the top of the front page; empty when they cover every claim. */
  partial: string[];
  /** Each claim's ranges in the last matrix: where it holds, per product, and where it diverges and why. */
  ranges: Map<string, string>;
}

/** A claim's sentence without its Markdown marks, for a page's title. */
const plainText = (text: string) => text.replace(/`([^`]+)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');

/** Markdown's marks, case and spacing, which a quotation in the catalog does not keep. */
const plain = (text: string) =>
  text.replace(/[`*_]/g, '').replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The note's own sentences behind a claim: each quotation of the catalog's source ("Sem uma
 * Imagem…", or the words a claim is implied by) found in the note, as the line that holds it,
 * without its list marker or Markdown marks. A quotation the note does not hold is given as it is.
 */
export function noteSentences(source: string, note: string): string[] {
  const quotes = [...source.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
  const lines = note
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').replace(/^#+\s*/, ''));
  const sentenceOf = (quote: string): string => {
    // "bind error … even another container": every part, in one line of the note.
    const parts = quote
      .split(/…|\.\.\./)
      .map(plain)
      .filter(Boolean);
    const line = lines.find((l) => parts.every((part) => plain(l).includes(part)));
    if (!line) return quote;
    const sentences = line
      .split(/(?<=[.!?])\s+/)
      .filter((s) => parts.some((part) => plain(s).includes(part)));
    return (sentences.length > 0 ? sentences.join(' ') : line)
      .replace(/[`*]/g, '')
      .replace(/(^|\s)_([^_]+)_/g, '$1$2')
      .trim();
  };
  return [...new Set(quotes.map(sentenceOf))];
}

const CHAPTER_TITLES: Record<string, string> = {
  containers: 'Containers',
  images: 'Images',
  ports: 'Published ports',
  networks: 'Networks and DNS',
};

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

function verdictCell(verdict: { outcome: string; detail: string; kind?: string } | undefined): string {
  if (!verdict) return '<td class="cell notrun">–</td>';
  const look = lookOf(verdict.outcome);
  const badge = verdict.kind ? `<span class="badge b-${esc(verdict.kind)}">${esc(verdict.kind)}</span>` : '';
  return `<td class="cell ${look.css}"><span class="o">${look.glyph} ${esc(verdict.outcome)}</span>${badge}<span class="d" title="${esc(verdict.detail)}">${esc(verdict.detail)}</span></td>`;
}

function frontPage(sources: BookSources): string {
  const byChapter = new Map<string, Claim[]>();
  for (const claim of sources.catalog) {
    const chapter = sources.chapters.get(claim.id)?.chapter ?? 'other';
    byChapter.set(chapter, [...(byChapter.get(chapter) ?? []), claim]);
  }
  const head = sources.engines
    .map((e) => `<th>${esc(e.title)}<br><span class="muted">${esc(e.id)}</span></th>`)
    .join('');
  const chapters = [...byChapter]
    .map(([chapter, claims]) => {
      const rows = claims
        .map(
          (c) =>
            `<tr><th><a href="claims/${esc(c.id)}.html">${esc(c.id)}</a><br><span class="muted" style="font-weight:400">${inlineMarkdown(c.claim)}</span></th>${sources.engines.map((e) => verdictCell(e.verdicts.get(c.id))).join('')}</tr>`,
        )
        .join('\n');
      return `<h2 id="${esc(chapter)}">${esc(CHAPTER_TITLES[chapter] ?? chapter)}</h2>\n<table class="grid"><thead><tr><th>Claim</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  const toc = [...byChapter.keys()]
    .map((c) => `<a href="#${esc(c)}">${esc(CHAPTER_TITLES[c] ?? c)}</a>`)
    .join(' · ');
  return page(
    'What people believe about Docker, verified',
    `<h1>What people believe about Docker, verified</h1>
<p class="lead">A learner's notes make ${sources.catalog.length} claims about Docker. Each is a chapter's rule, checked against live engines: the verdicts below come from ${esc(sources.from)}. Open a claim for the note's words, what really happens, the commands the kit ran and their output, and the check's falsified twin that proves it can fail. The notes themselves: ${readdirSync(
      sources.notesDir,
    )
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => `<a href="notes/${esc(basename(f, '.md'))}.html">${esc(f)}</a>`)
      .join(', ')}.</p>
${sources.partial.length > 0 ? `<div class="partial"><b>These verdicts do not cover every claim.</b><ul>${sources.partial.map((line) => `<li>${inlineMarkdown(line)}</li>`).join('')}</ul></div>` : ''}
<p>Chapters: ${toc}</p>
${chapters}`,
  );
}

function claimPage(claim: Claim, sources: BookSources, previous?: Claim, next?: Claim): string {
  const chapter = sources.chapters.get(claim.id);
  const gloss = sources.glosses[claim.id];
  const nav = `<nav class="crumbs"><a href="../index.html">← all claims</a>${previous ? ` · <a href="${esc(previous.id)}.html">${esc(previous.id)}</a>` : ''}${next ? ` · <a href="${esc(next.id)}.html">${esc(next.id)}</a> →` : ''}</nav>`;
  const verdicts = sources.engines
    .map((e) => `<tr><th>${esc(e.title)}</th>${verdictCell(e.verdicts.get(claim.id))}</tr>`)
    .join('');
  const runs = sources.engines
    .map((e, i) => {
      const mine = e.scenarios.filter((s) => s.claims.includes(claim.id));
      return `<details${i === 0 ? ' open' : ''}><summary><b>${esc(e.title)}</b></summary>${scenariosHtml(mine)}</details>`;
    })
    .join('\n');
  const twins = (sources.twins.get(claim.id) ?? [])
    .map((t) => `<h3>${esc(t.name)}</h3><pre>${esc(t.steps.join('\n'))}</pre>`)
    .join('\n');
  const scenarios = (chapter?.scenarios ?? [])
    .map((s) => `<h3>Scenario: ${esc(s.name)}</h3><pre>${esc(s.steps.join('\n'))}</pre>`)
    .join('\n');
  const source = claim.source ?? '';
  const note = /^(\d{3})/.exec(source)?.[1];
  const noteFile = note ? readdirSync(sources.notesDir).find((f) => f.startsWith(`${note}-`)) : undefined;
  const sentences = noteFile
    ? noteSentences(source, readFileSync(join(sources.notesDir, noteFile), 'utf8'))
    : [];
  const said =
    sentences.length > 0
      ? sentences.map((s) => `<blockquote>${esc(s)}</blockquote>`).join('\n')
      : `<blockquote>${esc(source)}</blockquote>`;
  const ranges = sources.ranges.get(claim.id);
  return page(
    `${claim.id}: ${plainText(claim.claim)}`,
    `${nav}
<h1>${esc(claim.id)}: ${inlineMarkdown(claim.claim)}</h1>
<h2>The notes say</h2>
${said}
<p class="muted">The catalog: ${inlineMarkdown(source)}</p>
${gloss ? `<p><i>In English:</i> ${inlineMarkdown(gloss)}</p>` : '<p class="muted">(in the note\'s own words, English)</p>'}
${noteFile ? `<p>Read it in <a href="../notes/${esc(basename(noteFile, '.md'))}.html">notes/${esc(noteFile)}</a>.</p>` : ''}
<h2>What really happens</h2>
${claim.refinement ? `<p><span class="badge b-divergence">refined</span> ${inlineMarkdown(claim.refinement)}</p>` : ''}
${chapter ? `<p class="muted">From <b>${esc(chapter.feature)}</b> (${esc(chapter.uri)}), rule “${esc(chapter.rule)}”:</p>${prose(chapter.description, '../')}` : ''}
<p><i>A faithful check observes:</i> ${inlineMarkdown(claim.observes ?? '')}</p>
<h2>The verdict on each engine</h2>
${ranges ? `<p><b>Where it holds:</b> ${inlineMarkdown(ranges)}</p>` : ''}
<table><tbody>${verdicts || `<tr><td>No run yet: ${kitCommand('test')}, or ${kitCommand('matrix')}, then ${kitCommand('book')}.</td></tr>`}</tbody></table>
<h2>The scenarios</h2>
${scenarios}
<h2>What the kit ran, and what the engine answered</h2>
<p class="muted">Each step with the docker commands behind it and their output, as a terminal shows them. A command marked “equivalent” was made through the Engine API.</p>
${runs}
<h2>The check can fail</h2>
<p class="muted">Its falsified twin: the same steps with the observation made false. <code>npm run test:falsified</code> passes only if this fails, naming ${esc(claim.id)}.</p>
${twins || '<p>No twin.</p>'}
<h2>Docker's documentation</h2>
<ul>${(chapter?.docs ?? []).map((d) => `<li><a href="${esc(d)}">${esc(d)}</a></li>`).join('')}</ul>`,
  );
}

/** What a run's verdicts leave out, a line each: its selection, an interruption, an outage, the claims not run and why. */
export function partialRun(report: ConformanceReport, catalogSize: number): string[] {
  const notRun = report.claims.filter((c) => c.outcome === 'not run' || c.outcome === 'not covered');
  const lines: string[] = [];
  if (report.selection.tags.length > 0) {
    lines.push(
      `The run selected only the scenarios of \`--tags ${report.selection.tags.join(' ')}\`: it covers ${catalogSize - notRun.length} of ${catalogSize} claims.`,
    );
  }
  if (report.interrupted) lines.push('The run was interrupted before it ended.');
  if (report.outage)
    lines.push(`The engine went away during the run (${report.outage.claim}), which stopped there.`);
  const byWhy = new Map<string, string[]>();
  for (const c of notRun) byWhy.set(c.detail, [...(byWhy.get(c.detail) ?? []), c.id]);
  for (const [why, ids] of byWhy) lines.push(`Not run: ${ids.join(', ')} (${why}).`);
  return lines;
}

/** Writes the book under `out`: the front page, a page per claim, a page per note. */
export function writeBook(out: string, sources: BookSources): number {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'claims'), { recursive: true });
  mkdirSync(join(out, 'notes'), { recursive: true });
  writeFileSync(join(out, 'index.html'), frontPage(sources));
  sources.catalog.forEach((claim, i) => {
    writeFileSync(
      join(out, 'claims', `${claim.id}.html`),
      claimPage(claim, sources, sources.catalog[i - 1], sources.catalog[i + 1]),
    );
  });
  for (const file of readdirSync(sources.notesDir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(sources.notesDir, file), 'utf8');
    writeFileSync(
      join(out, 'notes', `${basename(file, '.md')}.html`),
      page(
        file,
        `<nav class="crumbs"><a href="../index.html">← the book</a></nav><h1>${esc(file)}</h1><pre>${esc(text)}</pre>`,
      ),
    );
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
