import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { queryOf, scenarioRuns } from '../reports/messages';

const at = (seconds: number) => ({ seconds, nanos: 0 });

/** The messages cucumber-js writes for one attempt of a one-step scenario tagged @claim:AAA-01. */
function attempt(n: number, status: 'PASSED' | 'FAILED', willBeRetried: boolean): Envelope[] {
  return [
    {
      testCaseStarted: { id: `s${n}`, testCaseId: 'tc', attempt: n, timestamp: at(10 * n) },
    },
    { testStepStarted: { testCaseStartedId: `s${n}`, testStepId: 'ts', timestamp: at(10 * n) } },
    {
      attachment: {
        testCaseStartedId: `s${n}`,
        testStepId: 'ts',
        body: `$ docker run (attempt ${n})`,
        mediaType: 'text/x.cucumber.log+plain',
        fileName: '$ docker run',
        contentEncoding: 'IDENTITY' as never,
      },
    },
    {
      testStepFinished: {
        testCaseStartedId: `s${n}`,
        testStepId: 'ts',
        testStepResult: { status, duration: at(1), message: status === 'FAILED' ? 'AAA-01: no' : undefined },
        timestamp: at(10 * n + 1),
      },
    },
    { testCaseFinished: { testCaseStartedId: `s${n}`, willBeRetried, timestamp: at(10 * n + 2) } },
  ] as Envelope[];
}

const SETUP = [
  {
    gherkinDocument: {
      uri: 'features/x.feature',
      comments: [],
      feature: {
        name: 'A chapter',
        keyword: 'Feature',
        tags: [],
        children: [
          {
            scenario: {
              id: 'sc',
              name: 'a scenario',
              keyword: 'Scenario',
              tags: [],
              examples: [],
              steps: [{ id: 'st', keyword: 'Given ', text: 'a step' }],
            },
          },
        ],
      },
    },
  },
  {
    pickle: {
      id: 'p',
      uri: 'features/x.feature',
      name: 'a scenario',
      language: 'en',
      astNodeIds: ['sc'],
      tags: [{ name: '@claim:AAA-01', astNodeId: '' }],
      steps: [{ id: 'ps', text: 'a step', astNodeIds: ['st'] }],
    },
  },
  {
    testCase: {
      id: 'tc',
      pickleId: 'p',
      testSteps: [{ id: 'ts', pickleStepId: 'ps', stepDefinitionIds: [] }],
    },
  },
] as unknown as Envelope[];

describe('reading cucumber messages', () => {
  it('keeps only the last attempt of a retried scenario, with its steps and attachments', () => {
    const runs = scenarioRuns(
      queryOf([...SETUP, ...attempt(0, 'FAILED', true), ...attempt(1, 'PASSED', false)]),
    );
    assert.equal(runs.length, 1);
    const [run] = runs;
    assert.deepEqual(run?.claims, ['AAA-01']);
    assert.equal(run?.steps[0]?.status, 'PASSED');
    assert.equal(run?.steps[0]?.text, 'Given a step');
    assert.equal(run?.feature, 'A chapter');
    assert.deepEqual(
      run?.steps[0]?.attachments.map((a) => [a.title, a.body]),
      [['$ docker run', '$ docker run (attempt 1)']],
    );
    assert.equal(run?.durationMs, 2000);
  });

  it('leaves out a scenario that has not finished', () => {
    const unfinished = attempt(0, 'PASSED', false).slice(0, -1);
    assert.equal(scenarioRuns(queryOf([...SETUP, ...unfinished])).length, 0);
  });
});
