import type Docker from 'dockerode';
import { COMMAND_EXIT, succeeded } from '../common/exit';
import { ENGINE_ADDED } from '../scenario/images';
import type { CliRun } from '../scenario/recorder';
import type { RegistryRequest } from '../scenario/registry';
import { buildSteps } from './build-output';
import { type Verdict, verdict } from './verdict';

// What the image claims (IMG) look for, judged from what the steps saw.

const MiB = 1024 * 1024;

/** The paths of a root directory that are the image's, not mount points an engine adds. */
const own = (paths: string[]) => paths.filter((p) => !ENGINE_ADDED.test(p)).join(' ');

/** CTR-13: the container's / holds the image's files, not the host's. */
export function holdsImageFiles(inside: string[], imageFiles: string[], host: string[] | undefined): Verdict {
  const image = imageFiles.filter((p) => !p.includes('/'));
  // Engines differ in which mount points they create (Docker's /.dockerenv, Podman's /run).
  return verdict(
    own(inside) === own(image) && host?.join(' ') !== inside.join(' '),
    `/ holding ${image.join(' ')}`,
    () => inside.join(' '),
  );
}

/**
 * IMG-02: the CLI said it did not have the image, and the engine pulled it: the registry
 * served the image's manifest during the run (the CLI's own progress lines are illustration).
 */
export function pulledOnMiss(run: CliRun, ref: string, requests: RegistryRequest[]): Verdict {
  const miss = `Unable to find image '${ref}' locally`;
  const [path, tag] = [
    ref.slice(ref.indexOf('/')).replace(/:[^:/]+$/, ''),
    /:([^:/]+)$/.exec(ref)?.[1] ?? 'latest',
  ];
  const manifests = requests.filter(
    (r) => r.method === 'GET' && r.status === 200 && r.path.startsWith(`/v2${path}/manifests/`),
  );
  const asked = requests.some((r) => r.path === `/v2${path}/manifests/${tag}`);
  return verdict(
    `${run.stdout}\n${run.stderr}`.includes(miss) && asked && manifests.length > 0,
    `"${miss}", then the registry serving the image's manifest`,
    () =>
      `output:\n${`${run.stdout}\n${run.stderr}`.trim()}\nthe registry served: ${requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('; ') || 'nothing'}`,
  );
}

/** A run that exited 0, printing `line`. */
export const ranPrinting = (run: CliRun, line: string): Verdict =>
  verdict(
    succeeded(run) && run.stdout.includes(line),
    `exit code 0 and the program's line "${line}"`,
    () => `exit code ${run.exitCode}, stdout ${JSON.stringify(run.stdout.trim())}`,
  );

/** Whether the engine has an image (its ID, when it does). */
export const present = (ref: string, id: string | undefined, when = ''): Verdict =>
  verdict(id !== undefined, `${ref} on the engine${when ? ` ${when}` : ''}`, () => 'no such image');

/** IMG-02: the Engine API alone did not pull. */
export const stillAbsent = (ref: string, id: string | undefined): Verdict =>
  verdict(
    id === undefined,
    `${ref} still absent: the API does not pull`,
    () => 'the engine has the image: it was pulled',
  );

/** IMG-02: the Engine API's answer: its status, and its message in any case (Docker "No such image", Podman "no such image"). */
export const answered = (
  answer: { status: number; message: string },
  status: number,
  text: string,
): Verdict =>
  verdict(
    answer.status === status && answer.message.toLowerCase().includes(text.toLowerCase()),
    `HTTP ${status} "${text}"`,
    () => `HTTP ${answer.status} ${answer.message}`,
  );

/** IMG-01: the run failed, saying the image was not found. */
export const notFound = (run: CliRun): Verdict =>
  verdict(
    !succeeded(run) && /not found|manifest unknown/i.test(run.stderr),
    'a failed run saying "not found"',
    () => `exit code ${run.exitCode}, stderr ${JSON.stringify(run.stderr.trim())}`,
  );

/** IMG-01: no container was left. */
export const noContainer = (listed: string[]): Verdict =>
  verdict(listed.length === 0, 'no container at all in `docker ps -a`', () => listed.join(', '));

/** IMG-03: a reference names the image of ID `id`. */
export const sameImage = (reference: string, id: string, found: string): Verdict =>
  verdict(found === id, `${reference} to be ${id}`, () => found);

/** IMG-03: the CLI pulled the normalised reference. */
export const pulledAs = (run: CliRun, reference: string): Verdict =>
  verdict(succeeded(run) && run.stdout.includes(reference), `a pull of ${reference}`, () =>
    run.stdout.trim(),
  );

