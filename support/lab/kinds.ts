import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kitCommand } from '../common/commands';
import { SetupError } from '../common/errors';

/** A Debian suite a lab engine's root filesystem is made from (experimental: sid with experimental's packages first). */
export type Suite = 'bookworm' | 'trixie' | 'sid' | 'experimental';

/** How a lab engine is made: Debian's Docker, Docker's static release bundle, Debian's Podman as root or as an ordinary user (see recipes/). */
export type RecipeName = 'debian-docker' | 'docker-bundle' | 'podman' | 'podman-rootless';

/** An engine the lab can bring up: a product and version, how it is made, and how it is configured. */
export interface EngineKind {
  name: string;
  recipe: RecipeName;
  product: 'docker' | 'podman';
  /** The root filesystem it runs in: for a bundle, the userland around it (containerd, runc, iptables, nft, buildx). */
  suite: Suite;
  /** The version its name promises ("28.5"): an engine that reports another is refused. */
  version: string;
  /** What a reader calls it: "Docker 28.5 (Debian sid), containerd image store". */
  title: string;
  /** Where it keeps images; undefined: the release's own default, which the engine then reports. */
  imageStore?: 'classic' | 'containerd';
  /** Whether that store is the release's default, left to the engine (then only checked), rather than configured. */
  storeIsDefault?: boolean;
  /** Docker's firewall backend, when it is not the default (iptables). */
  firewall?: 'nftables';
  /** docker-bundle: the release bundle (an archive or a folder, Docker's static download layout). */
  bundle?: string;
  /** Whether the engine runs as an ordinary user (Docker's dockerd-rootless.sh, with rootlesskit). */
  rootless?: boolean;
  /** Whether the engine is the manager of a two-node swarm the lab makes. */
  swarm?: boolean;
  /** Whether the engine pulls the default registry's images through a mirror the lab runs (a registry of the kit's). */
  mirror?: boolean;
  /**
   * Where the kit stands to test it (see STANCES); undefined: beside it, in its network
   * namespace, as on the engine's own host.
   */
  stance?: Stance;
}

/**
 * Where the kit stands against a lab engine, as users stand against theirs:
 * - `vm`: outside the engine's namespaces, with only its unix socket (a VM's forwarded socket:
 *   Docker Desktop, Colima, OrbStack, Podman machine);
 * - `dind`: outside, over `tcp://ADDR:2375` on a veth pair into the engine's namespace (a CI
 *   job beside a `docker:dind` service);
 * - `ssh`: outside, over `ssh://root@ADDR` to an sshd beside the engine (a remote engine);
 * - `in-container`: in a container of the engine, its socket mounted in (GitLab's docker
 *   executor, Jenkins agents, devcontainers).
 */
export type Stance = 'vm' | 'dind' | 'ssh' | 'in-container';
/** The port a docker:dind service listens on, without TLS. */
export const DIND_PORT = 2375;
const STANCES: Record<Stance, string> = {
  vm: "the kit outside the engine's namespaces, with only its socket (as a VM's)",
  dind: 'the kit outside, over tcp:// on a veth pair (as docker:dind)',
  ssh: 'the kit outside, over ssh:// to an sshd beside the engine',
  'in-container': 'the kit in a container of the engine, its socket mounted in',
};

/** What each suite's root filesystem holds: every engine of that suite, its CLI and its tools. */
export const SUITE_PACKAGES: Record<Suite, readonly string[]> = {
  bookworm: ['docker.io'],
  trixie: ['docker.io', 'docker-cli', 'docker-buildx'],
  // openssh-server: an engine reached over ssh:// (its docker-cli runs `docker system dial-stdio`).
  sid: ['docker.io', 'docker-cli', 'docker-buildx', 'openssh-server'],
  // Podman 6 needs cgroup v2, where runc fails on this kind of host (no pids.max): crun.
  // passt: rootless Podman's default network (pasta), since Podman 5.
  experimental: ['docker-cli', 'crun', 'passt'],
};
/** Every suite the lab makes root filesystems of. */
export const SUITES = Object.keys(SUITE_PACKAGES) as Suite[];
/** In every suite: Podman with Debian's recommended network stack, the firewall tools, what a rootless engine needs, and the basics. */
export const COMMON_PACKAGES = [
  'podman',
  'netavark',
  'aardvark-dns',
  'conmon',
  'catatonit',
  'runc',
  'iptables',
  'nftables',
  'uidmap',
  'rootlesskit',
  'slirp4netns',
  'procps',
  'iproute2',
] as const;

