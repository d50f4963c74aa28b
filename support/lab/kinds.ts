/** A Debian suite a lab engine's root filesystem is made from. */
export type Suite = 'bookworm' | 'trixie' | 'sid';

/** An engine the lab can bring up: a product and version from a Debian suite, and how it is configured. */
export interface EngineKind {
  name: string;
  product: 'docker' | 'podman';
  suite: Suite;
  /** What a reader calls it: "Docker 28.5 (Debian sid), containerd image store". */
  title: string;
  /** Whether the engine runs as an ordinary user (Docker's dockerd-rootless.sh, with rootlesskit). */
  rootless?: boolean;
  /** Whether the engine is the manager of a two-node swarm the lab makes. */
  swarm?: boolean;
  /** Whether the engine pulls the default registry's images through a mirror the lab runs (a registry of the kit's). */
  mirror?: boolean;
  /** Whether Docker keeps images in the containerd image store (the default of fresh Docker 29 installs). */
  containerdStore?: boolean;
}

/** What each suite's root filesystem holds: every engine of that suite, its CLI and its tools. */
export const SUITE_PACKAGES: Record<Suite, readonly string[]> = {
  bookworm: ['docker.io'],
  trixie: ['docker.io', 'docker-cli', 'docker-buildx'],
  sid: ['docker.io', 'docker-cli', 'docker-buildx'],
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

const docker = (suite: Suite, version: string, containerd = false): EngineKind => ({
  name: `docker-${version}${containerd ? '-containerd' : ''}`,
  product: 'docker',
  suite,
  title: `Docker ${version} (Debian ${suite})${containerd ? ', containerd image store' : ''}`,
  containerdStore: containerd,
});

const podman = (suite: Suite, version: string): EngineKind => ({
  name: `podman-${version}`,
  product: 'podman',
  suite,
  title: `Podman ${version} (Debian ${suite}), Docker-compatible API`,
});

/** Every kind the lab knows, in the order the matrix shows them. */
export const ENGINE_KINDS: readonly EngineKind[] = [
  docker('bookworm', '20.10'),
  docker('trixie', '26.1'),
  docker('trixie', '26.1', true),
  docker('sid', '28.5'),
  docker('sid', '28.5', true),
  {
    name: 'docker-28.5-rootless',
    product: 'docker',
    suite: 'sid',
    title: 'Docker 28.5 (Debian sid), rootless (rootlesskit, slirp4netns)',
    rootless: true,
  },
  {
    name: 'docker-28.5-mirror',
    product: 'docker',
    suite: 'sid',
    title: 'Docker 28.5 (Debian sid), pulling from Docker Hub through a registry mirror of the lab',
    mirror: true,
  },
  {
    name: 'docker-28.5-swarm',
    product: 'docker',
    suite: 'sid',
    title: 'Docker 28.5 (Debian sid), manager of a two-node swarm',
    swarm: true,
  },
  podman('bookworm', '4.3'),
  podman('trixie', '5.4'),
  podman('sid', '5.8'),
];

/** The kinds `npm run matrix` runs when given none: each Docker build, rootless Docker, Podman's oldest and newest. */
export const DEFAULT_MATRIX = [
  'docker-20.10',
  'docker-26.1',
  'docker-28.5',
  'docker-28.5-containerd',
  'docker-28.5-rootless',
  'podman-4.3',
  'podman-5.8',
] as const;

/** The kind called `name`, or undefined. */
export function findKind(name: string): EngineKind | undefined {
  return ENGINE_KINDS.find((kind) => kind.name === name);
}
