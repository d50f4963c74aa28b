import { hostname } from 'node:os';

/** Every object a run creates carries this label, valued with the run's id. */
export const RUN_LABEL = 'docker-conformance-kit.run';
/** Who made the run: `<host>:<pid>` of the runner, so a later run can tell a dead run's leftovers. */
export const OWNER_LABEL = 'docker-conformance-kit.owner';
/** The scenario that made an object, for the reader of `docker inspect`. */
export const SCENARIO_LABEL = 'docker-conformance-kit.scenario';
/** Fixture images are a content-addressed cache kept across runs: they carry this label, not RUN_LABEL. */
export const CACHE_LABEL = 'docker-conformance-kit.cache';

export type Labels = Record<string, string>;

/** The labels of an object made by run `runId` (optionally for one scenario). */
export function runLabels(runId: string, owner: string, scenario?: string): Labels {
  const labels: Labels = { [RUN_LABEL]: runId, [OWNER_LABEL]: owner };
  if (scenario) labels[SCENARIO_LABEL] = scenario.slice(0, 200);
  return labels;
}

/** `<host>:<pid>` of this process. */
export function ownerOfThisProcess(): string {
  return `${hostname()}:${process.pid}`;
}

/** The same labels as `--label k=v` arguments of the docker CLI. */
export function labelArgs(labels: Labels): string[] {
  return Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
}
