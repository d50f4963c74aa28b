import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import type { Reason, RegistryNotHere } from '../common/reasons';
import { sayReason } from '../common/reasons-en';
import { endpointHost, isLocalEndpoint } from '../engine/endpoint';
import type { EngineHost } from '../engine/engine-host';
import type { EngineFingerprint } from '../engine/fingerprint';
import { startHelper, stopHelper } from '../host/helper-host';
import type { Labels } from '../hygiene/labels';

/**
 * Where the kit stands, seen from the engine: on the engine's host, in its namespaces
 * (`on-host`); on its machine but outside a rootless engine's namespaces (`rootless`); in a
 * container of that engine, its socket mounted in (`in-container`: GitLab's docker executor,
 * Jenkins agents, devcontainers); or across a boundary (`across`: a VM's socket, tcp://, ssh://).
 */
export type Topology = 'on-host' | 'rootless' | 'in-container' | 'across';

/** Where published ports are asked for: from the kit's process at `address`, or on the engine's host itself (through the helper). */
export type PublishedReach =
  | { from: 'kit'; address: string }
  | { from: 'engine-host' }
  | { unavailable: Reason };

/** How the kit reads the engine's host: here, through its helper container, or why it cannot. */
export type HostReader =
  | { reader: 'local' }
  | { reader: 'helper'; id: string; name: string; image: string }
  | { unavailable: Reason };

/** Where the kit stands and what follows from it, decided once per run (see decideStandpoint). */
export interface Standpoint {
  topology: Topology;
  /** One line for the run's header: where the kit is, and why the kit thinks so. */
  describe: string;
  host: HostReader;
  published: PublishedReach;
  /** Whether this machine may see published ports too (its loopback), which the verdicts then say: across a boundary. */
  yourMachine: boolean;
  /**
   * Where the run's registry can run: on this machine, where its loopback is the engine's
   * (Docker trusts 127.0.0.0/8 unasked), else as a container on the engine, and why.
   */
  registryPlace: { here: true } | { here: false; why: RegistryNotHere };
  /** Whether the engine is on this machine though the kit is not in its namespaces (a rootless engine whose storage is here). */
  sameMachine: boolean;
}

/**
 * Decides where the kit stands from the endpoint and from what a container in the engine
 * host's namespaces saw (`found`), and starts the helper container the kit reads the engine's
 * host through where it is not on that host. The one place the topology is decided.
 */
export async function decideStandpoint(
  docker: Docker,
  engine: EngineFingerprint,
  found: EngineHost | undefined,
  helper: { image: string; name: string; labels: Labels },
): Promise<Standpoint> {
  const override = process.env.KIT_PUBLISHED_HOST;
  const reach = (address: string): PublishedReach => ({ from: 'kit', address: override || address });
  if (found?.here) {
    return {
      topology: 'on-host',
      describe: "on the engine's host (the kit shares its network and PID namespaces)",
      host: { reader: 'local' },
      published: reach('127.0.0.1'),
      yourMachine: false,
      registryPlace: { here: true },
      sameMachine: false,
    };
  }
  // A rootless engine whose storage is here (not one whose socket alone is mounted into a container).
  if (engine.rootless && engine.sameMachine && existsSync(engine.dataRoot)) {
    return {
      topology: 'rootless',
      describe: `on the engine's machine, outside its namespaces (${found?.why ?? 'a rootless engine'})`,
      host: { reader: 'local' },
      // A rootless engine's port driver (rootlesskit) publishes on this machine's addresses.
      published: reach('127.0.0.1'),
      yourMachine: false,
      registryPlace: { here: false, why: { kitStands: 'rootless' } },
      sameMachine: true,
    };
  }
  const started = await startHelper(docker, helper.image, helper.name, helper.labels);
  const host: HostReader =
    'refused' in started
      ? {
          unavailable: { code: 'helper-refused', said: started.refused },
        }
      : { reader: 'helper', ...started };
  const fromEngineHost: PublishedReach =
    'unavailable' in host
      ? { unavailable: { code: 'ports-unreachable', why: host.unavailable } }
      : { from: 'engine-host' };
  const own = found && !found.here ? await ownContainer(docker) : undefined;
  if (own) {
    const gateway = own.gateway ?? defaultGateway();
    return {
      topology: 'in-container',
      describe: `in a container of the engine (${own.name}), its socket mounted in`,
      host,
      published: override ? reach(override) : gateway ? reach(gateway) : fromEngineHost,
      yourMachine: false,
      registryPlace: { here: false, why: { kitStands: 'in-container' } },
      sameMachine: false,
    };
  }
  const endpoint = engine.endpoint;
  const remote = /^(?:tcp|http|https|ssh):\/\//.test(endpoint);
  // An address of another machine publishes there; this machine's loopback (a VM's port forwarded here) is not the engine's host.
  const atAddress = remote && !isLocalEndpoint(endpoint);
  return {
    topology: 'across',
    describe: remote
      ? `across a boundary: the engine at ${endpointHost(endpoint)} (${endpoint.split(':')[0]})`
      : `across a boundary: the engine's socket is here, its host is not (${found?.why ?? 'a VM'})`,
    host,
    published: override ? reach(override) : atAddress ? reach(endpointHost(endpoint)) : fromEngineHost,
    yourMachine: true,
    registryPlace: { here: false, why: { kitStands: 'across' } },
    sameMachine: false,
  };
}

