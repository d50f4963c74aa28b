import { existsSync, readFileSync } from 'node:fs';
import type { OpTiming } from '../common/op-timings';

/** Where one run's time went: each kind of operation, the scenarios, start-up, and what is left to the kit. */
export interface RunProfile {
  kinds: { kind: string; count: number; seconds: number }[];
  /** The scenarios' own time, summed over workers (cucumber's durations). */
  scenarioSeconds: number;
  /** The operations' time within scenarios: the floor a run making the same calls one by one adds up to. */
  floorSeconds: number;
  /** Scenario time that no operation accounts for: the kit's own, between its calls. */
  kitSeconds: number;
  /** From the run's start to its first scenario, and the start-up operations within it. */
  startUpSeconds: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A run's profile from the operations it timed (KIT_OP_TIMINGS) and its cucumber messages:
 * `startedAtMs` is when the run's process started, as the bench's clock read it.
 */
export function profileRun(timingsFile: string, ndjsonFile: string, startedAtMs: number): RunProfile {
  const ops: OpTiming[] = existsSync(timingsFile)
    ? readFileSync(timingsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as OpTiming)
    : [];
  const byKind = new Map<string, { count: number; ms: number }>();
  for (const op of ops) {
    const k = byKind.get(op.kind) ?? { count: 0, ms: 0 };
    byKind.set(op.kind, { count: k.count + 1, ms: k.ms + op.ms });
  }
  const kinds = [...byKind]
    .map(([kind, { count, ms }]) => ({ kind, count, seconds: round(ms / 1000) }))
    .sort((a, b) => b.seconds - a.seconds);
  const { scenarioMs, firstScenarioAtMs } = scenariosOf(ndjsonFile);
  const inScenarios = ops.filter((op) => !op.kind.startsWith('start-up ')).reduce((s, op) => s + op.ms, 0);
  return {
    kinds,
    scenarioSeconds: round(scenarioMs / 1000),
    floorSeconds: round(inScenarios / 1000),
    kitSeconds: round(Math.max(0, scenarioMs - inScenarios) / 1000),
    startUpSeconds: round(Math.max(0, (firstScenarioAtMs ?? startedAtMs) - startedAtMs) / 1000),
  };
}

interface Timestamp {
  seconds: number;
  nanos: number;
}
const msOf = (t: Timestamp) => t.seconds * 1000 + t.nanos / 1e6;

/** The scenarios' summed durations, and when the first one started, from cucumber's messages. */
function scenariosOf(ndjsonFile: string): { scenarioMs: number; firstScenarioAtMs?: number } {
  const started = new Map<string, number>();
  let scenarioMs = 0;
  let first: number | undefined;
  for (const line of readFileSync(ndjsonFile, 'utf8').split('\n').filter(Boolean)) {
    const message = JSON.parse(line) as {
      testCaseStarted?: { id: string; timestamp: Timestamp };
      testCaseFinished?: { testCaseStartedId: string; timestamp: Timestamp };
    };
    if (message.testCaseStarted) {
      const at = msOf(message.testCaseStarted.timestamp);
      started.set(message.testCaseStarted.id, at);
      first = first === undefined ? at : Math.min(first, at);
    }
    if (message.testCaseFinished) {
      const at = started.get(message.testCaseFinished.testCaseStartedId);
      if (at !== undefined) scenarioMs += msOf(message.testCaseFinished.timestamp) - at;
    }
  }
  return { scenarioMs, ...(first === undefined ? {} : { firstScenarioAtMs: first }) };
}

/** A profile as Markdown: a line of totals, then the kinds of operation, the costliest first. */
export function profileMarkdown(title: string, wallSeconds: number, p: RunProfile, most = 15): string[] {
  const startUpOps = p.kinds.filter((k) => k.kind.startsWith('start-up '));
  return [
    `### ${title}`,
    '',
    `${wallSeconds.toFixed(1)} s in all: start-up before the first scenario ${p.startUpSeconds} s (${startUpOps.map((k) => `${k.kind.slice('start-up '.length)} ${k.seconds} s`).join(', ') || 'not timed'}); scenarios ${p.scenarioSeconds} s summed over workers, of which the engine's operations ${p.floorSeconds} s (the floor) and the kit's own time between them ${p.kitSeconds} s; the run is ${(wallSeconds / Math.max(p.floorSeconds, 0.01)).toFixed(2)}× its floor.`,
    '',
    '| operation | count | s | mean ms |',
    '|---|---|---|---|',
    ...p.kinds
      .filter((k) => !k.kind.startsWith('start-up '))
      .slice(0, most)
      .map((k) => `| ${k.kind} | ${k.count} | ${k.seconds} | ${Math.round((k.seconds * 1000) / k.count)} |`),
    '',
  ];
}
