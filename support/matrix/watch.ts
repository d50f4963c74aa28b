import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { type StepEnding, stepEnding, worseEnding } from '../common/errors';

/** How far a run has got, from the messages it has written so far. */
export interface RunProgress {
  scenarios: number;
  finished: number;
  /** Finished scenarios that saw their claim not hold. */
  failed: number;
  /** Finished scenarios in which the harness broke. */
  errors: number;
}

/**
 * Follows a run's cucumber.ndjson as it grows: how many scenarios it will run, how many have
 * finished, how many of those failed or broke (judged as every report judges them, by
 * `stepEnding`). Reads only what was added since the last call.
 */
export class MessageWatcher {
  private offset = 0;
  private rest = '';
  private readonly worst = new Map<string, StepEnding>();
  readonly progress: RunProgress = { scenarios: 0, finished: 0, failed: 0, errors: 0 };

  constructor(private readonly file: string) {}

  poll(): RunProgress {
    if (!existsSync(this.file)) return this.progress;
    const fd = openSync(this.file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (let read = readSync(fd, buffer, 0, buffer.length, this.offset); read > 0; ) {
        this.offset += read;
        this.take(buffer.subarray(0, read).toString('utf8'));
        read = readSync(fd, buffer, 0, buffer.length, this.offset);
      }
    } finally {
      closeSync(fd);
    }
    return this.progress;
  }

  private take(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const envelope = JSON.parse(line) as {
        testCase?: unknown;
        testStepFinished?: {
          testCaseStartedId: string;
          testStepResult: { status: string; exception?: { type: string } };
        };
        testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
      };
      if (envelope.testCase) this.progress.scenarios++;
      const step = envelope.testStepFinished;
      if (step) {
        const { status, exception } = step.testStepResult;
        const before = this.worst.get(step.testCaseStartedId) ?? 'passed';
        this.worst.set(step.testCaseStartedId, worseEnding(before, stepEnding(status, exception?.type)));
      }
      const finished = envelope.testCaseFinished;
      if (finished && !finished.willBeRetried) {
        this.progress.finished++;
        const ending = this.worst.get(finished.testCaseStartedId);
        if (ending === 'failed') this.progress.failed++;
        if (ending === 'error') this.progress.errors++;
      }
    }
  }
}

/**
 * One line per engine, kept current: redrawn in place on a terminal; elsewhere (CI) a line is
 * printed when an engine changes phase, and while it runs at most every `quietMs`.
 */
export class StatusBoard {
  private readonly lines = new Map<string, { phase: string; text: string; printedAt: number }>();
  private drawn = 0;
  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly quietMs = 15_000,
  ) {}

  set(id: string, phase: string, text: string): void {
    const before = this.lines.get(id);
    const now = Date.now();
    const line = { phase, text, printedAt: before?.printedAt ?? 0 };
    this.lines.set(id, line);
    if (this.out.isTTY) {
      this.redraw();
      return;
    }
    if (before?.phase !== phase || now - line.printedAt >= this.quietMs) {
      line.printedAt = now;
      this.out.write(`${this.format(id, text)}\n`);
    }
  }

  /** Prints a line above the board. */
  say(text: string): void {
    if (this.out.isTTY) this.clear();
    this.out.write(`${text}\n`);
    if (this.out.isTTY) this.redraw();
  }

  private format(id: string, text: string): string {
    return `  ${id.padEnd(26)}${text}`;
  }

  private clear(): void {
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private redraw(): void {
    this.clear();
    for (const [id, line] of this.lines) this.out.write(`${this.format(id, line.text)}\n`);
    this.drawn = this.lines.size;
  }
}
