import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { timed } from '../common/op-timings';
import type { Reason } from '../common/reasons';
import { type Builders, describeBuilders, findBuilders } from '../engine/builders';
import { requireCliTalksTo } from '../engine/cli';
import { connectEngine, connectTo } from '../engine/endpoint';
import { findEngineHost } from '../engine/engine-host';
import { type EngineFingerprint, fingerprintEngine } from '../engine/fingerprint';
import type { Progress } from '../engine/stream';
import { type BaseImage, buildFixtures, type Fixtures, resolveBase } from '../fixtures/fixture-images';
import { type RegistryInfo, type StartedRegistry, startRegistry } from '../fixtures/registry';
import { engineStorage, type StorageInfo } from '../host/storage';
import { ownerOfThisProcess, runLabels } from '../hygiene/labels';
import { describeObjects, type LabelledObject, removeRun, sweepAbandoned } from '../hygiene/sweep';
import { hostUnreadable, reachOf } from './reach';
import { switchSetting } from './settings';
import { decideStandpoint, leaveStandpoint, type Standpoint } from './standpoint';

/** What a run prepares once and every scenario, in every worker, shares. */
export interface RunContext {
  runId: string;
  /** When the run began preparing: how far into the run something happened. */
  startedAt: string;
  /** `<host>:<pid>` of the process that owns the run's objects. */
  owner: string;
  engine: EngineFingerprint;
  base: BaseImage;
  fixtures: Fixtures;
  registry: RegistryInfo;
  /** The engine's layer storage, for scenarios that measure it. */
  storage: StorageInfo;
  /** Whether scenarios tagged @online may reach Docker Hub (KIT_ONLINE=1). */
  online: boolean;
  /** The builders the engine and CLI offer. */
  builders: Builders;
  /** The engine's mirror of the default registry, a registry of the kit's whose log it reads, or why there is none. */
  mirror: { address: string; log: string } | { unavailable: Reason };
  /** Another node of the engine's swarm (KIT_SWARM_PEER), with a base image there, or why there is none. */
  swarmPeer: { endpoint: string; base: string } | { unavailable: Reason };
  /** Where the kit stands: how it reads the engine's host and reaches its published ports. */
  standpoint: Standpoint;
}

/** The runner hands the context to cucumber's workers through this variable. */
export const CONTEXT_ENV = 'KIT_RUN_CONTEXT';

export function readRunContext(): RunContext | undefined {
  const text = process.env[CONTEXT_ENV];
  return text ? (JSON.parse(text) as RunContext) : undefined;
}

export interface PreparedRun {
  context: RunContext;
  docker: Docker;
  /** Every engine the run makes objects on: the one under test, and the swarm's other node if there is one. */
  engines: Docker[];
  swept: LabelledObject[];
  registry: StartedRegistry;
  /** Stops what the run started for itself: the registry, the helper container. */
  stopServices: () => Promise<void>;
}

/** A run id: short, lowercase, unique enough to tell runs apart in names and labels. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Everything a run needs before its first scenario: the engine's fingerprint (failing fast
 * when there is none), a sweep of what dead runs left, the base and fixture images, a registry.
 */
export async function prepareRun(
  progress: Progress,
  onEngine: (e: EngineFingerprint) => void,
): Promise<PreparedRun> {
  const startedAt = new Date().toISOString();
  const docker = connectEngine();
  let engine = await timed('start-up fingerprint', '', () => fingerprintEngine(docker));
  onEngine(engine);
  await timed('start-up CLI check', '', () => requireCliTalksTo(engine));
  const runId = newRunId();
  const owner = ownerOfThisProcess();
  const swept = await timed('start-up sweep', '', () => sweepAbandoned(docker));
  const base = await timed('start-up base image', '', () => resolveBase(docker, progress));
  const [fixtures, host, builders] = await Promise.all([
    timed('start-up fixtures', '', () => buildFixtures(docker, base, progress)),
    engine.local
      ? timed('start-up engine host', '', () =>
          findEngineHost(
            docker,
            base.ref,
            runLabels(runId, owner, 'engine-host'),
            engine.rootless && engine.product === 'Docker Engine',
          ),
        )
      : undefined,
    timed('start-up builders', '', () => findBuilders(engine)),
  ]);
  engine = { ...engine, builders: describeBuilders(builders) };
  const standpoint = await timed('start-up standpoint', '', () =>
    decideStandpoint(docker, engine, host, {
      image: base.ref,
      name: `dck-${runId}-engine-host`,
      labels: runLabels(runId, owner, 'engine-host'),
    }),
  );
  if (host && !host.here) {
    // On this machine though not in its namespaces only as the standpoint found it: a rootless engine whose storage is here.
    engine = { ...engine, local: false, notLocal: host.why, sameMachine: standpoint.sameMachine };
  }
  const unreadable = hostUnreadable(standpoint);
  const registry = await timed('start-up registry', '', () =>
    startRegistry(docker, engine, standpoint.registryPlace, {
      labels: runLabels(runId, owner, 'registry'),
      name: `dck-${runId}-registry`,
      client: base.ref,
      progress,
    }),
  );
  const swarmPeer = await prepareSwarmPeer(progress);
  const context: RunContext = {
    runId,
    startedAt,
    owner,
    engine,
    base,
    fixtures,
    registry: registry.info,
    storage: await timed('start-up storage', '', () =>
      engineStorage(engine, unreadable ?? reachOf(docker, standpoint).host),
    ),
    online: switchSetting(process.env, 'KIT_ONLINE', 'run the @online scenarios'),
    builders,
    swarmPeer: swarmPeer.info,
    mirror: registryMirror(),
    standpoint,
  };
  const stopServices = async () => {
    await Promise.all([registry.stop(), leaveStandpoint(docker, standpoint)]);
  };
  return {
    context,
    docker,
    engines: [docker, ...(swarmPeer.peer ? [swarmPeer.peer] : [])],
    swept,
    registry,
    stopServices,
  };
}

/** Removes everything labelled with the run from every engine it made objects on: what was found, and what could not be removed. */
export async function removeRunEverywhere(
  prepared: PreparedRun,
  options: { quietMs?: number } = {},
): Promise<{ found: LabelledObject[]; failures: string[] }> {
  const removed = await Promise.all(
    prepared.engines.map((e) => removeRun(e, prepared.context.runId, options)),
  );
  return { found: removed.flatMap((r) => r.found), failures: removed.flatMap((r) => r.failures) };
}

/** Another node of a swarm, named by KIT_SWARM_PEER (a socket or URL), with the base image on it. */
async function prepareSwarmPeer(
  progress: Progress,
): Promise<{ info: RunContext['swarmPeer']; peer?: Docker }> {
  const endpoint = process.env.KIT_SWARM_PEER;
  if (!endpoint) {
    return {
      info: { unavailable: { code: 'no-swarm-peer' } },
    };
  }
  const peer = connectTo(endpoint);
  const swept = await sweepAbandoned(peer);
  if (swept.length > 0)
    progress(`swarm peer: removed what runs that died left there: ${describeObjects(swept)}`);
  const base = await resolveBase(peer, progress);
  return { info: { endpoint, base: base.ref }, peer };
}

/** The engine's mirror of Docker Hub, when it is one whose access log the kit can read (KIT_REGISTRY_MIRROR, KIT_REGISTRY_MIRROR_LOG). */
function registryMirror(): RunContext['mirror'] {
  const [address, log] = [process.env.KIT_REGISTRY_MIRROR, process.env.KIT_REGISTRY_MIRROR_LOG];
  if (address && log) return { address, log };
  return { unavailable: { code: 'no-mirror' } };
}
