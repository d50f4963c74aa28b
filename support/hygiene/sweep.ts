import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { messageOf } from '../common/errors';
import { log } from '../common/log';
import { waitFor } from '../common/wait';
import { isNotFound } from '../engine/errors';
import { discardContainer, discardImage, discardNetwork } from '../engine/objects';
import { type Labels, OWNER_LABEL, RUN_LABEL, SCENARIO_LABEL } from './labels';

export type ObjectKind = 'container' | 'network' | 'volume' | 'image';

/** An object on the engine that carries the kit's run label. */
export interface LabelledObject {
  kind: ObjectKind;
  id: string;
  name: string;
  runId: string;
  owner: string;
  /** The scenario that made it (`w<worker>-s<index>`), or '' for the run's own objects. */
  scenario: string;
  createdMs: number;
}

/**
 * Every object with the run label (all runs, or only `runId`). Only objects carrying the
 * label are ever listed, so only they can ever be removed.
 */
export async function listLabelled(docker: Docker, runId?: string): Promise<LabelledObject[]> {
  // One label filter only: Podman 4.3 answers nothing when given two.
  const label = [runId ? `${RUN_LABEL}=${runId}` : RUN_LABEL];
  const filters = JSON.stringify({ label });
  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
    docker.listImages({ filters }),
  ]);
  const made = (labels: Record<string, string> | undefined | null) => ({
    runId: labels?.[RUN_LABEL] ?? '',
    owner: labels?.[OWNER_LABEL] ?? '',
    scenario: labels?.[SCENARIO_LABEL] ?? '',
  });
  return [
    ...containers.map((c) => ({
      kind: 'container' as const,
      id: c.Id,
      name: c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12),
      createdMs: c.Created * 1000,
      ...made(c.Labels),
    })),
    ...networks.map((n) => ({
      kind: 'network' as const,
      id: n.Id,
      name: n.Name,
      createdMs: Date.parse(n.Created ?? '') || 0,
      ...made(n.Labels),
    })),
    ...(volumes.Volumes ?? []).map((v) => ({
      kind: 'volume' as const,
      id: v.Name,
      name: v.Name,
      createdMs: Date.parse((v as { CreatedAt?: string }).CreatedAt ?? '') || 0,
      ...made(v.Labels),
    })),
    ...images.map((i) => ({
      kind: 'image' as const,
      id: i.Id,
      name: i.RepoTags?.find((t) => t !== '<none>:<none>') ?? i.Id.slice(7, 19),
      createdMs: i.Created * 1000,
      ...made(i.Labels),
    })),
  ];
}

const REMOVAL_ORDER: ObjectKind[] = ['container', 'network', 'volume', 'image'];

/**
 * Removes the given labelled objects, containers first so networks, volumes and images are
 * free; images in passes, so that a parent whose children were listed after it goes too.
 */
export async function removeLabelled(docker: Docker, objects: LabelledObject[]): Promise<string[]> {
  const failures: string[] = [];
  for (const kind of REMOVAL_ORDER) {
    let pending = objects.filter((o) => o.kind === kind);
    while (pending.length > 0) {
      const stuck: [LabelledObject, string][] = [];
      for (const object of pending) {
        try {
          await removeOne(docker, object);
          log.cleanup('removed %s %s (run %s)', object.kind, object.name, object.runId);
        } catch (error) {
          if (!isNotFound(error)) stuck.push([object, messageOf(error)]);
        }
      }
      if (stuck.length === pending.length) {
        failures.push(...stuck.map(([o, message]) => `${o.kind} ${o.name}: ${message}`));
        break;
      }
      pending = stuck.map(([object]) => object);
    }
  }
  return failures;
}

/**
 * Removes the images one scenario made (its labels, see `runLabels`), tagged or not. Listed
 * again after each pass: on the containerd image store an image can outlive the removal of
 * its ID under a dangling name of the same content, and go only with the next.
 */
export async function removeScenarioImages(docker: Docker, labels: Labels): Promise<void> {
  const mine = async () =>
    (await listLabelled(docker, labels[RUN_LABEL])).filter(
      (o) => o.kind === 'image' && o.owner === labels[OWNER_LABEL] && o.scenario === labels[SCENARIO_LABEL],
    );
  let failures: string[] = [];
  for (let pass = 0, left = await mine(); left.length > 0 && pass < 5; pass++, left = await mine()) {
    failures = await removeLabelled(docker, left);
  }
  if (failures.length > 0) throw new Error(failures.join('; '));
}

async function removeOne(docker: Docker, object: LabelledObject): Promise<void> {
  switch (object.kind) {
    case 'container':
      return discardContainer(docker, object.id);
    case 'network':
      return discardNetwork(docker, object.id);
    case 'volume':
      return docker.getVolume(object.id).remove();
    case 'image':
      return discardImage(docker, object.id);
  }
}

/**
 * Removes everything labelled with `runId`, and goes on until the engine has listed nothing
 * for `quietMs`: a request the daemon accepted before an interrupted client went away (a
 * build step, a commit) can still complete after it. Stops early when a pass removes
 * nothing. Returns every object it found, and what it could not remove.
 */
export async function removeRun(
  docker: Docker,
  runId: string,
  { quietMs = 0, timeoutMs = 30_000 } = {},
): Promise<{ found: LabelledObject[]; failures: string[] }> {
  const found = new Map<string, LabelledObject>();
  let failures: string[] = [];
  let quietSince: number | undefined;
  try {
    await waitFor(
      async () => {
        const left = await listLabelled(docker, runId);
        for (const object of left) found.set(`${object.kind} ${object.id}`, object);
        if (left.length === 0) {
          quietSince ??= Date.now();
          return Date.now() - quietSince >= quietMs ? 'quiet' : undefined;
        }
        quietSince = undefined;
        failures = await removeLabelled(docker, left);
        return failures.length === left.length ? 'stuck' : undefined;
      },
      { timeoutMs, describe: () => `objects of run ${runId} kept appearing` },
    );
  } catch (error) {
    failures = [messageOf(error)];
  }
  return { found: [...found.values()], failures };
}

/** How long another machine's run may hold objects before they count as abandoned. */
const FOREIGN_RUN_TTL_MS = 6 * 60 * 60 * 1000;

/**
 * Whether an object was left by a run that is gone: its runner on this host is dead, or
 * it belongs to another host and is older than the TTL. Live runs (parallel ones too) are spared.
 */
export function isAbandoned(
  object: LabelledObject,
  now: number,
  alive: (pid: number) => boolean = processAlive,
): boolean {
  const [host, pidText] = object.owner.split(':');
  const pid = Number(pidText);
  if (host === hostname() && Number.isInteger(pid) && pid > 0) return !alive(pid);
  return now - object.createdMs > FOREIGN_RUN_TTL_MS;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what runs that died left behind; returns what was removed. */
export async function sweepAbandoned(docker: Docker): Promise<LabelledObject[]> {
  const now = Date.now();
  const abandoned = (await listLabelled(docker)).filter((o) => isAbandoned(o, now));
  await removeLabelled(docker, abandoned);
  return abandoned;
}

/** `container web-1, network n-2` — for messages. */
export function describeObjects(objects: LabelledObject[]): string {
  return objects.map((o) => `${o.kind} ${o.name}`).join(', ');
}
