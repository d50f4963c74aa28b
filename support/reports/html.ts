/** Text made safe to put in HTML, attribute values included. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A line of prose with its inline Markdown rendered, everything else escaped: `code`, **strong**,
 * *emphasis* and _emphasis_. Marks inside a code span are kept as written.
 */
export function inlineMarkdown(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${esc(part.slice(1, -1))}</code>`
        : esc(part)
            .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
            .replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?![\w*])/g, '$1<em>$2</em>')
            .replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, '$1<em>$2</em>'),
    )
    .join('');
}

/**
 * The look of an outcome, the same in every report: `symbol` for text (Markdown, the terminal),
 * `glyph` for pages (a character every common font has, so a browser without an emoji font
 * still shows it), `css` the cell's class.
 */
export type OutcomeLook = { symbol: string; glyph: string; css: string };

export const OUTCOME_LOOK: Record<string, OutcomeLook> = {
  passed: { symbol: '✅', glyph: '✔', css: 'passed' },
  refined: { symbol: '🔶', glyph: '◆', css: 'refined' },
  failed: { symbol: '❌', glyph: '✘', css: 'failed' },
  flaky: { symbol: '🔁', glyph: '≈', css: 'flaky' },
  skipped: { symbol: '⏭️', glyph: '↷', css: 'skipped' },
  error: { symbol: '💥', glyph: '⚠', css: 'error' },
  'not run': { symbol: '➖', glyph: '–', css: 'notrun' },
  'not covered': { symbol: '⬜', glyph: '□', css: 'notrun' },
  'engine failed': { symbol: '🛑', glyph: '■', css: 'broken' },
  'engine went away': { symbol: '🛑', glyph: '■', css: 'broken' },
  'kit failed': { symbol: '🛑', glyph: '■', css: 'broken' },
  'kit refused': { symbol: '🛑', glyph: '■', css: 'broken' },
  'not reported': { symbol: '➖', glyph: '–', css: 'broken' },
  interrupted: { symbol: '⏸️', glyph: '‖', css: 'notrun' },
  'not reached': { symbol: '➖', glyph: '–', css: 'notrun' },
};

export function lookOf(outcome: string): OutcomeLook {
  return OUTCOME_LOOK[outcome] ?? { symbol: '?', glyph: '?', css: 'notrun' };
}

const STYLE = `
:root { --fg:#1d2329; --muted:#5c6670; --line:#d8dee4; --bg:#fff; --code:#0d1117; --codefg:#e6edf3; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 1400px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 8px; } h3 { font-size: 16px; margin: 20px 0 6px; }
a { color: #0b5cad; }
p.lead, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
thead th { background: #f3f5f7; position: sticky; top: 0; z-index: 1; }
td.cell { min-width: 150px; font-size: 13px; }
table.grid { table-layout: fixed; } table.grid td.cell { min-width: 0; } table.grid thead th:first-child { width: 15em; }
table.grid thead th { font-size: 13px; } table.grid thead .muted { font-weight: 400; font-size: 12px; }
.compact { border-collapse: collapse; font-size: 12px; line-height: 14px; width: auto; }
.compact td, .compact th { padding: 1px 5px; border: 1px solid #e5e7eb; text-align: center; }
.compact tbody th { text-align: left; font-weight: 600; }
.compact th.vh { vertical-align: bottom; height: 130px; }
.compact th.vh span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; }
.compact .sums td { font-size: 11px; color: var(--muted); }
.compact td.drift { outline: 2px solid #b3261e; outline-offset: -2px; }
.ranges { display: block; font-weight: 400; font-size: 11px; color: #374151; margin-top: 2px; }
.passed .o { color: #1a7f37; } .refined .o { color: #8a5a00; } .failed .o { color: #b3261e; } .flaky .o { color: #b35c00; } .error .o, .broken .o { color: #6f2da8; }
td.cell .o { font-weight: 600; }
td.cell .d { color: var(--muted); display: block; max-height: 3.2em; overflow: hidden; }
.passed { background: #eefaf0; } .refined { background: #fff8e6; } .failed { background: #fdecec; } .flaky { background: #fff0e0; }
.skipped { background: #f2f4f6; } .error, .broken { background: #f7e6ff; } .notrun { background: #fafafa; color: var(--muted); }
.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 6px; border-radius: 9px; margin-left: 4px; vertical-align: 1px; }
.b-divergence { background: #ffe8b3; color: #6b4a00; } .b-kit-defect { background: #e5d4ff; color: #4b1d8f; }
.b-unverifiable { background: #e3e7eb; color: #3b444d; } .b-drift { background: #d1242f; color: #fff; }
td.drift { outline: 3px solid #d1242f; outline-offset: -3px; }
pre { background: var(--code); color: var(--codefg); padding: 10px 12px; border-radius: 6px; overflow-x: auto; font: 12.5px/1.45 ui-monospace, "SFMono-Regular", Menlo, monospace; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
.sides { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
.side h4 { margin: 0 0 4px; font-size: 14px; }
.step { margin: 10px 0; } .step .t { font-weight: 600; }
.st-PASSED::before { content: "✔ "; color: #1a7f37; } .st-FAILED::before { content: "✘ "; color: #d1242f; }
.st-SKIPPED::before { content: "↷ "; color: var(--muted); } .st-UNDEFINED::before, .st-AMBIGUOUS::before { content: "? "; color: #9a6700; }
nav.crumbs { font-size: 13px; margin-bottom: 12px; }
nav.edition { float: right; font-size: 13px; }
.cards { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
code { font: 0.92em ui-monospace, "SFMono-Regular", Menlo, monospace; background: #eef1f4; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
div.partial { border: 1px solid #e0b252; background: #fff8e6; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
div.partial ul { margin: 4px 0 0; }
section.learner { border-left: 4px solid var(--line); padding: 0 14px; }
blockquote { border-left: 4px solid var(--line); margin: 8px 0; padding: 4px 12px; color: #33393f; }
`;

/**
 * English HTML on a page of `lang`, marked `lang="en"` so a reader, a screen reader and the
 * glossary's check know it (what ran, what an engine said); as it is on an English page.
 */
export const inEnglish = (lang: string, html: string, tag = 'span') =>
  lang === 'en' || !html ? html : `<${tag} lang="en">${html}</${tag}>`;

/** The same page in another language, which a page links to at its top. */
export interface OtherEdition {
  href: string;
  lang: string;
  label: string;
}

/**
 * A whole page, its style inline: no file or site outside it is needed to show it. `lang` is
 * the page's language; `other`, its edition in the other language, linked at the top.
 */
export function page(title: string, body: string, lang = 'en', other?: OtherEdition): string {
  const alternate = other
    ? `<link rel="alternate" hreflang="${esc(other.lang)}" href="${esc(other.href)}">\n`
    : '';
  const switcher = other
    ? `<nav class="edition"><a href="${esc(other.href)}" hreflang="${esc(other.lang)}" lang="${esc(other.lang)}">${esc(other.label)}</a></nav>\n`
    : '';
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${alternate}<style>${STYLE}</style>
</head>
<body><main>
${switcher}${body}
</main></body>
</html>
`;
}
