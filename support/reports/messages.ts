import { existsSync, readFileSync } from 'node:fs';
import type { Envelope, TestCaseStarted, TestStepResultStatus } from '@cucumber/messages';
import { Query } from '@cucumber/query';

/** One step of a scenario as it ran: a Gherkin step or a hook. */
export interface StepRun {
  /** `When it is built`, or `Before` / `After` for a hook. */
  text: string;
  /** Whether it is a Gherkin step (hooks are the kit's own set-up and clean-up). */
  gherkin: boolean;
  status: `${TestStepResultStatus}`;
  /** The exception's message (or the status's), for a step that did not pass. */
  message?: string;
  exceptionType?: string;
  durationMs: number;
  /** What the step attached: the transcripts of its docker commands, evidence, notes. */
  attachments: { title: string; body: string; mediaType: string }[];
}

/** One scenario as it ran (its last attempt). */
export interface ScenarioRun {
  pickleId: string;
  name: string;
  uri: string;
  /** The Rule it is under, if any. */
  rule?: string;
  feature: string;
  tags: string[];
  /** The claims of its `@claim:ID` tags. */
  claims: string[];
  startedAt: number;
  durationMs: number;
  steps: StepRun[];
  /** The attempts before the last, each its steps (`--retry`): kept, so a flaky scenario shows. */
  earlierAttempts?: StepRun[][];
}

/** The envelopes of an NDJSON message file; a last line cut short (an interrupted run) is dropped. */
export function readEnvelopes(file: string): Envelope[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Envelope];
      } catch {
        return [];
      }
    });
}

/** A cucumber Query fed with `envelopes`. */
export function queryOf(envelopes: Iterable<Envelope>): Query {
  const query = new Query();
  for (const envelope of envelopes) query.update(envelope);
  return query;
}

const millis = (d: { seconds: number; nanos: number } | undefined) =>
  d ? d.seconds * 1000 + Math.round(d.nanos / 1e6) : 0;

/**
 * Every scenario that finished, in the order they started, with its steps and their
 * attachments: its last attempt, and the attempts before it that `--retry` made (which the
 * query leaves out), from `envelopes`.
 */
export function scenarioRuns(query: Query, envelopes: readonly Envelope[] = []): ScenarioRun[] {
  const retried = new Set(
    envelopes.flatMap((e) =>
      e.testCaseFinished?.willBeRetried ? [e.testCaseFinished.testCaseStartedId] : [],
    ),
  );
  const earlier = new Map<string, TestCaseStarted[]>();
  for (const e of envelopes) {
    const started = e.testCaseStarted;
    if (started && retried.has(started.id))
      earlier.set(started.testCaseId, [...(earlier.get(started.testCaseId) ?? []), started]);
  }
  const runs: ScenarioRun[] = [];
  for (const started of query.findAllTestCaseStarted()) {
    if (!query.findTestCaseFinishedBy(started)) continue;
    const pickle = query.findPickleBy(started);
    if (!pickle) continue;
    const lineage = query.findLineageBy(pickle);
    const stepsOf = (attempt: TestCaseStarted) =>
      query.findTestStepFinishedAndTestStepBy(attempt).map(([finished, testStep]): StepRun => {
        const pickleStep = query.findPickleStepBy(testStep);
        const hook = pickleStep ? undefined : query.findHookBy(testStep);
        const keyword = pickleStep ? (query.findStepBy(pickleStep)?.keyword ?? '') : '';
        const result = finished.testStepResult;
        return {
          text: pickleStep ? `${keyword.trim()} ${pickleStep.text}` : hookName(hook?.type),
          gherkin: pickleStep !== undefined,
          status: result.status,
          message: result.exception?.message ?? result.message,
          exceptionType: result.exception?.type,
          durationMs: millis(result.duration),
          attachments: query.findAttachmentsBy(finished).map((a) => ({
            title: a.fileName ?? '',
            body: a.body,
            mediaType: a.mediaType,
          })),
        };
      });
    const steps = stepsOf(started);
    const before = earlier.get(started.testCaseId) ?? [];
    runs.push({
      pickleId: pickle.id,
      name: pickle.name,
      uri: pickle.uri,
      rule: lineage?.rule?.name,
      feature: lineage?.feature?.name ?? pickle.uri,
      tags: pickle.tags.map((t) => t.name),
      claims: pickle.tags.filter((t) => t.name.startsWith('@claim:')).map((t) => t.name.slice(7)),
      startedAt: millis(started.timestamp),
      durationMs: millis(query.findTestCaseDurationBy(started)),
      steps,
      ...(before.length > 0 ? { earlierAttempts: before.map(stepsOf) } : {}),
    });
  }
  return runs;
}

function hookName(type: string | undefined): string {
  return type === 'AFTER_TEST_CASE' ? 'After' : 'Before';
}

/** Scenario runs read from a message file. */
export function readScenarioRuns(file: string): ScenarioRun[] {
  const envelopes = readEnvelopes(file);
  return scenarioRuns(queryOf(envelopes), envelopes);
}