/**
 * The container of the engine's this process runs in, if any: the engine knows a container
 * by an ID that names the files it mounted into ours (/etc/hosts, /etc/resolv.conf: Docker's
 * containers/ID/, Podman's overlay-containers/ID/) or by our host name. /.dockerenv alone
 * cannot tell: it says a container, not whose (a CI machine may itself be one).
 */
async function ownContainer(docker: Docker): Promise<{ name: string; gateway?: string } | undefined> {
  let mounts = '';
  try {
    mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  const ids = new Set([...mounts.matchAll(/containers\/([0-9a-f]{64})\//g)].map((m) => m[1] as string));
  ids.add(hostname());
  for (const id of ids) {
    try {
      const inspect = await docker.getContainer(id).inspect();
      const networks = Object.values(inspect.NetworkSettings.Networks ?? {});
      const gateway = networks.map((n) => n.Gateway).find(Boolean);
      return { name: inspect.Name.replace(/^\//, ''), gateway };
    } catch {
      // not one of this engine's
    }
  }
  return undefined;
}

/** This machine's default gateway (/proc/net/route): from inside a container, its host's address on the container's network. */
export function defaultGateway(routes = readRoutes()): string | undefined {
  const hex = routes
    .split('\n')
    .map((line) => line.split('\t'))
    .find((f) => f[1] === '00000000' && f[2] !== '00000000')?.[2];
  if (!hex) return undefined;
  return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

function readRoutes(): string {
  try {
    return readFileSync('/proc/net/route', 'utf8');
  } catch {
    return '';
  }
}

/** Removes the helper container, where there is one. */
export async function leaveStandpoint(docker: Docker, standpoint: Standpoint): Promise<void> {
  if ('reader' in standpoint.host && standpoint.host.reader === 'helper')
    await stopHelper(docker, standpoint.host.id);
}

/** The run's header line: the topology, how the engine's host is read, where published ports are asked for. */
export function describeStandpoint(standpoint: Standpoint): string {
  const { host, published } = standpoint;
  const reads =
    'unavailable' in host
      ? `the engine's host cannot be read (${sayReason(host.unavailable)}): the claims that look at it are not verified`
      : host.reader === 'local'
        ? "the engine's host is read here"
        : `the engine's host is read through the helper container ${host.name}`;
  const ports =
    'unavailable' in published
      ? sayReason(published.unavailable)
      : published.from === 'kit'
        ? `published ports are asked for at ${published.address}${process.env.KIT_PUBLISHED_HOST ? ' (KIT_PUBLISHED_HOST)' : ''}`
        : "published ports are asked for on the engine's host (127.0.0.1 there), and at this machine's loopback as what your machine sees";
  return `${standpoint.topology}: ${standpoint.describe}; ${reads}; ${ports}`;
}