/** IMG-03: the default registry (its mirror) was asked for `repository:tag`: the name, normalised. */
export const askedFor = (requests: RegistryRequest[], repository: string, tag: string): Verdict =>
  verdict(
    requests.some(
      (r) => (r.method === 'GET' || r.method === 'HEAD') && r.path === `/v2/${repository}/manifests/${tag}`,
    ),
    `a request for /v2/${repository}/manifests/${tag}`,
    () => requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('; ') || 'no request',
  );

/** IMG-04, IMG-15: `docker images` lists `name:tag`. */
export const listed = (lines: string[], reference: string): Verdict =>
  verdict(lines.includes(reference), `${reference} in docker images`, () =>
    lines.filter(Boolean).slice(0, 20).join(', '),
  );

/** IMG-04: the container runs the image `latest` names. */
export const runsImage = (reference: string, latest: string, image: string, exitCode: number): Verdict =>
  verdict(
    image === latest && exitCode === COMMAND_EXIT.success,
    `a container of ${reference} (${latest})`,
    () => `a container of ${image}, exit code ${exitCode}`,
  );

/** IMG-04: the CLI used the default tag. */
export const usedDefaultTag = (run: CliRun): Verdict =>
  verdict(run.stdout.includes('Using default tag: latest'), '"Using default tag: latest"', () =>
    run.stdout.trim(),
  );

/** IMG-05: the build added `more` layers to its base. */
export const addedLayers = (base: number, image: number, more: number): Verdict =>
  verdict(image - base === more, `${more} layers more than the base's ${base}`, () => `${image - base} more`);

/**
 * Whether a `docker image history` row is the entry of a Dockerfile instruction, as each
 * builder writes it: the legacy builder and buildah `/bin/sh -c #(nop)  EXPOSE 8080`, BuildKit
 * `EXPOSE [8080/tcp]`; a RUN as the command it ran.
 */
export function entryOf(row: string, instruction: string): boolean {
  const [keyword = '', ...rest] = instruction.split(' ');
  const args = rest.join(' ');
  if (keyword === 'RUN') return row.includes(args);
  if (keyword === 'EXPOSE') return new RegExp(`EXPOSE (\\[|map\\[)?${args}(/tcp)?(:\\{\\})?\\]?`).test(row);
  return row.includes(instruction);
}

/** IMG-05: `docker image history` has an entry for each instruction. */
export function historyOfEach(history: string, instructions: string[], count: number): Verdict {
  const rows = history.split('\n');
  const missing = instructions.filter((i) => !rows.some((row) => entryOf(row, i)));
  return verdict(
    instructions.length === count && missing.length === 0,
    `a history entry for each of ${count} instructions`,
    () => `no entry for: ${missing.join('; ')}`,
  );
}

/** IMG-05: metadata instructions' history entries add 0 bytes. */
export function metadataAddsNothing(history: string, metadata: string[]): Verdict {
  const rows = history.split('\n');
  const sizes = metadata.map((i) => rows.find((row) => entryOf(row, i))?.split('\t')[1] ?? 'no entry');
  return verdict(
    sizes.every((s) => /^0B?$/.test(s)),
    `0 B for ${metadata.join(', ')}`,
    () => sizes.join(', '),
  );
}

/** IMG-06: every step after FROM came from the cache. */
export function allCached(output: string): Verdict {
  const steps = buildSteps(output).slice(1);
  const rebuilt = steps.filter((s) => !s.cached);
  return verdict(
    steps.length > 0 && rebuilt.length === 0,
    'every step after FROM "Using cache"',
    () => `rebuilt: ${rebuilt.map((s) => s.instruction).join('; ')}`,
  );
}

/** IMG-06: the same image ID again. */
export const sameId = (first: string, again: string): Verdict =>
  verdict(first === again, `image ${first} again`, () => `image ${again}`);

/** IMG-06: cache hits up to the changed instruction, rebuilds from it on. */
export function cachedUntilChange(output: string, marker: string): Verdict {
  const steps = buildSteps(output).slice(1);
  const changed = steps.findIndex((s) => s.instruction.includes(marker));
  return verdict(
    changed > 0 && steps.every((s, i) => s.cached === i < changed),
    'cache hits up to the changed RUN, rebuilds from it on',
    () => steps.map((s) => `${s.instruction}: ${s.cached ? 'cache' : 'rebuilt'}`).join('; '),
  );
}

/** IMG-07: both images start with the shared image's layers. */
export function shareLayers(shared: string[], one: string[], two: string[]): Verdict {
  const prefix = (layers: string[]) => shared.every((digest, i) => layers[i] === digest);
  return verdict(
    prefix(one) && prefix(two),
    `both starting with ${shared.join(', ')}`,
    () => `one: ${one.join(', ')}; two: ${two.join(', ')}`,
  );
}

/**
 * IMG-07: the storage grew by the new layer only (its 1 MiB and some metadata), not by the
 * 8 MiB base again. A copying driver (vfs) keeps each layer as a whole copy of those below it.
 */
