import { SetupError } from '../common/errors';
import { readContext } from '../engine/context';
import {
  DEFAULT_MATRIX,
  ENGINE_KINDS,
  type EngineKind,
  findKind,
  kindFromArg,
  missingPart,
  requireParts,
} from '../lab/kinds';

/** An engine of the matrix: a lab kind the matrix brings up, an endpoint, or a docker context. */
export type Target =
  | { id: string; source: 'lab'; kind: EngineKind }
  | { id: string; source: 'url'; url: string }
  | { id: string; source: 'context'; context: string }
  | { id: string; source: 'bundle'; from: string[] };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The engines named by `args` (separated by spaces or commas), each `KIND`, `URL`, a docker
 * context's name, or `ID=URL` / `ID=CONTEXT` to give the column (and its expectations file)
 * a name. None given: the default matrix. Anything else is refused in one line.
 */
export function parseTargets(
  args: readonly string[],
  hasContext = contextExists,
  say: (line: string) => void = () => {},
): Target[] {
  const names = args.flatMap((arg) => arg.split(','));
  if (names.length === 0) return defaultMatrix(say);
  const kinds = ENGINE_KINDS.map((k) => k.name).join(', ');
  const refuse = (what: string): never => {
    throw new SetupError(
      what,
      `Name engines by kind (${kinds}), as docker-X.Y=bundle:PATH for a Docker release bundle, by DOCKER_HOST URL (unix://…, tcp://…, ssh://…), by docker context, or as ID=URL; separate them with spaces or commas.`,
    );
  };
  const targets = names.map((name): Target => {
    if (name.trim() === '') return refuse('The list of engines has an empty entry.');
    const [label, rest] = name.includes('=') ? (name.split(/=(.*)/s) as [string, string]) : [undefined, name];
    if (label !== undefined && !ID.test(label))
      refuse(`"${label}" cannot name a column: use letters, digits, dots, dashes and underscores.`);
    const kind = kindFromArg(name);
    if (kind && (label === undefined || rest.startsWith('bundle:'))) {
      requireParts(kind);
      return lab(kind.name, kind);
    }
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

/** The default matrix, but the kinds whose parts this machine lacks (a release bundle), each left out with a line saying why. */
function defaultMatrix(say: (line: string) => void): Target[] {
  return DEFAULT_MATRIX.flatMap((name) => {
    const kind = findKind(name) as EngineKind;
    const missing = missingPart(kind);
    if (!missing) return [lab(name, kind)];
    say(`matrix: leaving out ${missing} (see the README, "Engines from Docker's static downloads")`);
    return [];
  });
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
