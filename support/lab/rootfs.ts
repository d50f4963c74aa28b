import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { SetupError } from '../common/errors';
import { COMMON_PACKAGES, SUITE_PACKAGES, type Suite } from './kinds';

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
  return join(labCache(), 'rootfs', `${suite}-${recipe}`);
}

/**
 * The root filesystem of `suite`, built with debootstrap when it is not cached (one build
 * at a time per suite, under a lock). Older builds of the suite are removed.
 */
export async function ensureRootfs(suite: Suite, progress: (line: string) => void): Promise<string> {
  const mirror = debianMirror();
  const path = rootfsPath(suite, mirror);
  if (existsSync(path)) return path;
  progress(`building the ${suite} root filesystem from ${mirror} (a few minutes, once)`);
  const started = Date.now();
  mkdirSync(join(labCache(), 'rootfs'), { recursive: true });
  const lock = join(labCache(), 'rootfs', `${suite}.lock`);
  const build = await execa('flock', [lock, MAKE_ROOTFS, suite, path, mirror, ...suitePackages(suite)], {
    reject: false,
    all: true,
    stdin: 'ignore',
  });
  if (build.exitCode !== 0) {
    throw new SetupError(
      `Building the ${suite} root filesystem failed: ${lastLines(build.all ?? build.shortMessage, 3)}.`,
      `Check that ${mirror} answers (KIT_DEBIAN_MIRROR to use another) and that debootstrap is installed.`,
    );
  }
  for (const old of readdirSync(join(labCache(), 'rootfs'))) {
    const full = join(labCache(), 'rootfs', old);
    if (old.startsWith(`${suite}-`) && full !== path) rmSync(full, { recursive: true, force: true });
  }
  progress(`built the ${suite} root filesystem in ${Math.round((Date.now() - started) / 1000)} s`);
  return path;
}

/** Removes every cached root filesystem (and its build leftovers and locks); returns what it removed. */
export function removeRootfsCache(): string[] {
  const dir = join(labCache(), 'rootfs');
  if (!existsSync(dir)) return [];
  const ours = readdirSync(dir).filter((name) =>
    /^(bookworm|trixie|sid)(-[0-9a-f]{12}(\.partial(\.log)?)?|\.lock)$/.test(name),
  );
  for (const name of ours) rmSync(join(dir, name), { recursive: true, force: true });
  return ours.filter((name) => !name.endsWith('.lock')).map((name) => join(dir, name));
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' ').trim();
}
