import {
  After,
  AfterAll,
  AfterStep,
  Before,
  BeforeAll,
  BeforeStep,
  type ITestCaseHookParameter,
  type ITestStepHookParameter,
  Status,
  setDefaultTimeout,
  setDefinitionFunctionWrapper,
  setParallelCanAssign,
} from '@cucumber/cucumber';
import {
  ClaimViolation,
  EngineRefusedSetUp,
  EngineUnreachable,
  messageOf,
  NotVerifiable,
} from '../common/errors';
import type { Reason } from '../common/reasons';
import { sayReason } from '../common/reasons-en';
import { connectEngine } from '../engine/endpoint';
import { engineSummaryLine } from '../engine/fingerprint';
import { REPORTS } from '../reports/writers';
import { claimOf, SKIP_PREFIX, unmetNeed } from '../run/needs';
import { answers, engineWait, readOutage, recordOutage, waitForEngine } from '../run/outage';
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

// A step that could not look, or saw its claim not hold, records why as data before cucumber
// keeps only the message: the reports read the record (common/records.ts), never the message.
setDefinitionFunctionWrapper(
  (fn: (this: KitWorld, ...args: unknown[]) => unknown) =>
    async function (this: KitWorld, ...args: unknown[]) {
      try {
        return await fn.apply(this, args);
      } catch (error) {
        if (error instanceof NotVerifiable) this.note({ kind: 'not-verified', why: error.reason });
        else if (error instanceof EngineRefusedSetUp)
          this.note({
            kind: 'not-verified',
            why: { code: 'set-up-refused', command: error.command, said: error.answer },
          });
        else if (error instanceof ClaimViolation) {
          const { claim, expected, seen, reproduce } = error;
          this.note({ kind: 'violation', claim, expected, seen, ...(reproduce ? { reproduce } : {}) });
        }
        throw error;
      }
    },
);

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
  await preparedHere.stopServices();
  const { failures } = await removeRunEverywhere(preparedHere);
  for (const failure of failures) process.stderr.write(`could not remove ${failure}\n`);
});

Before(async function (this: KitWorld, { pickle }: ITestCaseHookParameter) {
  if (!context) throw new Error('the run context is missing: BeforeAll did not prepare the run');
  const tags = pickle.tags.map((tag) => tag.name);
  const outage = readOutage(REPORTS);
  if (outage) {
    const { endpoint, claim, secondsIntoRun } = outage;
    const why: Reason = { code: 'engine-stopped', endpoint, claim, secondsIntoRun };
    this.note({ kind: 'not-run', why });
    this.log(`${SKIP_PREFIX}not run: ${sayReason(why)}`);
    return Status.SKIPPED.toLowerCase();
  }
  const reason = unmetNeed(tags, context);
  if (reason) {
    this.note({ kind: 'skipped', why: reason });
    this.log(`${SKIP_PREFIX}${sayReason(reason)}`);
    return Status.SKIPPED.toLowerCase();
  }
  this.begin(context, claimOf(tags));
  this.log(`Engine: ${engineSummaryLine(context.engine)}`);
  return undefined;
});

// Whose fault an engine's refusal is depends on the step it refused (see scenario/fault.ts).
BeforeStep(function (this: KitWorld, { pickleStep }: ITestStepHookParameter) {
  this.beginStep(pickleStep.type);
});

// A Then that judged nothing checked nothing: the kit's error, never a pass (as cucumber-js's
// own suite fails a run whose error no step verified).
AfterStep(function (this: KitWorld, { pickleStep, result }: ITestStepHookParameter) {
  if (!this.begun || result.status !== Status.PASSED || pickleStep.type !== 'Outcome') return;
  if (this.judgedInStep === 0)
    throw new Error(`the kit's error: the step "${pickleStep.text}" passed without judging anything`);
});

const docker = connectEngine();
const waitSeconds = engineWait();

// Long enough to wait KIT_ENGINE_WAIT for an engine that went away, then clean up.
After(
  { timeout: (waitSeconds + 120) * 1000 },
  async function (this: KitWorld, { result, pickle }: ITestCaseHookParameter) {
    if (!this.begun) return;
    const lost = result?.exception?.type === 'EngineUnreachable';
    if (result?.status === Status.FAILED && (lost || !(await answers(docker)))) {
      await engineWentAway(
        this,
        pickle.name,
        pickle.tags.map((t) => t.name),
      );
    }
    if (result?.status === Status.FAILED) await attachEvidence(this);
    await this.cleanup.runAll();
  },
);

/**
 * The engine stopped answering during a scenario that failed: whatever the scenario saw, the
 * engine going away is why, not a finding about the claim. Waits KIT_ENGINE_WAIT for it: back,
 * the run goes on; not back, the run stops (the Before hook leaves every scenario after this
 * one not run, and the runner ends the run). Either way this scenario is an error naming the outage.
 */
async function engineWentAway(world: KitWorld, scenario: string, tags: string[]): Promise<never> {
  const { endpoint } = world.engine.context.engine;
  const secondsIntoRun = Math.round((Date.now() - Date.parse(world.engine.context.startedAt)) / 1000);
  const back = await waitForEngine(docker, waitSeconds);
  if (back === undefined) {
    recordOutage(REPORTS, {
      endpoint,
      claim: claimOf(tags),
      scenario,
      secondsIntoRun,
      waitedSeconds: waitSeconds,
    });
    throw new EngineUnreachable(
      endpoint,
      `it did not answer again within ${waitSeconds} s; the run stops here`,
    );
  }
  recordOutage(REPORTS, {
    endpoint,
    claim: claimOf(tags),
    scenario,
    scenarioLabel: world.engine.scenarioLabel,
    secondsIntoRun,
    waitedSeconds: waitSeconds,
    backAfterSeconds: back,
  });
  await world.cleanup
    .runAll()
    .catch((error: unknown) => world.log(`cleanup after the outage: ${messageOf(error)}`));
  throw new EngineUnreachable(
    endpoint,
    `during this scenario; it answered again ${back} s later, and the run goes on`,
  );
}

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
