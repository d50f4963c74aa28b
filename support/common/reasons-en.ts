import type { ObservedFrom, Reason, RegistryAttempt, RegistryNotHere } from './reasons';
import { PLAIN, type Voice } from './voice';

type Sayings = { [C in Reason['code']]: (reason: Extract<Reason, { code: C }>, v: Voice) => string };

/** Where an observation was made from, in English. */
export const OBSERVED_FROM_EN: Record<ObservedFrom, string> = {
  'this-machine': 'this machine',
  helper: "the engine's host, through the kit's helper container",
  'engine-address': "the kit's process, at the engine's address",
};

/** Why the kit's registry is not the binary here, in English. */
export const sayRegistryNotHere = (why: RegistryNotHere, v: Voice = PLAIN) =>
  'noBinary' in why
    ? 'no registry binary on PATH'
    : `the kit is not on the engine's host (${v.text(why.kitStands)})`;

const attempt = (a: RegistryAttempt, v: Voice): string => {
  switch (a.step) {
    case 'no-binary-to-import':
      return "no registry binary of the engine's architecture here to import";
    case 'import':
      return `importing ${v.code(a.binary)} failed (${v.said(a.said)})`;
    case 'pull':
      return `${v.code(a.image)} could not be pulled (${v.said(a.said)})`;
    case 'pull-brought-nothing':
      return `the pull of ${v.code(a.image)} brought no image`;
    case 'start':
      return `${v.code(a.image)} did not start (${v.said(a.said)})`;
    case 'binary-start':
      return `${v.code(a.binary)} did not start (${v.said(a.said)})`;
  }
};

/** What to do when an engine refuses to speak plain HTTP to a registry. */
export const PLAIN_HTTP_REMEDY =
  "list the registry as insecure (dockerd's insecure-registries, Podman's /etc/containers/registries.conf)";

/** Each reason in English, in the kit's words around its parameters. */
export const REASONS_EN: Sayings = {
  offline: () => 'offline: this scenario needs Docker Hub; set KIT_ONLINE=1 where the machine reaches it',
  'unknown-need': (r, v) => `the kit does not know the need ${v.code(r.tag)}`,
  'no-registry': (r, v) => `no registry: ${sayReason(r.why, v)}`,
  'registry-not-the-kits': () =>
    "the registry is KIT_REGISTRY's, not the kit's own: the kit cannot read from its log which blobs moved",
  'registry-not-started-yet': () => 'the run has not started its registry yet',
  'registry-failed': (r, v) =>
    [...(r.notHere ? [sayRegistryNotHere(r.notHere, v)] : []), ...r.attempts.map((a) => attempt(a, v))].join(
      ', and ',
    ),
  'registry-pull-refused': (r, v) =>
    r.podmanPlainHttp
      ? `Podman refuses the kit's registry at ${v.code(r.address)} over plain HTTP (${v.said(r.said)}): list it as insecure in registries.conf ([[registry]] location = "127.0.0.1", insecure = true)`
      : `the engine cannot pull from the kit's registry at ${v.code(r.address)} (${v.said(r.said)}); ${PLAIN_HTTP_REMEDY} and set KIT_REGISTRY to it`,
  'no-buildkit': (r, v) => `no BuildKit: ${sayReason(r.why, v)}`,
  'podman-builds-with-buildah': () =>
    'Podman builds with buildah; its Docker-compatible API offers no BuildKit',
  'cli-without-buildx': () =>
    'the docker CLI has no buildx plugin, and is too new to build with DOCKER_BUILDKIT=1 without it',
  'helper-refused': (r, v) =>
    `the engine refused the kit's helper container in its host's namespaces: ${v.said(r.said)}`,
  'ports-unreachable': (r, v) => `published ports cannot be reached: ${sayReason(r.why, v)}`,
  'rootless-host': (r, v) =>
    `the engine is rootless (${v.text(r.engine)}): its host network and files are rootlesskit's, which the kit cannot look at, and this scenario compares that host with what a container sees`,
  'not-across': (r, v) =>
    `the kit stands on the engine's side (${v.text(r.kitStands)}): your machine is the engine's host, so there is no second machine whose ports to ask`,
  'not-root-for-nat': () => "the kit does not run as root, so it cannot read the host's NAT rules",
  'not-swarm-manager': (r, v) =>
    `the engine is not a swarm manager (swarm: ${v.said(r.swarm)}); the kit does not turn swarm mode on`,
  'no-swarm-peer': () =>
    "no other node of the swarm to place a container on: set KIT_SWARM_PEER to one's endpoint (the lab's docker-28.5-swarm does)",
  'no-mirror': () =>
    "the engine has no mirror of the default registry whose log the kit reads: set KIT_REGISTRY_MIRROR and KIT_REGISTRY_MIRROR_LOG (the lab's docker-28.5-mirror has one)",
  'no-limit': (r, v) => {
    const what = r.limit === 'memory' ? 'memory' : 'PIDs';
    const field = r.limit === 'memory' ? 'MemoryLimit' : 'PidsLimit';
    const why = r.controllers
      ? `its cgroup hierarchy (v${v.text(r.cgroupVersion)}) has no ${r.limit} controller, only: ${v.said(r.controllers)}`
      : `it reports ${field} false${r.rootlessOnV1 ? ': a rootless engine on cgroup v1 has no cgroups' : ''}`;
    return `the engine can neither set nor enforce a ${what} limit here (${why})`;
  },
  'storage-unreadable': (r, v) => `the engine's storage cannot be read: ${sayReason(r.why, v)}`,
  'storage-driver-unknown': (r, v) =>
    `the kit does not read the storage driver ${v.code(r.driver)} (${v.text(r.imageStore)} image store; it reads ${r.known.length ? r.known.map((k) => v.code(k)).join(', ') : 'none of that store'}), so how it stores layers is not verified here`,
  'storage-needs-root': (r, v) =>
    `the engine's layer storage ${v.code(r.path)} cannot be read from here; run as root on the engine's host`,
  'engine-stopped': (r, v) =>
    `the engine at ${v.code(r.endpoint)} stopped answering during ${v.text(r.claim)}, ${v.text(r.secondsIntoRun)} s into the run`,
  'veth-peer-elsewhere': (r, v) =>
    `no interface of the engine's host has index ${v.text(r.peer)}, the peer of ${v.text(r.container)}'s eth0: its network is in a namespace of the engine's own, whose traffic no bridge of the host carries`,
  'port-unanswered': (r, v) =>
    `the engine published host port ${v.text(r.port)}, but nothing answered ${v.code(r.url)} (asked from ${OBSERVED_FROM_EN[r.from]} for ${v.text(r.seconds)} s): ${r.said.trim() ? v.said(r.said.trim()) : 'no answer'}`,
  'set-up-refused': (r, v) =>
    `the engine refused a step the check needs on the way, ${v.code(r.command)}: ${v.said(r.said)}`,
  said: (r, v) => v.said(r.text),
};

/** A reason in English (plain text unless a voice marks its parameters). */
export function sayReason(reason: Reason, v: Voice = PLAIN): string {
  const say = REASONS_EN[reason.code] as (r: Reason, v: Voice) => string;
  return say(reason, v);
}
