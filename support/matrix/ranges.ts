/** What a range reads of a matrix column and cell (model.ts's MatrixColumn and MatrixCell). */
interface MatrixColumn {
  id: string;
  product: string;
  version: string;
  status: string;
}
interface MatrixCell {
  outcome: string;
  detail: string;
  expected?: { reason: string };
}

/** How a cell counts for a range: the claim holds there, the engine diverges, or the kit could not tell. */
type Standing = 'holds' | 'diverges' | 'unverified';

const RANK: Record<Standing, number> = { holds: 0, diverges: 1, unverified: 2 };

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

/** A column as a range names it: its short version, and what sets it apart in its ID ("28.5 rootless"), or its ID. */
function label(column: MatrixColumn): string {
  const short = column.version
    .split(/[.+~-]/)
    .slice(0, 2)
    .join('.');
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
 * Columns of one product in version order; a range is a run of them with the same standing.
 */
export function whereItHolds(columns: readonly MatrixColumn[], cells: Record<string, MatrixCell>): string {
  const ran = columns.filter((c) => c.status === 'ran' && cells[c.id]);
  const products = [...new Set(ran.map((c) => c.product))];
  const parts: Record<Standing, string[]> = { holds: [], diverges: [], unverified: [] };
  for (const product of products) {
    const ordered = ran
      .filter((c) => c.product === product)
      // Within one version, the variants where the claim holds first: a range is not broken by a sibling.
      .sort(
        (a, b) =>
          compareVersions(a.version, b.version) ||
          RANK[standingOf(cells[a.id]?.outcome ?? '')] - RANK[standingOf(cells[b.id]?.outcome ?? '')] ||
          a.id.localeCompare(b.id),
      );
    const name = PRODUCT_NAME[product] ?? product;
    // Ranges run over the engines where the claim was verified; the others are named apart.
    let run: MatrixColumn[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const standing = standingOf(cells[run[0]?.id as string]?.outcome ?? '');
      const why = [...new Set(run.map((c) => reasonOf(cells[c.id] as MatrixCell)).filter(Boolean))].join(
        '; ',
      );
      parts[standing].push(`${name} ${span(run)}${standing === 'holds' || !why ? '' : ` (${why})`}`);
      run = [];
    };
    for (const column of ordered.filter((c) => standingOf(cells[c.id]?.outcome ?? '') !== 'unverified')) {
      const previous = run.at(-1);
      if (
        previous &&
        standingOf(cells[previous.id]?.outcome ?? '') !== standingOf(cells[column.id]?.outcome ?? '')
      )
        flush();
      run.push(column);
    }
    flush();
    for (const column of ordered.filter((c) => standingOf(cells[c.id]?.outcome ?? '') === 'unverified')) {
      parts.unverified.push(`${name} ${label(column)} (${reasonOf(cells[column.id] as MatrixCell)})`);
    }
  }
  return [
    parts.holds.length ? `holds on ${parts.holds.join(', ')}` : '',
    parts.diverges.length ? `diverges on ${parts.diverges.join(', ')}` : '',
    parts.unverified.length ? `not verified on ${parts.unverified.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** Why a cell is not a pass, in one short clause: its expectation's reason, else what happened. */
function reasonOf(cell: MatrixCell): string {
  if (cell.outcome === 'passed' || cell.outcome === 'refined') return '';
  if (cell.expected) return cell.expected.reason;
  const first = cell.detail.split('\n')[0] ?? '';
  return cell.outcome === 'failed' && first
    ? first.length > 100
      ? `${first.slice(0, 99)}…`
      : first
    : cell.outcome;
}
