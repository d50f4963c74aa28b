import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { EngineKind } from './kinds';

/** Where a lab engine's sockets, log and state live while it runs (tmpfs: gone at reboot, like its netns). */
export const LAB_RUN = '/run/docker-conformance-kit/lab';
/** Where a lab engine's data root lives while it runs; removed when it is taken down. */
export const LAB_DATA = '/var/lib/docker-conformance-kit/lab';

/** A lab engine brought up (or being brought up): everything needed to use it and to take it down. */
export interface LabEngine {
  id: string;
  kind: string;
  title: string;
  product: EngineKind['product'];
  recipe: EngineKind['recipe'];
  /** The version its kind promises. */
  version: string;
  rootfs: string;
  /** The engine's network namespace; the kit runs in it (`ip netns exec`) unless its kind stands it elsewhere. */
  netns: string;
  /** Where the kit stands (the kind's stance); undefined: in the engine's network namespace. */
  stance?: EngineKind['stance'];
  /** in-container: the image the kit runs in on the engine, and this machine's folders it mounts (see in-container.ts). */
  kitImage?: string;
  kitShares?: string[];
  /** Where the kit reaches the engine when it stands outside over a network: tcp:// (dind) or ssh://, at its end of a veth pair from the host. */
  endpoint?: string;
  runDir: string;
  dataDir: string;
  /** What the kit needs to use it: DOCKER_HOST, KIT_DOCKER_CLI, DOCKER_CONFIG, KIT_NFT. */
  env: Record<string, string>;
  log: string;
  /** Host folders the engine sees at their own paths besides its data root and socket folder (a release bundle). */
  shared?: string[];
  /** The engine's process, and the namespaces that tie its other processes to it. */
  pid?: number;
  mntNs?: string;
  netNs?: string;
  /** The process that takes the engine down (`npm run matrix`, `lab run`); none for `lab up`. */
  owner?: { host: string; pid: number };
  startedAt: string;
  /** The other nodes of a swarm the engine manages, taken down with it. */
  peers?: LabEngine[];
  /** Whether the engine needs a /dev/net/tun an ordinary user may open (rootless). */
  openTun?: boolean;
  /** Whether the engine is given the unified cgroup hierarchy (cgroup v2) as its /sys/fs/cgroup. */
  unifiedCgroup?: boolean;
  /** Podman on the unified hierarchy: the cgroups there before it came up, which it may move the host's processes out of. */
  unifiedCgroupsBefore?: string[];
  /** Docker: the cgroup its containers go under. Podman: whether /libpod_parent was there before. */
  cgroupParent?: string;
  libpodParentExisted?: boolean;
}

/** An engine that did not come up, or died: the last lines of its log say why. */
export class EngineFailed extends Error {
  override readonly name = 'EngineFailed';
  constructor(
    readonly engine: string,
    readonly why: string,
    readonly logTail: string,
  ) {
    super(`${engine}: ${why}`);
  }
}

/**
 * What the kit is given to test the engine: its environment (DOCKER_HOST, its CLI, …), but a
 * docker CLI the user names (KIT_DOCKER_CLI) wins over the engine's own.
 */
export function kitEnvironment(
  engine: LabEngine,
  own: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const { KIT_DOCKER_CLI, KIT_NFT, ...rest } = engine.env;
  return {
    ...rest,
    // The kit reads a lab engine's nftables with the engine's own nft only beside it; elsewhere through the engine.
    ...(engine.stance || !KIT_NFT ? {} : { KIT_NFT }),
    ...(engine.endpoint ? { DOCKER_HOST: engine.endpoint } : {}),
    KIT_DOCKER_CLI: own.KIT_DOCKER_CLI || (KIT_DOCKER_CLI as string),
  };
}

/** Writes `path` (absolute, as the engine sees it) into the engine's writable layer, over its root filesystem's. */
export function writeInside(engine: LabEngine, path: string, text: string): void {
  const file = join(engine.runDir, 'upper', path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A file of the engine's root filesystem, as the host reads it. */
export function readInside(engine: LabEngine, path: string): string {
  return readFileSync(join(engine.rootfs, path), 'utf8');
}

/**
 * Writes an executable at `path` on the host that runs `binary` (a host path) through the
 * root filesystem's own loader and libraries, which may be newer than this machine's. Static
 * binaries run through the loader too.
 */
export function writeTool(engine: LabEngine, path: string, binary: string): void {
  const { rootfs } = engine;
  const loader = ['lib64', 'lib']
    .flatMap((dir) =>
      existsSync(join(rootfs, dir)) ? readdirSync(join(rootfs, dir)).map((f) => join(dir, f)) : [],
    )
    .find((file) => /^lib(64)?\/ld-linux[^/]*\.so\.\d+$/.test(file));
  const triplet = readdirSync(join(rootfs, 'usr', 'lib')).find((d) => /-linux-gnu/.test(d));
  if (!loader || !triplet) throw new Error(`${rootfs} has no dynamic loader to run ${binary} with`);
  const libraries = [join(rootfs, 'lib', triplet), join(rootfs, 'usr', 'lib', triplet)].join(':');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\nexec ${join(rootfs, loader)} --library-path ${libraries} ${binary} "$@"\n`);
  chmodSync(path, 0o755);
}

/**
 * The docker CLI the kit drives for the engine (`docker`, a host path: the suite's or a
 * bundle's), with the root filesystem's buildx plugin where it has one, in a config folder of
 * the engine's own; and the root filesystem's `nft`, which can list what its engine writes
 * (KIT_NFT).
 */
export function writeClients(engine: LabEngine, docker: string): void {
  writeTool(engine, engine.env.KIT_DOCKER_CLI as string, docker);
  mkdirSync(engine.env.DOCKER_CONFIG as string, { recursive: true });
  const buildx = join(engine.rootfs, 'usr', 'libexec', 'docker', 'cli-plugins', 'docker-buildx');
  if (existsSync(buildx))
    writeTool(engine, join(engine.env.DOCKER_CONFIG as string, 'cli-plugins', 'docker-buildx'), buildx);
  const nft = join(engine.rootfs, 'usr', 'sbin', 'nft');
  if (existsSync(nft)) {
    engine.env.KIT_NFT = join(engine.runDir, 'bin', 'nft');
    writeTool(engine, engine.env.KIT_NFT, nft);
  }
}

/**
 * Removes a cgroup (and the cgroups under it) from every hierarchy, deepest first. rmdir only
 * removes an empty cgroup, so one still in use by anybody stays. `optional`: absent is fine.
 */
export function removeCgroup(relative: string, problems: string[], optional = false): void {
  const roots = ['/sys/fs/cgroup', ...readdirSync('/sys/fs/cgroup').map((d) => join('/sys/fs/cgroup', d))];
  const remove = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) remove(join(dir, entry.name));
    }
    rmdirSync(dir);
  };
  for (const root of roots) {
    const dir = join(root, relative);
    try {
      if (statSync(dir).isDirectory()) remove(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && !(optional && code === 'EBUSY')) {
        problems.push(`cgroup ${dir}: ${code}`);
      }
    }
  }
}
