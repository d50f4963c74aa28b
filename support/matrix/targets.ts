import { SetupError } from '../common/errors';
import { readContext } from '../engine/context';
import { DEFAULT_MATRIX, ENGINE_KINDS, type EngineKind, findKind } from '../lab/kinds';

/** An engine of the matrix: a lab kind the matrix brings up, an endpoint, or a docker context. */
export type Target =
  | { id: string; source: 'lab'; kind: EngineKind }
  | { id: string; source: 'url'; url: string }
  | { id: string; source: 'context'; context: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The engines named by `args` (separated by spaces or commas), each `KIND`, `URL`, a docker
 * context's name, or `ID=URL` / `ID=CONTEXT` to give the column (and its expectations file)
 * a name. None given: the default matrix. Anything else is refused in one line.
 */
export function parseTargets(args: readonly string[], hasContext = contextExists): Target[] {
  const names = args.flatMap((arg) => arg.split(','));
  if (names.length === 0) return DEFAULT_MATRIX.map((name) => lab(name, findKind(name) as EngineKind));
  const kinds = ENGINE_KINDS.map((k) => k.name).join(', ');
  const refuse = (what: string): never => {
    throw new SetupError(
      what,
      `Name engines by kind (${kinds}), by DOCKER_HOST URL (unix://…, tcp://…, ssh://…), by docker context, or as ID=URL; separate them with spaces or commas.`,
    );
  };
  const targets = names.map((name): Target => {
    if (name.trim() === '') return refuse('The list of engines has an empty entry.');
    const [label, rest] = name.includes('=') ? (name.split(/=(.*)/s) as [string, string]) : [undefined, name];
    if (label !== undefined && !ID.test(label))
      refuse(`"${label}" cannot name a column: use letters, digits, dots, dashes and underscores.`);
    const kind = findKind(rest);
    if (kind && label === undefined) return lab(rest, kind);
    if (/^[a-z]+:\/\//.test(rest)) return { id: label ?? slug(rest), source: 'url', url: rest };
    if (hasContext(rest)) return { id: label ?? rest, source: 'context', context: rest };
    return refuse(`"${name}" is neither an engine kind, nor a DOCKER_HOST URL, nor a docker context.`);
  });
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.id)) refuse(`"${target.id}" is named twice in the list of engines.`);
    seen.add(target.id);
  }
  return targets;
}

function lab(name: string, kind: EngineKind): Target {
  return { id: name, source: 'lab', kind };
}

/** A column name for an endpoint: `tcp://docker:2376` → `docker-2376`. */
function slug(url: string): string {
  return url
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function contextExists(name: string): boolean {
  return name === 'default' || readContext(name) !== undefined;
}
