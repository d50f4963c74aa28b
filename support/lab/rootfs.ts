import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { SetupError } from '../common/errors';
import { COMMAND_EXIT, succeeded } from '../common/exit';
import { COMMON_PACKAGES, SUITE_PACKAGES, SUITES, type Suite } from './kinds';
import { mountsUnder } from './mounts';

const MAKE_ROOTFS = join(__dirname, 'make-rootfs.sh');

/** Where the lab keeps root filesystems between runs: KIT_LAB_CACHE, else /var/cache/docker-conformance-kit. */
export function labCache(): string {
  return process.env.KIT_LAB_CACHE || '/var/cache/docker-conformance-kit';
}

/** The Debian mirror this machine installs from (KIT_DEBIAN_MIRROR, else apt's own sources). */
export function debianMirror(): string {
  if (process.env.KIT_DEBIAN_MIRROR) return process.env.KIT_DEBIAN_MIRROR;
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\w+/m.exec(text)?.[1];
    if (uri && !/security/.test(uri)) return uri;
  }
  return 'http://deb.debian.org/debian';
}

/** The packages a suite's root filesystem holds. */
export function suitePackages(suite: Suite): string[] {
  return [...SUITE_PACKAGES[suite], ...COMMON_PACKAGES];
}

/** The cached root filesystem of a suite: named by a hash of its recipe, so a changed recipe makes a new one. */
export function rootfsPath(suite: Suite, mirror = debianMirror()): string {
  const recipe = createHash('sha256')
    .update([suite, mirror, ...suitePackages(suite)].join('\n'))
    .update(readFileSync(MAKE_ROOTFS))
    .digest('hex')
    .slice(0, 12);
  return join(rootfsDir(), `${suite}-${recipe}`);
}

/** Where the root filesystems are kept: `<suite>-<recipe>`, a build's leftovers, `<suite>.lock`. */
function rootfsDir(): string {
  return join(labCache(), 'rootfs');
}

/** The file flock(1) locks while a suite's root filesystem is built, looked up or removed. */
function suiteLock(suite: Suite): string {
  return join(rootfsDir(), `${suite}.lock`);
}

/**
 * The root filesystem of `suite`, built with debootstrap when it is not cached (one build
 * at a time per suite, under a lock). Older builds of the suite are removed, but one with
 * something mounted under it.
 */
export async function ensureRootfs(suite: Suite, progress: (line: string) => void): Promise<string> {
  const mirror = debianMirror();
  const path = rootfsPath(suite, mirror);
  const cached = existsSync(path);
  if (!cached) progress(`building the ${suite} root filesystem from ${mirror} (a few minutes, once)`);
  const started = Date.now();
  mkdirSync(rootfsDir(), { recursive: true });
  // Under the lock even when cached: `npm run clean -- lab` may be removing it right now.
  // make-rootfs.sh exits at once when it is there, and builds it anew when it is not.
  const build = await execa(
    'flock',
    [suiteLock(suite), MAKE_ROOTFS, suite, path, mirror, ...suitePackages(suite)],
    {
      reject: false,
      all: true,
      stdin: 'ignore',
    },
  );
  if (!succeeded(build)) {
    throw new SetupError(
      `Building the ${suite} root filesystem failed: ${lastLines(build.all ?? build.shortMessage, 3)}.`,
      `Check that ${mirror} answers (KIT_DEBIAN_MIRROR to use another) and that debootstrap is installed.`,
    );
  }
  if (cached) return path;
  await holdingSuiteLocks([suite], () => removeBuilds(suite, path));
  progress(`built the ${suite} root filesystem in ${Math.round((Date.now() - started) / 1000)} s`);
  return path;
}

/** What removing the lab's root filesystems did, or why it did not. */
export interface CacheRemoval {
  /** The paths removed. */
  removed: string[];
  /** The lab engines that were up, or being brought up: then nothing was removed. */
  up: string[];
  /** Paths kept because something is mounted under them, and those mounts. */
  mounted: { path: string; mounts: string[] }[];
}

