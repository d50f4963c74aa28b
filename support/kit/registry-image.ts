import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { imageId, importRootfs } from './fixtures';
import { CACHE_LABEL } from './labels';
import type { Progress } from './progress';

/**
 * The distribution registry's configuration, for the binary and the image alike: quiet logs,
 * layers under `dataDir`, manifests deletable (the kit deletes what it pushed), serving `addr`.
 */
export function registryConfig(addr: string, dataDir: string): string {
  return [
    'version: 0.1',
    'log: { level: warn, accesslog: { disabled: true } }',
    `storage: { filesystem: { rootdirectory: ${dataDir} }, delete: { enabled: true } }`,
    `http: { addr: "${addr}" }`,
    '',
  ].join('\n');
}

/** Where the registry listens inside its container. */
export const REGISTRY_PORT = 5000;
const CONFIG_PATH = '/etc/docker/registry/config.yml';
const CONFIG = registryConfig(`:${REGISTRY_PORT}`, '/var/lib/registry');

/**
 * An image of the distribution registry made from the binary on this machine (Debian's
 * docker-registry) and the shared libraries it loads, for an engine the kit is not beside:
 * a registry without Docker Hub. Cached by content like the fixtures; `npm run clean` removes it.
 */
export async function registryImageFrom(docker: Docker, binary: string, progress: Progress): Promise<string> {
  const files = [binary, ...sharedLibraries(binary)];
  const hash = createHash('sha256').update(CONFIG);
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  const digest = hash.digest('hex');
  const ref = `docker-conformance-kit/registry:${digest.slice(0, 16)}`;
  if (await imageId(docker, ref)) return ref;
  progress(`importing ${binary} as ${ref}`);
  await importRootfs(docker, rootfs(files), ref, [
    `LABEL ${CACHE_LABEL}=${digest}`,
    `EXPOSE ${REGISTRY_PORT}`,
    `CMD ["${binary}", "serve", "${CONFIG_PATH}"]`,
  ]);
  return ref;
}

/** The absolute paths `ldd` names for a dynamically linked binary; none for a static one. */
export function sharedLibraries(binary: string): string[] {
  let listing: string;
  try {
    listing = execFileSync('ldd', [binary], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return []; // "not a dynamic executable", or no ldd: the binary must stand alone
  }
  return [...listing.matchAll(/(\/\S+) \(0x[0-9a-f]+\)/g)].map((match) => match[1] as string);
}

/** A root filesystem of `files` at their own paths (links followed), the config, and a data folder. */
function rootfs(files: string[]): NodeJS.ReadableStream {
  const tar = pack();
  const dirs = new Set<string>();
  for (const path of [...files, CONFIG_PATH, '/var/lib/registry/-', '/tmp/-']) {
    for (let dir = dirname(path); dir !== '/'; dir = dirname(dir)) dirs.add(dir.slice(1));
  }
  for (const dir of [...dirs].sort())
    tar.entry({ name: dir, type: 'directory', mode: dir === 'tmp' ? 0o1777 : 0o755 });
  for (const file of files) tar.entry({ name: file.slice(1), mode: 0o755 }, readFileSync(file));
  tar.entry({ name: CONFIG_PATH.slice(1), mode: 0o644 }, CONFIG);
  tar.finalize();
  return tar as unknown as NodeJS.ReadableStream;
}
