import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { baseTarFromBusybox, findStaticBusybox } from './busybox';
import { messageOf, SetupError } from './errors';
import { CACHE_LABEL } from './labels';
import { log } from './log';
import { followStream, type Progress } from './progress';

/** The fixture images, one folder each under support/fixtures/. */
export const FIXTURE_NAMES = ['web', 'exit', 'idle'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];
export type Fixtures = Record<FixtureName, string>;

const FIXTURES_DIR = join(__dirname, '..', 'fixtures');
/** Pulled only when nothing local will do. */
export const PINNED_BUSYBOX = 'busybox:1.36.1';

export interface BaseImage {
  ref: string;
  id: string;
  /** How it was found, for the run's header. */
  source: string;
}

/**
 * The base of every fixture, found without internet where possible: KIT_BASE_IMAGE; the
 * pinned busybox already present; a static busybox on this host imported as an image (made
 * once, then found by its content); last, the pinned busybox pulled from the default registry.
 */
export async function resolveBase(docker: Docker, progress: Progress): Promise<BaseImage> {
  const setting = process.env.KIT_BASE_IMAGE;
  if (setting) {
    const id = (await imageId(docker, setting)) ?? (await pull(docker, setting, progress));
    if (!id) {
      throw new SetupError(
        `KIT_BASE_IMAGE=${setting} is not on the engine and could not be pulled.`,
        'Load it first (docker load -i FILE), or unset KIT_BASE_IMAGE to let the kit make a base from a static busybox.',
      );
    }
    return { ref: setting, id, source: 'KIT_BASE_IMAGE' };
  }
  const present = await imageId(docker, PINNED_BUSYBOX);
  if (present) return { ref: PINNED_BUSYBOX, id: present, source: 'already on the engine' };

  const busybox = findStaticBusybox();
  let importFailure = 'no static busybox was found on this host';
  if (busybox) {
    const ref = `docker-conformance-kit/base:busybox-${busybox.digest.slice(0, 16)}`;
    const cached = await imageId(docker, ref);
    if (cached) return { ref, id: cached, source: `imported from ${busybox.path} (cached)` };
    try {
      return {
        ref,
        id: await importBusybox(docker, busybox.path, busybox.digest, ref, progress),
        source: `imported from ${busybox.path}`,
      };
    } catch (error) {
      importFailure = `importing ${busybox.path} failed (${messageOf(error)})`;
    }
  }

  const pulled = await pull(docker, PINNED_BUSYBOX, progress);
  if (pulled) return { ref: PINNED_BUSYBOX, id: pulled, source: 'pulled from the default registry' };
  throw new SetupError(
    `No base image: ${PINNED_BUSYBOX} is not on the engine, ${importFailure}, and the pull failed.`,
    'Install a static busybox (apt-get install busybox-static), load busybox into the engine, or set KIT_BASE_IMAGE.',
  );
}

/**
 * Imports a root filesystem holding only the static busybox as `ref`. Podman's import
 * ignores the repository and tag it is given, so the image is tagged by the ID it reports.
 */
async function importBusybox(
  docker: Docker,
  path: string,
  digest: string,
  ref: string,
  progress: Progress,
): Promise<string> {
  progress(`importing ${path} as ${ref}`);
  return importRootfs(docker, baseTarFromBusybox(path), ref, [
    `LABEL ${CACHE_LABEL}=${digest}`,
    'CMD ["sh"]',
  ]);
}

/**
 * `docker import` of a root filesystem tar as `ref`, with Dockerfile `changes`; returns the
 * image ID. Podman's import ignores the repository and tag, so the image is tagged by the ID
 * it reports.
 */
export async function importRootfs(
  docker: Docker,
  tar: NodeJS.ReadableStream,
  ref: string,
  changes: string[],
): Promise<string> {
  const [repo, tag] = ref.split(':') as [string, string];
  const stream = await docker.importImage(tar, { repo, tag, changes } as object);
  const events = await followStream(docker, stream);
  const reported = events
    .map((e) => e.status ?? e.id ?? '')
    .find((text) => /^sha256:[0-9a-f]{64}$/.test(text));
  if (!(await imageId(docker, ref)) && reported) await docker.getImage(reported).tag({ repo, tag });
  const id = await imageId(docker, ref);
  if (!id) throw new Error(`the engine reported no image for ${ref}`);
  return id;
}

/** The content hash of a fixture: its base's ID and every file of its folder. */
export function fixtureHash(name: FixtureName, baseId: string, dir = FIXTURES_DIR): string {
  const hash = createHash('sha256').update(`${name}\0${baseId}\0`);
  for (const file of fixtureFiles(name, dir)) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, name, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

function fixtureFiles(name: FixtureName, dir = FIXTURES_DIR): string[] {
  return readdirSync(join(dir, name)).sort();
}

/** Builds each fixture whose content-addressed tag is missing; returns every fixture's reference. */
export async function buildFixtures(docker: Docker, base: BaseImage, progress: Progress): Promise<Fixtures> {
  const refs = {} as Fixtures;
  for (const name of FIXTURE_NAMES) {
    const hash = fixtureHash(name, base.id);
    const ref = `docker-conformance-kit/${name}:${hash.slice(0, 16)}`;
    refs[name] = ref;
    if (await imageId(docker, ref)) {
      log.fixtures('%s is cached as %s', name, ref);
      continue;
    }
    progress(`building fixture ${name} as ${ref}`);
    const stream = await docker.buildImage(
      { context: join(FIXTURES_DIR, name), src: fixtureFiles(name) },
      { t: ref, buildargs: { BASE: base.ref }, labels: { [CACHE_LABEL]: hash }, rm: true, forcerm: true },
    );
    try {
      await followStream(docker, stream, (line) => {
        if (/^Step \d+\/\d+ :/.test(line)) progress(`  ${name}: ${line}`);
      });
    } catch (error) {
      throw new SetupError(
        `Building the fixture image ${name} from ${base.ref} failed: ${messageOf(error)}.`,
        `Reproduce with: docker build --build-arg BASE=${base.ref} support/fixtures/${name}`,
      );
    }
  }
  return refs;
}

/** The image's ID, or undefined when the engine does not have it. */
export async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch {
    return undefined;
  }
}

async function pull(docker: Docker, ref: string, progress: Progress): Promise<string | undefined> {
  try {
    progress(`pulling ${ref}`);
    await followStream(docker, await docker.pull(ref), progress);
    return imageId(docker, ref);
  } catch (error) {
    progress(`could not pull ${ref}: ${messageOf(error)}`);
    return undefined;
  }
}
