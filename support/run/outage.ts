import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { waitFor } from '../common/wait';
import { countSetting } from './settings';

/** An engine that stopped answering during a run and did not come back within KIT_ENGINE_WAIT. */
export interface Outage {
  endpoint: string;
  /** The claim and scenario in flight when it stopped answering. */
  claim: string;
  scenario: string;
  secondsIntoRun: number;
  waitedSeconds: number;
}

/** How long the run waits for an engine that stopped answering: KIT_ENGINE_WAIT seconds, 30 unless set. */
export function engineWait(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return countSetting(env, 'KIT_ENGINE_WAIT', 30, 'seconds to wait for an engine that stopped answering');
}

/** Where a run's workers and its runner learn that the engine went away for good: beside its reports. */
export function outageFile(reportsDir: string): string {
  return join(reportsDir, 'engine-outage.json');
}

export function recordOutage(reportsDir: string, outage: Outage): void {
  writeFileSync(outageFile(reportsDir), `${JSON.stringify(outage)}\n`);
}

export function readOutage(reportsDir: string): Outage | undefined {
  const file = outageFile(reportsDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Outage) : undefined;
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