const STORE_TITLE = { classic: 'classic image store', containerd: 'containerd image store' } as const;

const docker = (
  suite: Suite,
  version: string,
  imageStore: 'classic' | 'containerd' = 'classic',
): EngineKind => ({
  name: `docker-${version}${imageStore === 'containerd' ? '-containerd' : ''}`,
  recipe: 'debian-docker',
  product: 'docker',
  suite,
  version,
  title: `Docker ${version} (Debian ${suite})${imageStore === 'containerd' ? `, ${STORE_TITLE.containerd}` : ''}`,
  imageStore,
});

const podman = (suite: Suite, version: string): EngineKind => ({
  name: `podman-${version}`,
  recipe: 'podman',
  product: 'podman',
  suite,
  version,
  title: `Podman ${version} (Debian ${suite}), Docker-compatible API`,
});

/** Where the release bundles of the kinds below are looked for: KIT_ENGINE_BUNDLES, else ../shared/engines beside the kit. */
export function bundlesDir(): string {
  return process.env.KIT_ENGINE_BUNDLES || join(__dirname, '..', '..', '..', 'shared', 'engines');
}

/** Docker's own download page for static release bundles, for a user who has none. */
export const STATIC_DOWNLOADS = 'https://download.docker.com/linux/static/stable/x86_64/';

/**
 * A kind running a Docker release from its static bundle. `name` says what it is:
 * docker-X.Y, then -containerd or -classic for an image store other than the release's
 * default, then -nftables for that firewall backend, then -vm, -dind, -ssh or -in-container for where the kit stands.
 */
export function bundleKind(name: string, bundle: string | undefined): EngineKind | undefined {
  const parts = /^docker-(\d+\.\d+)(-containerd|-classic)?(-nftables)?(-vm|-dind|-ssh|-in-container)?$/.exec(
    name,
  );
  if (!parts) return undefined;
  const [, version = '', store, nftables, where] = parts;
  const imageStore = store ? (store.slice(1) as 'classic' | 'containerd') : undefined;
  const stance = where ? (where.slice(1) as Stance) : undefined;
  const extras = [
    imageStore && STORE_TITLE[imageStore],
    nftables && 'nftables firewall backend',
    stance && STANCES[stance],
  ];
  return {
    name,
    recipe: 'docker-bundle',
    product: 'docker',
    suite: 'sid',
    version,
    title: `Docker ${version} (static release bundle)${extras
      .filter(Boolean)
      .map((e) => `, ${e}`)
      .join('')}`,
    imageStore,
    firewall: nftables ? 'nftables' : undefined,
    stance,
    bundle,
  };
}

/** The bundle of Docker X.Y in bundlesDir(): docker-X.Y.*.tgz or docker-X.Y.*-linux-*.tar.xz. */
function bundleOf(version: string): string | undefined {
  const dir = bundlesDir();
  if (!existsSync(dir)) return undefined;
  const pattern = new RegExp(
    `^docker-${version.replace('.', '\\.')}\\.\\d+(-linux-[a-z0-9_]+)?\\.(tgz|tar\\.gz|tar\\.xz)$`,
  );
  const patch = (f: string) => Number(/^docker-\d+\.\d+\.(\d+)/.exec(f)?.[1] ?? 0);
  const found = readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort((a, b) => patch(a) - patch(b))
    .at(-1);
  return found ? join(dir, found) : undefined;
}

/** A kind of Docker's static bundle at fresh-install defaults, its bundle looked for in bundlesDir(). */
function bundled(name: string, defaultStore: 'classic' | 'containerd'): EngineKind {
  const kind = bundleKind(name, undefined) as EngineKind;
  const firewall = kind.firewall ? ', nftables firewall backend' : '';
  const stance = kind.stance ? `; ${STANCES[kind.stance]}` : '';
  return {
    ...kind,
    bundle: bundleOf(kind.version),
    // The release's default, stated: a kind is what its name says, and the engine is checked for it.
    imageStore: defaultStore,
    storeIsDefault: true,
    title: `Docker ${kind.version} (static release bundle, fresh-install defaults: ${STORE_TITLE[defaultStore]})${firewall}${stance}`,
  };
}

