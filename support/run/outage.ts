import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { waitFor } from '../common/wait';
import { countSetting } from './settings';

/** An engine that stopped answering during a run: back within KIT_ENGINE_WAIT (`backAfterSeconds`), or not. */
export interface Outage {
  endpoint: string;
  /** The claim and scenario in flight when it stopped answering. */
  claim: string;
  scenario: string;
  /** The scenario's label (`w<worker>-s<index>`): what it made carries it. */
  scenarioLabel?: string;
  secondsIntoRun: number;
  waitedSeconds: number;
  /** How long it was away, when it came back and the run went on. */
  backAfterSeconds?: number;
}

/** How long the run waits for an engine that stopped answering: KIT_ENGINE_WAIT seconds, 30 unless set. */
export function engineWait(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return countSetting(env, 'KIT_ENGINE_WAIT', 30, 'seconds to wait for an engine that stopped answering');
}

/** Where a run's workers and its runner learn of the engine's outages: beside its reports, a line each. */
export function outageFile(reportsDir: string): string {
  return join(reportsDir, 'engine-outages.ndjson');
}

export function recordOutage(reportsDir: string, outage: Outage): void {
  appendFileSync(outageFile(reportsDir), `${JSON.stringify(outage)}\n`);
}

/** Every outage of the run so far, in the order they happened. */
export function readOutages(reportsDir: string): Outage[] {
  const file = outageFile(reportsDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Outage);
}

/** The outage the engine did not come back from, which stopped the run, if there was one. */
export function readOutage(reportsDir: string): Outage | undefined {
  return readOutages(reportsDir).find((o) => o.backAfterSeconds === undefined);
}

/** Whether the engine answers a ping within `timeoutMs`. */
export async function answers(docker: Docker, timeoutMs = 2000): Promise<boolean> {
  const ping = docker.ping().then(
    () => true,
    () => false,
  );
  const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([ping, late]);
}

/** Waits up to `seconds` for the engine to answer again: the seconds it took, or undefined if it did not. */
export async function waitForEngine(docker: Docker, seconds: number): Promise<number | undefined> {
  const started = Date.now();
  return waitFor(
    async () => ((await answers(docker, 1000)) ? Math.round((Date.now() - started) / 1000) : undefined),
    {
      timeoutMs: seconds * 1000,
      intervalMs: 250,
      describe: () => `the engine did not answer within ${seconds} s`,
    },
  ).catch(() => undefined);
}

/** The one line a run that lost its engine ends with. */
export function describeOutage(outage: Outage, notRun: number): string {
  return `the engine at ${outage.endpoint} stopped answering during ${outage.claim} ("${outage.scenario}"), ${outage.secondsIntoRun} s into the run, and did not answer again within ${outage.waitedSeconds} s (KIT_ENGINE_WAIT); ${notRun} scenario(s) not run. What the run made is removed by the next run's sweep.`;
}
