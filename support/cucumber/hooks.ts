import {
  After,
  AfterAll,
  Before,
  BeforeAll,
  type ITestCaseHookParameter,
  Status,
  setDefaultTimeout,
  setParallelCanAssign,
} from '@cucumber/cucumber';
import { messageOf } from '../common/errors';
import { engineSummaryLine } from '../engine/fingerprint';
import { claimOf, SKIP_PREFIX, unmetNeed } from '../run/needs';
import {
  type PreparedRun,
  prepareRun,
  type RunContext,
  readRunContext,
  removeRunEverywhere,
} from '../run/run-context';
import type { KitWorld } from './world';

// Engine operations (a pull, an OOM kill, a registry push) take longer than cucumber's 5 s default.
setDefaultTimeout(120_000);

// Scenarios tagged @serial touch daemon-wide state: they run alone, never beside another scenario.
setParallelCanAssign((pickle, running) => {
  const serial = (p: typeof pickle) => p.tags.some((tag) => tag.name === '@serial');
  if (running.some(serial)) return false;
  return !serial(pickle) || running.length === 0;
});

let context: RunContext | undefined;
let preparedHere: PreparedRun | undefined;

BeforeAll(async () => {
  context = readRunContext();
  if (!context) {
    // cucumber-js was started directly rather than through `npm test`: prepare the run here.
    preparedHere = await prepareRun(
      (line) => process.stderr.write(`${line}\n`),
      () => {},
    );
    context = preparedHere.context;
  }
});

AfterAll(async () => {
  if (!preparedHere) return;
  await preparedHere.registry.stop();
  const { failures } = await removeRunEverywhere(preparedHere);
  for (const failure of failures) process.stderr.write(`could not remove ${failure}\n`);
});

Before(async function (this: KitWorld, { pickle }: ITestCaseHookParameter) {
  if (!context) throw new Error('the run context is missing: BeforeAll did not prepare the run');
  const tags = pickle.tags.map((tag) => tag.name);
  const reason = unmetNeed(tags, context);
  if (reason) {
    this.log(`${SKIP_PREFIX}${reason}`);
    return Status.SKIPPED.toLowerCase();
  }
  this.begin(context, claimOf(tags));
  this.log(`Engine: ${engineSummaryLine(context.engine)}`);
  return undefined;
});

After(async function (this: KitWorld, { result }: ITestCaseHookParameter) {
  if (!this.begun) return;
  if (result?.status === Status.FAILED) await attachEvidence(this);
  await this.cleanup.runAll();
});

/** On failure, what a person would look at next: `docker inspect` and `docker logs` of each container. */
async function attachEvidence(world: KitWorld): Promise<void> {
  for (const [alias, container] of world.containers.entries()) {
    try {
      const { inspect, logs } = await container.evidence();
      world.attach(inspect, { mediaType: 'application/json', fileName: `docker inspect ${alias}` });
      world.attach(logs, { mediaType: 'text/plain', fileName: `docker logs ${alias}` });
    } catch (error) {
      world.log(`could not collect evidence for container ${alias}: ${messageOf(error)}`);
    }
  }
}
