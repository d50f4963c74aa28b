import type Docker from 'dockerode';
import type { Reason } from '../common/reasons';
import type { RegistryInfo } from '../fixtures/registry';
import {
  ClientRegistryReach,
  DirectRegistryReach,
  type RegistryAsked,
  type RegistryReach,
} from '../fixtures/registry-reach';
import { HelperHost } from '../host/helper-host';
import type { HostAccess } from '../host/host-access';
import { LocalHost, RootlessEngineMachine } from '../host/local-host';
import {
  EngineHostPortReach,
  KitPortReach,
  NoPortReach,
  type PortReach,
  YourMachine,
} from '../host/port-reach';
import { UnreadableHost } from '../host/unreadable-host';
import type { Standpoint } from './standpoint';

/**
 * What follows from where the kit stands, as objects: how it reads the engine's host, where
 * it asks for published ports, the engine host's own loopback, and your machine. Built once
 * per run and worker from the standpoint (here and nowhere else); every caller uses them
 * alike, and a stand-in ends a look as not verified, with the reason, where the kit has no way.
 */
export interface Reach {
  host: HostAccess;
  /** Where published ports are asked for. */
  published: PortReach;
  /** The engine host's own loopback (a port `--network host` binds there). */
  engineLoopback: PortReach;
  yourMachine: YourMachine;
  /** How the kit's own requests reach the run's registry, or why there is none. */
  registry: RegistryReach | { unavailable: Reason };
}

const built = new Map<string, Reach>();

/** The run's reach, for this process (a worker's own: the helper's exec streams are per process). */
export function reachOf(docker: Docker, standpoint: Standpoint, registry?: RegistryInfo): Reach {
  const key = JSON.stringify([standpoint.topology, standpoint.host, standpoint.published, registry]);
  let reach = built.get(key);
  if (!reach) {
    reach = build(docker, standpoint, registry ?? { unavailable: { code: 'registry-not-started-yet' } });
    built.set(key, reach);
  }
  return reach;
}

function build(docker: Docker, standpoint: Standpoint, registry: RegistryInfo): Reach {
  const host = hostOf(docker, standpoint);
  const here = new LocalHost();
  const { published } = standpoint;
  return {
    host,
    published:
      'unavailable' in published
        ? new NoPortReach(published.unavailable)
        : published.from === 'kit'
          ? new KitPortReach(published.address, here)
          : new EngineHostPortReach(host),
    engineLoopback: new EngineHostPortReach(host),
    yourMachine: new YourMachine(standpoint.yourMachine, here),
    registry: 'unavailable' in registry ? registry : registryReachOf(docker, registry.asked),
  };
}

function registryReachOf(docker: Docker, asked: RegistryAsked): RegistryReach {
  return asked.from === 'kit'
    ? new DirectRegistryReach(asked.base, asked.ca)
    : new ClientRegistryReach(docker, asked);
}

function hostOf(docker: Docker, standpoint: Standpoint): HostAccess {
  const { host } = standpoint;
  if ('unavailable' in host) return new UnreadableHost(host.unavailable);
  if (host.reader === 'helper') return new HelperHost(docker, host);
  return standpoint.topology === 'rootless' ? new RootlessEngineMachine() : new LocalHost();
}

/** Why the engine's host cannot be read, where it cannot (the run's storage reader says it); undefined where it can. */
export function hostUnreadable(standpoint: Standpoint): Reason | undefined {
  return 'unavailable' in standpoint.host ? standpoint.host.unavailable : undefined;
}