/**
 * Removes every suite's root filesystems and build leftovers, never their lock files, and the
 * unpacked release bundles, holding
 * every suite's lock: no build runs meanwhile, and a bring-up that starts waits in ensureRootfs
 * and then builds anew. Removes nothing when `enginesUp()`, asked under the locks, names an
 * engine (a bring-up records its engine before it looks for the root filesystem). `waiting` is
 * told of a suite whose lock is held, before waiting for it.
 */
export async function removeRootfsCache(
  enginesUp: () => string[],
  waiting: (suite: Suite) => void,
): Promise<CacheRemoval> {
  if (!existsSync(rootfsDir())) return { removed: [], up: [], mounted: [] };
  return holdingSuiteLocks(
    SUITES,
    () => {
      const up = enginesUp();
      if (up.length > 0) return { removed: [], up, mounted: [] };
      const bySuite = SUITES.map((suite) => removeBuilds(suite));
      // Release bundles unpacked for the lab (see bundle.ts): nothing mounts them but a running engine.
      const bundles = join(labCache(), 'bundles');
      const unpacked = existsSync(bundles) ? [bundles] : [];
      for (const path of unpacked) rmSync(path, { recursive: true, force: true });
      return {
        removed: [...bySuite.flatMap((r) => r.removed), ...unpacked],
        up,
        mounted: bySuite.flatMap((r) => r.mounted),
      };
    },
    waiting,
  );
}

/**
 * Removes the suite's builds but `keep`: its root filesystems and what a build cut short left
 * (`.partial`, `.partial.log`). Call it holding the suite's lock. A path with mounts under it
 * stays (a killed build's /proc): rm would go down into the mount.
 */
function removeBuilds(suite: Suite, keep?: string): Omit<CacheRemoval, 'up'> {
  const ours = new RegExp(`^${suite}-[0-9a-f]{12}(\\.partial(\\.log)?)?$`);
  const paths = readdirSync(rootfsDir())
    .filter((name) => ours.test(name))
    .map((name) => join(rootfsDir(), name))
    .filter((path) => path !== keep);
  const removed: string[] = [];
  const mounted: CacheRemoval['mounted'] = [];
  for (const path of paths) {
    const mounts = mountsUnder([path]);
    if (mounts.length > 0) {
      mounted.push({ path, mounts });
    } else {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return { removed, mounted };
}

/**
 * Runs `work` holding the locks of `suites`, taken in the order given (the suite table's, so
 * two holders never wait on each other). `waiting` is told of a lock someone else holds.
 */
async function holdingSuiteLocks<T>(
  suites: readonly Suite[],
  work: () => T,
  waiting?: (suite: Suite) => void,
): Promise<T> {
  const held: number[] = [];
  try {
    for (const suite of suites) {
      // Read-only, as flock(1) opens it: a lock needs no write access to its file.
      const fd = openSync(suiteLock(suite), constants.O_RDONLY | constants.O_CREAT);
      held.push(fd);
      // flock(1) given a descriptor (ours, as its fd 3) locks the open file: the lock stays
      // with our descriptor after flock exits, and goes when we close it, or die.
      const lock = (...flags: string[]) =>
        new Promise<number | null>((resolve, reject) => {
          spawn('flock', [...flags, '3'], { stdio: ['ignore', 'ignore', 'inherit', fd] })
            .on('error', reject)
            .on('exit', resolve);
        });
      if ((await lock('--nonblock')) === COMMAND_EXIT.success) continue;
      waiting?.(suite);
      if ((await lock()) !== COMMAND_EXIT.success)
        throw new Error(`flock could not lock ${suiteLock(suite)}`);
    }
    return work();
  } finally {
    for (const fd of held) closeSync(fd);
  }
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' ').trim();
}