/** Every kind the lab knows, in the order the matrix shows them. */
export const ENGINE_KINDS: readonly EngineKind[] = [
  docker('bookworm', '20.10'),
  docker('trixie', '26.1'),
  docker('trixie', '26.1', 'containerd'),
  docker('sid', '28.5'),
  docker('sid', '28.5', 'containerd'),
  {
    ...docker('sid', '28.5'),
    name: 'docker-28.5-rootless',
    title: 'Docker 28.5 (Debian sid), rootless (rootlesskit, slirp4netns)',
    rootless: true,
  },
  {
    ...docker('sid', '28.5'),
    name: 'docker-28.5-mirror',
    title: 'Docker 28.5 (Debian sid), pulling from Docker Hub through a registry mirror of the lab',
    mirror: true,
  },
  {
    ...docker('sid', '28.5'),
    name: 'docker-28.5-swarm',
    title: 'Docker 28.5 (Debian sid), manager of a two-node swarm',
    swarm: true,
  },
  // A fresh Docker 29 install keeps images in the containerd store: the kind says so, and checks it.
  bundled('docker-29.7', 'containerd'),
  bundled('docker-29.7-nftables', 'containerd'),
  bundled('docker-29.7-vm', 'containerd'),
  bundled('docker-29.7-dind', 'containerd'),
  bundled('docker-29.7-ssh', 'containerd'),
  bundled('docker-29.7-in-container', 'containerd'),
  podman('bookworm', '4.3'),
  podman('trixie', '5.4'),
  podman('sid', '5.8'),
  podman('experimental', '6.1'),
  // The kit stands beside it, as beside rootless Docker: in the network namespace of the user
  // who runs it, where its published ports are (not `vm`: the kit would see its data root and
  // processes, judge it rootless on this machine, and ask for its ports where they are not).
  {
    ...podman('experimental', '6.1'),
    name: 'podman-6.1-rootless',
    recipe: 'podman-rootless',
    title: 'Podman 6.1 (Debian experimental), rootless (pasta), Docker-compatible API',
    rootless: true,
  },
];

/** The kinds `npm run matrix` runs when given none: each Docker build, rootless Docker, Podman's oldest and newest. */
export const DEFAULT_MATRIX = [
  'docker-20.10',
  'docker-26.1',
  'docker-28.5',
  'docker-28.5-containerd',
  'docker-28.5-rootless',
  'docker-29.7',
  'podman-4.3',
  'podman-5.8',
  'podman-6.1',
] as const;

/** The kind called `name`, or undefined. */
export function findKind(name: string): EngineKind | undefined {
  return ENGINE_KINDS.find((kind) => kind.name === name);
}

/**
 * A kind named on the command line: a known kind's name, or NAME=bundle:PATH for a Docker
 * release from its static bundle (NAME is docker-X.Y[-containerd|-classic][-nftables]).
 * Undefined for anything else; a bundle column with a name that says no release is refused.
 */
export function kindFromArg(arg: string): EngineKind | undefined {
  const bundle = /^([^=]+)=bundle:(.+)$/s.exec(arg);
  if (!bundle) return findKind(arg);
  const [, name = '', path = ''] = bundle;
  const kind = bundleKind(name, resolve(path));
  if (!kind) {
    throw new SetupError(
      `"${name}" cannot name a column of a release bundle: the name says which release it is.`,
      "Name it docker-X.Y, then -containerd or -classic for an image store other than the release's default, then -nftables for that firewall backend: docker-27.5=bundle:PATH.",
    );
  }
  return kind;
}

/** Why a kind cannot be brought up on this machine as it is (a bundle kind without its bundle), or undefined. */
export function missingPart(kind: EngineKind): string | undefined {
  if (kind.recipe !== 'docker-bundle' || (kind.bundle && existsSync(kind.bundle))) return undefined;
  return `${kind.name} runs Docker ${kind.version} from its static release bundle, and ${kind.bundle ? `${kind.bundle} is not there` : `${bundlesDir()} has no docker-${kind.version}.*.tgz`}`;
}

/** Refuses, in one line, a kind that cannot be brought up here. */
export function requireParts(kind: EngineKind): void {
  const missing = missingPart(kind);
  if (missing) {
    throw new SetupError(
      `${missing}.`,
      `Download docker-${kind.version}.N.tgz from ${STATIC_DOWNLOADS} into ${bundlesDir()} (KIT_ENGINE_BUNDLES names another folder), or name the bundle: ${kitCommand('matrix', `${kind.name}=bundle:PATH`)}.`,
    );
  }
}
