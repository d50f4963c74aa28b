import { esc, inEnglish, inlineMarkdown, lookOf, page } from '../reports/html';
import { detailHtml, detailText } from '../reports/i18n/details';
import { type Lang, otherLang } from '../reports/i18n/lang';
import { badgeWord, outcomeWord, WORDS, type Words } from '../reports/i18n/words';
import type { Claim } from '../run/claims';
import type { Matrix, MatrixCell, MatrixColumn } from './model';
import { whereItHolds, whereItHoldsHtml } from './ranges';

const columnHead = (c: MatrixColumn) => `${c.product} ${c.version}`;
const columnSub = (c: MatrixColumn, words: Words) => words.matrix.store(c.imageStore, c.builder);

/** The matrix page of each language, side by side in reports/matrix/: matrix.html, matrix.pt-BR.html. */
export const matrixPage = (lang: Lang) => (lang === 'en' ? 'matrix.html' : `matrix.${lang}.html`);
/** Where and when the column ran: each attempt's host (and CI job) and start. */
const ranOn = (c: MatrixColumn) =>
  c.ranOn
    .map((r) => `${r.host}${r.ci ? ` (${r.ci})` : ''}, ${r.startedAt.replace(/\.\d+Z$/, 'Z')}`)
    .join('; ');

/** The short text of a cell: the outcome, what kind of expected result it is, whether it drifted. */
function cellLabel(cell: MatrixCell): string {
  const kind = cell.expected && !cell.drift ? ` (${cell.expected.kind})` : '';
  return `${lookOf(cell.outcome).symbol} ${cell.outcome}${kind}${cell.drift ? ` — DRIFT: ${cell.drift}` : ''}`;
}

