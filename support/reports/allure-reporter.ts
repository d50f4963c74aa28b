import type { IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope, TestStepFinished, TestStepResult } from '@cucumber/messages';
import AllureCucumberReporter from 'allure-cucumberjs/reporter';
import { Status } from 'allure-js-commons';
import { stepEnding } from '../common/errors';

type Label = { name: string; value: string };
type Internals = {
  parseStatus: (result: TestStepResult) => Status | undefined;
  onTestStepFinished: (data: TestStepFinished) => void;
  testResultUuids: Map<string, string>;
  allureRuntime: {
    startTest: (result: { labels: Label[] }, scopes: string[]) => string;
    updateTest: (uuid: string, update: (result: { status?: Status; statusDetails: object }) => void) => void;
    writeTest: (uuid: string) => void;
  };
};

const CHAPTERS = ['containers', 'images', 'ports', 'networks'];
/** The chapter a claim's ID names, for features without a chapter tag (the falsified twins). */
const CHAPTER_OF_PREFIX: Record<string, string> = {
  CTR: 'containers',
  IMG: 'images',
  PRT: 'ports',
  NET: 'networks',
};

/** Allure's grouping by the kit's terms: the feature is the chapter, the story the claim (tags on Rules included). */
function relabel(labels: Label[]): Label[] {
  const tags = labels.filter((l) => l.name === 'tag').map((l) => l.value);
  const claim = tags.find((t) => t.startsWith('@claim:'))?.slice('@claim:'.length);
  const chapter =
    CHAPTERS.find((c) => tags.includes(`@${c}`)) ??
    (claim ? CHAPTER_OF_PREFIX[claim.split('-')[0] ?? ''] : undefined);
  return [
    ...labels.filter((l) => l.name !== 'feature' && l.name !== 'story'),
    ...(chapter ? [{ name: 'feature', value: chapter }] : []),
    ...(claim ? [{ name: 'story', value: claim }] : []),
  ];
}

/**
 * allure-cucumberjs, judging as every report of the kit does (`stepEnding`): Allure's "failed"
 * means the product did not do what it should (here: a ClaimViolation, the engine behaving
 * otherwise), "broken" that the test itself went wrong (any other exception, in a step or in a
 * hook, also after the claim failed). Left to itself the reporter calls failed only what looks
 * like an assertion library's error, files a broken hook under a fixture without touching the
 * test's status, and ranks failed above broken. It also groups results by chapter and claim.
 * (What it does is private in its types, so it is wrapped, not overridden.)
 */
export default class KitAllureReporter extends AllureCucumberReporter {
  constructor(options: IFormatterOptions) {
    super(options);
    const self = this as unknown as Internals;
    const parse = self.parseStatus.bind(this);
    self.parseStatus = (result) => {
      if (result.status !== 'FAILED') return parse(result);
      const ending = stepEnding(result.status, result.exception?.type);
      return ending === 'failed' ? Status.FAILED : ending === 'skipped' ? Status.SKIPPED : Status.BROKEN;
    };
    const runtime = self.allureRuntime;
    const start = runtime.startTest.bind(runtime);
    runtime.startTest = (result, scopes) => start({ ...result, labels: relabel(result.labels) }, scopes);

    // The worst ending of each test's steps and hooks, by test UUID, applied when the test is
    // written: a broken one is broken; a claim that failed in a hook (the reporter would call
    // the test skipped, its steps not run) is failed.
    const worst = new Map<string, { ending: 'failed' | 'error'; why: string }>();
    const stepFinished = self.onTestStepFinished.bind(this);
    self.onTestStepFinished = (data) => {
      const { status, exception, message } = data.testStepResult;
      const uuid = self.testResultUuids.get(data.testCaseStartedId);
      const ending = stepEnding(status, exception?.type);
      if (uuid && (ending === 'error' || ending === 'failed') && worst.get(uuid)?.ending !== 'error') {
        const why = ending === 'error' ? `harness error: ${message ?? status}` : (message ?? status);
        if (ending === 'error' || !worst.has(uuid)) worst.set(uuid, { ending, why });
      }
      stepFinished(data);
    };
    // Attempts (--retry): Allure shows a test's earlier results as its retries; a last attempt
    // that passed after one that did not gets Allure's flaky mark. (Heard after the reporter's
    // own handlers: a test started is already known by its UUID here.)
    const testCaseOf = new Map<string, string>();
    const retriedCases = new Set<string>();
    const afterRetry = new Set<string>();
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => {
      const started = envelope.testCaseStarted;
      if (started) {
        testCaseOf.set(started.id, started.testCaseId);
        const uuid = self.testResultUuids.get(started.id);
        if (uuid && retriedCases.has(started.testCaseId)) afterRetry.add(uuid);
      }
      const finished = envelope.testCaseFinished;
      if (finished?.willBeRetried) retriedCases.add(testCaseOf.get(finished.testCaseStartedId) ?? '');
    });
    const write = runtime.writeTest.bind(runtime);
    runtime.writeTest = (uuid) => {
      if (afterRetry.delete(uuid)) {
        runtime.updateTest(uuid, (result) => {
          if (result.status === Status.PASSED)
            result.statusDetails = { ...result.statusDetails, flaky: true };
        });
      }
      const bad = worst.get(uuid);
      if (bad !== undefined) {
        worst.delete(uuid);
        runtime.updateTest(uuid, (result) => {
          if (bad.ending === 'failed' && result.status === Status.FAILED) return;
          result.status = bad.ending === 'error' ? Status.BROKEN : Status.FAILED;
          result.statusDetails = { ...result.statusDetails, message: bad.why };
        });
      }
      write(uuid);
    };
  }
}