export const grewByOneLayer = (growth: { bytes: number; driver: string; layers: number }): Verdict =>
  verdict(
    growth.bytes >= MiB && growth.bytes < 5 * MiB,
    'growth between 1 MiB and 5 MiB',
    () =>
      `${(growth.bytes / MiB).toFixed(2)} MiB in ${growth.layers} layer director${growth.layers === 1 ? 'y' : 'ies'} of storage driver ${growth.driver}${growth.bytes >= 5 * MiB ? `: ${((growth.bytes - MiB) / MiB).toFixed(1)} MiB more than its own 1 MiB, the layers below it stored again` : ''}`,
  );

/** IMG-13, IMG-14: the image is back with its ID. */
export const backWithId = (ref: string, id: string, seen: string | undefined): Verdict =>
  verdict(seen === id, `${ref} with ID ${id}`, () => (seen ? `ID ${seen}` : 'no such image'));

/** The layer blobs a push sent: uploads completed with their digest (`PUT …/blobs/uploads/…?digest=`). */
export function uploaded(requests: RegistryRequest[]): string[] {
  return requests
    .filter(
      (r) =>
        (r.method === 'PUT' || r.method === 'POST') && r.status === 201 && /\/blobs\/uploads\//.test(r.path),
    )
    .flatMap((r) => /[?&]digest=([^&]+)/.exec(r.path)?.[1] ?? [])
    .map(decodeURIComponent);
}

/** The blobs a pull fetched (`GET …/blobs/DIGEST` answered 200, or redirected to storage). */
export function fetched(requests: RegistryRequest[]): string[] {
  return requests
    .filter((r) => r.method === 'GET' && (r.status === 200 || r.status === 307))
    .flatMap((r) => /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(r.path)?.[1] ?? []);
}

/**
 * IMG-08: what moved for the second image, by the registry's own log: its own layer, and none
 * of the layers it shares with the first (the first's layers in the registry).
 */
export function movedOnlyOwn(
  what: 'push' | 'pull',
  moved: string[],
  first: string[],
  second: string[],
): Verdict {
  const own = second.filter((d) => !first.includes(d));
  const shared = second.filter((d) => first.includes(d));
  const again = moved.filter((d) => shared.includes(d));
  const short = (ds: string[]) => ds.map((d) => d.slice(7, 19)).join(', ') || 'none';
  return verdict(
    own.length > 0 && own.every((d) => moved.includes(d)) && again.length === 0,
    `the ${what} of the second image to move its own layer (${short(own)}) and none of the ${shared.length} it shares with the first (${short(shared)})`,
    () =>
      `the registry ${what === 'push' ? 'received' : 'sent'} ${short(moved)}${again.length ? `: the shared ${short(again)} again` : ''}`,
  );
}

/** IMG-16: the commit succeeded. */
export const committed = (run: CliRun, ref: string): Verdict =>
  verdict(
    succeeded(run),
    `\`docker commit\` to make ${ref} from the container`,
    () => `exit code ${run.exitCode}: ${run.stderr.trim()}`,
  );

/** IMG-10: no kernel and no modules among an image's files. */
export function noKernel(files: string[]): Verdict {
  const kernel = files.filter((f) =>
    /^boot\/(vmlinu[xz]|bzImage)|^lib\/modules\/|^usr\/lib\/modules\//.test(f),
  );
  return verdict(kernel.length === 0, 'no /boot/vmlinuz* and no /lib/modules in the image', () =>
    kernel.join(', '),
  );
}

/** IMG-11: one layer holding one file. */
export function oneFile(layers: number, files: string[]): Verdict {
  const own = files.filter((f) => !ENGINE_ADDED.test(f));
  return verdict(
    layers === 1 && own.join() === 'busybox',
    'one layer holding only /busybox',
    () => `${layers} layer(s) holding ${own.join(', ')}`,
  );
}

/** IMG-12: the image's run settings are its Dockerfile's. */
export function hasSettings(config: Docker.ImageInspectInfo['Config']): Verdict {
  const holds =
    (config.Cmd ?? []).join(' ').includes('$GREETING from $(pwd)') &&
    (config.Env ?? []).includes('GREETING=hello') &&
    '8080/tcp' in (config.ExposedPorts ?? {}) &&
    config.WorkingDir === '/app';
  return verdict(holds, 'Cmd with the echo, Env GREETING=hello, ExposedPorts 8080/tcp, WorkingDir /app', () =>
    JSON.stringify({
      Cmd: config.Cmd,
      Env: config.Env,
      ExposedPorts: config.ExposedPorts,
      WorkingDir: config.WorkingDir,
    }),
  );
}

/** What a run printed is exactly `text`. */
export const output = (seen: string, text: string): Verdict =>
  verdict(seen === text, `"${text}"`, () => JSON.stringify(seen));