/** The matrix as Markdown: engines, the grid, then what differs from the expectations and why each cell is not a pass. */
export function matrixMarkdown(matrix: Matrix): string {
  const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const lines = [
    '# Conformance matrix',
    '',
    `Started ${matrix.startedAt}, ${matrix.seconds} s in all. ${matrix.drift.length === 0 ? 'Every outcome is as expected.' : `**${matrix.drift.length} outcome(s) not as expected.**`}`,
    '',
    '| Engine | Kind | Image store | Builder | Status | Time | Passed | Failed | Skipped | Error | Ran on |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...matrix.columns.map(
      (c) =>
        `| [${columnHead(c)}](${c.reports}/conformance.md) | ${c.id}${c.mixed ? ` (mixed: ${md(c.mixed)})` : ''} | ${c.imageStore} | ${c.builder} | ${c.status}${c.failure ? `: ${md(c.failure)}` : ''} | ${c.seconds} s | ${c.totals?.passed ?? '–'} | ${c.totals?.failed ?? '–'} | ${c.totals?.skipped ?? '–'} | ${c.totals?.error ?? '–'} | ${md(ranOn(c)) || '–'} |`,
    ),
    '',
    `| Claim | ${matrix.columns.map((c) => c.id).join(' | ')} |`,
    `|---|${matrix.columns.map(() => '---').join('|')}|`,
    ...matrix.rows.map(
      (r) =>
        `| ${r.id} | ${matrix.columns
          .map((c) => {
            const cell = r.cells[c.id] as MatrixCell;
            const label = `${lookOf(cell.outcome).symbol}${cell.expected && !cell.drift ? ` ${cell.expected.kind}` : ''}${cell.drift ? ' **DRIFT**' : ''}`;
            return cell.link ? `[${label}](${cell.link})` : label;
          })
          .join(' | ')} |`,
    ),
    '',
  ];
  lines.push('## Where each claim holds', '');
  for (const row of matrix.rows)
    lines.push(`- **${row.id}** ${md(row.claim)} — ${md(row.ranges || 'not run anywhere')}`);
  lines.push('');
  if (matrix.drift.length > 0) {
    lines.push('## Not as expected', '');
    for (const d of matrix.drift)
      lines.push(`- **${d.engine}**${d.claim ? ` ${d.claim}` : ''}: ${md(d.drift)}`);
    lines.push('');
  }
  lines.push('## Why a cell is not a pass', '');
  for (const row of matrix.rows) {
    for (const column of matrix.columns) {
      const cell = row.cells[column.id] as MatrixCell;
      if (cell.outcome === 'passed' || cell.outcome === 'not run') continue;
      const why = cell.expected ? ` Expected (${cell.expected.kind}): ${cell.expected.reason}.` : '';
      const detail = detailText(cell.reason, 'en', cell.outcome === 'refined' ? row.refinement : undefined);
      lines.push(`- ${row.id} on ${column.id}: ${cellLabel(cell)}. ${md(detail)}${why}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * The matrix as one self-contained page in `lang`: the grid, then the engines' transcripts side
 * by side where they differ. `portuguese` is the catalog's Portuguese, for the claims' sentences.
 */
export function matrixHtml(matrix: Matrix, lang: Lang = 'en', portuguese: readonly Claim[] = []): string {
  const words = WORDS[lang];
  const m = words.matrix;
  const pt = new Map(portuguese.map((c) => [c.id, c.claim]));
  const refinements = new Map(portuguese.map((c) => [c.id, c.refinement]));
  const sentence = (row: Matrix['rows'][number]) =>
    lang === 'en' ? row.claim : (pt.get(row.id) ?? row.claim);
  const ranges = (row: Matrix['rows'][number]) =>
    lang === 'en' ? row.ranges : whereItHolds(matrix.columns, row.cells, words.ranges);
  const rangesHtml = (row: Matrix['rows'][number]) => whereItHoldsHtml(matrix.columns, row.cells, lang);
  const head = matrix.columns
    .map(
      (c) =>
        `<th><a href="${esc(c.reports)}/conformance.md">${esc(columnHead(c))}</a><br><span class="muted">${esc(columnSub(c, words))}</span><br><span class="muted">${esc(c.id)} · ${c.seconds} s${c.status === 'ran' ? '' : ` · ${esc(outcomeWord(words, c.status))}`}${c.ranOn.length > 1 ? ` · ${esc(m.attempts(c.ranOn.length))}` : ''}</span>${c.ranOn.length ? `<br><span class="muted" title="${esc(ranOn(c))}">${esc(c.ranOn[0]?.host ?? '')}${c.ranOn.length > 1 ? ' …' : ''}</span>` : ''}${c.mixed ? `<br><span class="badge b-drift" title="${esc(c.mixed)}">${esc(m.mixedKit)}</span>` : ''}</th>`,
    )
    .join('');
  const rows = matrix.rows
    .map((row) => {
      const cells = matrix.columns
        .map((c) => {
          const cell = row.cells[c.id] as MatrixCell;
          const look = lookOf(cell.outcome);
          const badge = cell.drift
            ? `<span class="badge b-drift" title="${esc(cell.drift)}">${esc(m.newBadge)}</span>`
            : cell.expected
              ? `<span class="badge b-${esc(cell.expected.kind)}" title="${esc(cell.expected.reason)}">${esc(badgeWord(words, cell.expected.kind))}</span>`
              : '';
          const label = `${look.glyph} ${esc(outcomeWord(words, cell.outcome))}`;
          const linked = cell.link ? `<a href="${esc(cell.link)}">${label}</a>` : label;
          const refinement =
            cell.outcome !== 'refined' ? undefined : lang === 'en' ? row.refinement : refinements.get(row.id);
          const said = detailText(cell.reason, lang, refinement);
          const detail = said
            ? `<span class="d" title="${esc(said)}">${detailHtml(cell.reason, lang, refinement)}</span>`
            : '';
          return `<td class="cell ${look.css}${cell.drift ? ' drift' : ''}"><span class="o">${linked}</span>${badge}${detail}</td>`;
        })
        .join('');
      const id = row.differs ? `<a href="#diff-${esc(row.id)}">${esc(row.id)}</a>` : esc(row.id);
      return `<tr id="claim-${esc(row.id)}"><th title="${esc(sentence(row))}">${id}<br><span class="muted" style="font-weight:400;font-size:12px">${inlineMarkdown(sentence(row))}</span><br><span class="ranges">${rangesHtml(row)}</span></th>${cells}</tr>`;
    })
    .join('\n');
  const differing = matrix.rows
    .filter((r) => r.comparison)
    .map((r) => {
      const c = r.comparison as NonNullable<typeof r.comparison>;
      const sides = matrix.columns
        .filter((col) => c.sides[col.id])
        .map((col) => {
          const side = c.sides[col.id] as { status: string; text: string };
          return `<div class="side"><h4>${esc(columnHead(col))} <span class="muted">(${esc(col.id)})</span> — <span class="st-${esc(side.status)}">${esc(outcomeWord(words, side.status.toLowerCase()))}</span></h4><pre>${esc(side.text)}</pre></div>`;
        })
        .join('');
      return `<section id="diff-${esc(r.id)}"><h3>${esc(r.id)}: ${inlineMarkdown(sentence(r))}</h3><p>${m.firstDifferentStep(inEnglish(lang, esc(c.scenario)), inEnglish(lang, esc(c.step)))}</p><div class="sides">${sides}</div></section>`;
    })
    .join('\n');
  const failures = matrix.columns
    .filter((c) => c.status !== 'ran')
    .map(
      (c) =>
        `<h3>${esc(c.id)}: ${esc(outcomeWord(words, c.status))}</h3><p>${inEnglish(lang, esc(c.failure ?? ''))}</p>${c.logTail ? `<pre>${esc(c.logTail)}</pre>` : ''}`,
    )
    .join('\n');
  const drift =
    matrix.drift.length === 0
      ? `<p>${esc(m.asExpected)}</p>`
      : `<ul>${matrix.drift.map((d) => `<li><b>${esc(d.engine)}</b>${d.claim ? ` ${esc(d.claim)}` : ''}: ${inEnglish(lang, esc(d.drift))}</li>`).join('')}</ul>`;
  const badge = (kind: keyof typeof m.legend, css: string = kind) =>
    `<span class="badge b-${css}">${esc(kind === 'new' ? m.newBadge : badgeWord(words, kind))}</span> ${esc(m.legend[kind])}`;
  const body = `
<h1>${esc(m.title)}</h1>
<p class="lead">${esc(m.lead(matrix.startedAt, matrix.seconds))} ${esc(m.badges)} ${badge('divergence')};
${badge('kit-defect')}; ${badge('unverifiable')};
${badge('new', 'drift')}.</p>
<h2>${esc(m.against)}</h2>
${drift}
${failures ? `<h2>${esc(m.didNotEnd)}</h2>${failures}` : ''}
<h2>${esc(m.glance)}</h2>
${compactGrid(matrix, words, sentence, ranges)}
<h2>${esc(m.grid)}</h2>
<table class="grid"><thead><tr><th>${esc(m.claim)}</th>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<h2>${esc(m.differ)}</h2>
${differing || `<p>${esc(m.allSame)}</p>`}
`;
  const other = otherLang(lang);
  return page(m.title, body, lang, { href: matrixPage(other), lang: other, label: words.otherEdition });
}

/**
 * Every claim × engine on one screen: a glyph per cell, each engine's totals at the top, a
 * claim's row linking to its detailed row below and saying, on hover, where it holds.
 */
function compactGrid(
  matrix: Matrix,
  words: Words,
  sentence: (row: Matrix['rows'][number]) => string,
  ranges: (row: Matrix['rows'][number]) => string,
): string {
  const totals = (c: MatrixColumn) => {
    const t = c.totals ?? {};
    const holds = (t.passed ?? 0) + (t.refined ?? 0);
    const rest = Object.entries(t)
      .filter(([k]) => !['passed', 'refined', 'failed', 'not covered'].includes(k))
      .reduce((n, [, v]) => n + v, 0);
    return c.status === 'ran' ? `${holds}/${t.failed ?? 0}/${rest}` : lookOf(c.status).glyph;
  };
  const head = matrix.columns
    .map(
      (c) =>
        `<th class="vh" title="${esc(`${columnHead(c)} · ${columnSub(c, words)}`)}"><span>${esc(c.id)}</span></th>`,
    )
    .join('');
  const sums = matrix.columns
    .map((c) => `<td title="${esc(words.matrix.totals)}">${esc(totals(c))}</td>`)
    .join('');
  const rows = matrix.rows
    .map((row) => {
      const cells = matrix.columns
        .map((c) => {
          const cell = row.cells[c.id] as MatrixCell;
          const look = lookOf(cell.outcome);
          const kind = cell.drift
            ? ` (${words.matrix.notAsExpected}: ${cell.drift})`
            : cell.expected
              ? ` (${badgeWord(words, cell.expected.kind)})`
              : '';
          return `<td class="${look.css}${cell.drift ? ' drift' : ''}" title="${esc(`${c.id}: ${outcomeWord(words, cell.outcome)}${kind}`)}">${look.glyph}</td>`;
        })
        .join('');
      return `<tr><th><a href="#claim-${esc(row.id)}" title="${esc(`${sentence(row)} — ${ranges(row)}`)}">${esc(row.id)}</a></th>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="compact"><thead><tr><th></th>${head}</tr><tr class="sums"><th title="${esc(words.matrix.totals)}">✔/✘/…</th>${sums}</tr></thead><tbody>
${rows}
</tbody></table>`;
}
