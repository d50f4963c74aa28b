import { Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope, TestStepResult } from '@cucumber/messages';
import { type StepEnding, stepEnding, worseEnding } from '../common/errors';
import { RECORD_MEDIA_TYPE, type ScenarioRecord } from '../common/records';

/** How a finished scenario ended, as the kit counts it. */
const SYMBOL: Record<StepEnding | 'flaky' | 'not run', string> = {
  passed: '✅',
  failed: '❌',
  flaky: '🔁',
  error: '💥',
  skipped: '⏭️ ',
  'not run': '➖',
};

/**
 * Progress a person can follow. On a terminal: one live line, rewritten in place, with the
 * scenario it is at out of how many, the claim, the time so far and the failures so far. Else
 * (CI): a line per finished scenario, with its claim, how it ended and its time.
 */
export default class ProgressFormatter extends Formatter {
  private readonly claims = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly pickleOfCase = new Map<string, string>();
  private readonly caseOfStarted = new Map<string, { testCaseId: string; startedMs: number }>();
  private readonly worst = new Map<string, StepEnding>();
  /** The scenarios (test cases) an attempt of which failed and was retried (`--retry`). */
  private readonly retried = new Set<string>();
  /** The attempts an engine outage kept from running. */
  private readonly notRun = new Set<string>();
  private total = 0;
  private done = 0;
  private failed = 0;
  private current = '';
  private readonly started = Date.now();
  private readonly live: boolean;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: IFormatterOptions) {
    super(options);
    this.live = Boolean((options.stream as NodeJS.WriteStream).isTTY);
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => this.take(envelope));
  }

  private take(e: Envelope): void {
    if (e.pickle) {
      const claim = e.pickle.tags.find((t) => t.name.startsWith('@claim:'))?.name.slice(7) ?? '';
      this.claims.set(e.pickle.id, claim);
      this.names.set(e.pickle.id, e.pickle.name);
    }
    if (e.testCase) {
      this.pickleOfCase.set(e.testCase.id, e.testCase.pickleId);
      this.total++;
    }
    if (e.testRunStarted && this.live) this.timer = setInterval(() => this.draw(), 1000);
    if (e.testCaseStarted) {
      const { id, testCaseId, timestamp } = e.testCaseStarted;
      this.caseOfStarted.set(id, { testCaseId, startedMs: timestamp.seconds * 1000 + timestamp.nanos / 1e6 });
      this.current = this.claims.get(this.pickleOfCase.get(testCaseId) ?? '') ?? '';
      if (this.live) this.draw();
    }
    // The record of a scenario the engine's outage kept from running (see hooks.ts).
    if (
      e.attachment?.testCaseStartedId &&
      e.attachment.mediaType === RECORD_MEDIA_TYPE &&
      (JSON.parse(e.attachment.body) as ScenarioRecord).kind === 'not-run'
    )
      this.notRun.add(e.attachment.testCaseStartedId);
    if (e.testStepFinished)
      this.note(e.testStepFinished.testCaseStartedId, e.testStepFinished.testStepResult);
    if (e.testCaseFinished?.willBeRetried) {
      this.retried.add(this.caseOfStarted.get(e.testCaseFinished.testCaseStartedId)?.testCaseId ?? '');
    } else if (e.testCaseFinished) {
      const { testCaseStartedId, timestamp } = e.testCaseFinished;
      const worst = this.worst.get(testCaseStartedId) ?? 'passed';
      const retried = this.retried.has(this.caseOfStarted.get(testCaseStartedId)?.testCaseId ?? '');
      const ending =
        worst === 'passed' && retried
          ? 'flaky'
          : worst === 'skipped' && this.notRun.has(testCaseStartedId)
            ? 'not run'
            : worst;
      this.done++;
      if (ending === 'failed' || ending === 'error') this.failed++;
      if (this.live) this.draw();
      else this.line(testCaseStartedId, ending, timestamp.seconds * 1000 + timestamp.nanos / 1e6);
    }
    if (e.testRunFinished) {
      if (this.timer) clearInterval(this.timer);
      if (this.live) this.log('\n');
    }
  }

  /** Keeps the worst ending of a scenario's steps and hooks: a claim violated, the harness broken, a skip. */
  private note(started: string, result: TestStepResult): void {
    const ending = stepEnding(result.status, result.exception?.type);
    this.worst.set(started, worseEnding(this.worst.get(started) ?? 'passed', ending));
  }

  private draw(): void {
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const at = Math.min(this.done + 1, this.total);
    const failures = this.failed ? `, ${this.failed} failed` : '';
    this.log(`\r\x1b[K  scenario ${at} of ${this.total}  ${this.current.padEnd(7)}  ${seconds} s${failures}`);
  }

  private line(started: string, ending: StepEnding | 'flaky' | 'not run', finishedMs: number): void {
    const scenario = this.caseOfStarted.get(started);
    const pickle = this.pickleOfCase.get(scenario?.testCaseId ?? '') ?? '';
    const seconds = scenario ? ((finishedMs - scenario.startedMs) / 1000).toFixed(1) : '?';
    const claim = (this.claims.get(pickle) || '-').padEnd(7);
    this.log(
      `  [${String(this.done).padStart(String(this.total).length)}/${this.total}] ${SYMBOL[ending]} ${claim} ${ending.padEnd(7)} ${seconds.padStart(5)} s  ${this.names.get(pickle) ?? ''}\n`,
    );
  }
}
