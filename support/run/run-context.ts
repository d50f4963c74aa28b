import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { type Builders, describeBuilders, findBuilders } from '../engine/builders';
import { connectEngine } from '../engine/endpoint';
import { findEngineHost } from '../engine/engine-host';
import { type EngineFingerprint, fingerprintEngine } from '../engine/fingerprint';
import type { Progress } from '../engine/stream';
import { type BaseImage, buildFixtures, type Fixtures, resolveBase } from '../fixtures/fixture-images';
import { type RegistryInfo, type StartedRegistry, startRegistry } from '../fixtures/registry';
import { engineStorage, type StorageInfo } from '../host/storage';
import { ownerOfThisProcess, runLabels } from '../hygiene/labels';
import { type LabelledObject, sweepAbandoned } from '../hygiene/sweep';
import { switchSetting } from './settings';

/** What a run prepares once and every scenario, in every worker, shares. */
export interface RunContext {
  runId: string;
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
  swept: LabelledObject[];
  registry: StartedRegistry;
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
  const docker = connectEngine();
  let engine = await fingerprintEngine(docker);
  onEngine(engine);
  const runId = newRunId();
  const owner = ownerOfThisProcess();
  const swept = await sweepAbandoned(docker);
  const base = await resolveBase(docker, progress);
  const [fixtures, host, builders] = await Promise.all([
    buildFixtures(docker, base, progress),
    engine.local ? findEngineHost(docker, base.ref, runLabels(runId, owner, 'engine-host')) : undefined,
    findBuilders(engine),
  ]);
  engine = { ...engine, builders: describeBuilders(builders) };
  if (host && !host.here) engine = { ...engine, local: false, notLocal: host.why };
  const registry = await startRegistry(docker, engine, runLabels(runId, owner, 'registry'), progress);
  const context: RunContext = {
    runId,
    owner,
    engine,
    base,
    fixtures,
    registry: registry.info,
    storage: engineStorage(engine),
    online: switchSetting(process.env, 'KIT_ONLINE', 'run the @online scenarios'),
    builders,
  };
  return { context, docker, swept, registry };
}
