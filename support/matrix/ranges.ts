import type { ClaimDetail } from '../reports/details';
import { esc, inEnglish, inlineMarkdown } from '../reports/html';
import { detailText } from '../reports/i18n/details';
import type { Lang } from '../reports/i18n/lang';
import { WORDS, type Words } from '../reports/i18n/words';

/** What a range reads of a matrix column and cell (model.ts's MatrixColumn and MatrixCell). */
interface MatrixColumn {
  id: string;
  product: string;
  version: string;
  status: string;
}
interface MatrixCell {
  outcome: string;
  reason: ClaimDetail;
  expected?: { reason: string; reasonPt?: string };
}

/** How a cell counts for a range: the claim holds there, the engine diverges, or the kit could not tell. */
type Standing = 'holds' | 'diverges' | 'unverified';

function standingOf(outcome: string): Standing {
  if (outcome === 'passed' || outcome === 'refined') return 'holds';
  return outcome === 'failed' ? 'diverges' : 'unverified';
}

/** "29.7.2" → [29, 7, 2]; what is not a number sorts last. */
function versionKey(version: string): number[] {
  return version.split(/[.+~-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : Number.MAX_SAFE_INTEGER));
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** "28.5.2+dfsg4" → "28.5". */
function shortVersion(column: MatrixColumn): string {
  return column.version
    .split(/[.+~-]/)
    .slice(0, 2)
    .join('.');
}

/** A column as a range names it: its short version, and what sets it apart in its ID ("28.5 rootless"), or its ID. */
function label(column: MatrixColumn): string {
  const short = shortVersion(column);
  const kind = /^(?:docker|podman)-\d+\.\d+(?:-(.+))?$/.exec(column.id);
  if (!kind) return `${short} (${column.id})`;
  return kind[1] ? `${short} ${kind[1]}` : short;
}

/** "20.10–29.7" for a run of consecutive columns, "28.5 rootless" for one. */
function span(run: MatrixColumn[]): string {
  const [first, last] = [run[0] as MatrixColumn, run.at(-1) as MatrixColumn];
  return run.length === 1 ? label(first) : `${label(first)}–${label(last)}`;
}

const PRODUCT_NAME: Record<string, string> = { 'Docker Engine': 'Docker', Podman: 'Podman' };

/**
 * Where a claim holds, per product, as version ranges, and which engines diverge and why
 * (their expectations' reason, else the cell's detail): "holds on Docker 20.10–29.7; diverges
 * on Podman 4.3–6.1 (Podman refuses --link); not verified on Docker 28.5 rootless (skipped)".
 * A version holds when the claim holds on any of its engines (28.5, 28.5 containerd…); a range
 * is a run of such versions, which a version where it only diverges ends. The engines where it
 * diverges are named apart, as runs with no version between them where it holds.
 */
export function whereItHolds(
  columns: readonly MatrixColumn[],
  cells: Record<string, MatrixCell>,
  frame: Words['ranges'] = WORDS.en.ranges,
): string {
  return rangeText(
    rangeParts(columns, cells, frame === WORDS.en.ranges ? 'en' : 'pt-BR'),
    frame,
    (text) => text,
    (why) => why.text,
  );
}

/**
 * The same, as HTML for a page in `lang`: the frame in its words, each reason (its
 * expectation's, or what the run recorded) as recorded, marked `lang="en"` on a page of another language.
 */
export function whereItHoldsHtml(
  columns: readonly MatrixColumn[],
  cells: Record<string, MatrixCell>,
  lang: Lang,
): string {
  const said = (why: Why) =>
    why.lang === lang ? inlineMarkdown(why.text) : inEnglish(lang, inlineMarkdown(why.text));
  return rangeText(rangeParts(columns, cells, lang), WORDS[lang].ranges, esc, said);
}

/** Why engines are where they are in a range, in the language it is written in. */
type Why = { text: string; lang: Lang };
/** A part of a range: the engines it names, and why they are there (none where it holds). */
type Part = { engines: string; why: Why[] };

function rangeText(
  parts: Record<Standing, Part[]>,
  frame: Words['ranges'],
  text: (s: string) => string,
  why: (s: Why) => string,
): string {
  const part = (p: Part) => `${text(p.engines)}${p.why.length ? ` (${p.why.map(why).join('; ')})` : ''}`;
  return [
    parts.holds.length ? `${text(frame.holds)} ${parts.holds.map(part).join(', ')}` : '',
    parts.diverges.length ? `${text(frame.diverges)} ${parts.diverges.map(part).join(', ')}` : '',
    parts.unverified.length ? `${text(frame.unverified)} ${parts.unverified.map(part).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function rangeParts(
  columns: readonly MatrixColumn[],
  cells: Record<string, MatrixCell>,
  lang: Lang,
): Record<Standing, Part[]> {
  const standing = (c: MatrixColumn) => standingOf(cells[c.id]?.outcome ?? '');
  const ran = columns.filter((c) => c.status === 'ran' && cells[c.id]);
  const parts: Record<Standing, Part[]> = { holds: [], diverges: [], unverified: [] };
  for (const product of [...new Set(ran.map((c) => c.product))]) {
    const name = PRODUCT_NAME[product] ?? product;
    const ordered = ran
      .filter((c) => c.product === product)
      .sort((a, b) => compareVersions(a.version, b.version) || a.id.localeCompare(b.id));
    const versions = [...new Set(ordered.map(shortVersion))];
    const holds = (v: string) => ordered.some((c) => shortVersion(c) === v && standing(c) === 'holds');
    const onlyDiverges = (v: string) =>
      !holds(v) && ordered.some((c) => shortVersion(c) === v && standing(c) === 'diverges');
    // Runs of versions where it holds; a version where it only diverges ends one.
    let run: string[] = [];
    const flushHolds = () => {
      if (run.length > 0)
        parts.holds.push({
          engines: `${name} ${run.length === 1 ? run[0] : `${run[0]}–${run.at(-1)}`}`,
          why: [],
        });
      run = [];
    };
    for (const v of versions) {
      if (holds(v)) run.push(v);
      else if (onlyDiverges(v)) flushHolds();
    }
    flushHolds();
    // Runs of diverging engines with no version between them where it holds.
    let diverging: MatrixColumn[] = [];
    const flushDiverging = () => {
      if (diverging.length === 0) return;
      const reasons = diverging.flatMap((c) => reasonOf(cells[c.id] as MatrixCell, lang));
      const why = reasons.filter((r, i) => reasons.findIndex((o) => o.text === r.text) === i);
      parts.diverges.push({ engines: `${name} ${span(diverging)}`, why });
      diverging = [];
    };
    for (const c of ordered.filter((c) => standing(c) === 'diverges')) {
      const last = diverging.at(-1);
      const between = last
        ? versions.slice(versions.indexOf(shortVersion(last)) + 1, versions.indexOf(shortVersion(c)))
        : [];
      if (between.some(holds)) flushDiverging();
      diverging.push(c);
    }
    flushDiverging();
    for (const c of ordered.filter((c) => standing(c) === 'unverified')) {
      parts.unverified.push({
        engines: `${name} ${label(c)}`,
        why: reasonOf(cells[c.id] as MatrixCell, lang),
      });
    }
  }
  return parts;
}

/** Why a cell is not a pass, in one short clause in `lang` where it can be: its expectation's reason, else what happened. */
function reasonOf(cell: MatrixCell, lang: Lang): Why[] {
  if (cell.outcome === 'passed' || cell.outcome === 'refined') return [];
  if (cell.expected) {
    const pt = lang === 'pt-BR' ? cell.expected.reasonPt : undefined;
    return [pt ? { text: pt, lang } : { text: cell.expected.reason, lang: 'en' }];
  }
  if (cell.outcome !== 'failed') return [{ text: WORDS[lang].outcome[cell.outcome] ?? cell.outcome, lang }];
  const first = detailText(cell.reason, lang).split('\n')[0] ?? '';
  if (!first) return [{ text: WORDS[lang].outcome[cell.outcome] ?? cell.outcome, lang }];
  return [{ text: first.length > 100 ? `${first.slice(0, 99)}…` : first, lang }];
}
