import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownReports, ROOT } from '../reports/writers';
import { countSetting } from '../run/settings';
import { profileMarkdown, profileRun, type RunProfile } from './bench-profile';
import { EXIT, runCommand } from './command';
import { runnerScript } from './scripts';

/**
 * `npm run bench`: times whole runs, as a user sees them, and writes reports/bench/bench.md.
 * Cold: after `npm run clean images` (base import and fixture builds included; the run builds
 * the same images again). Warm: fixtures cached. Then the parallel profile, warm. Each warm
 * case runs KIT_BENCH_RUNS times (3). `npm run bench -- matrix [ENGINE...]`: times one whole
 * matrix (the default one when no engine is named), each engine's part from its matrix.json,
 * into reports/bench/bench-matrix.md. Every run's reports go under reports/bench/, never over
 * the user's own.
 */
const BENCH = ownReports('bench');
const env = { ...process.env, KIT_REPORTS_DIR: BENCH };

/** One whole run, timed: its wall-clock seconds and where they went (bench-profile.ts). */
interface TimedRun {
  seconds: number;
  profile: RunProfile;
}

let runsTimed = 0;

function timeRun(args: string[]): TimedRun {
  const timings = join(BENCH, `op-timings-${++runsTimed}.jsonl`);
  rmSync(timings, { force: true });
  const startedAtMs = Date.now();
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...runnerScript('main'), ...args], {
    cwd: ROOT,
    env: { ...env, KIT_OP_TIMINGS: timings },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== EXIT.ok) throw new Error(`npm test ${args.join(' ')} exited with ${run.status}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, profile: profileRun(timings, join(BENCH, 'cucumber.ndjson'), startedAtMs) };
}

function clean(): void {
  spawnSync(process.execPath, [...runnerScript('clean'), 'images'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function benchMatrix(engines: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...runnerScript('matrix'), ...engines], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== EXIT.ok)
    throw new Error(`npm run matrix ${engines.join(' ')} exited with ${run.status}`);
  const matrix = JSON.parse(readFileSync(join(BENCH, 'matrix', 'matrix.json'), 'utf8')) as {
    columns: { id: string; version?: string; status: string; seconds: number }[];
  };
  const lines = [
    '# Benchmark: the matrix',
    '',
    `\`npm run matrix${engines.length ? ` -- ${engines.join(' ')}` : ''}\`, one engine at a time, ${new Date().toISOString()}: ${seconds.toFixed(0)} s in all (bring-up, run and take-down of each engine).`,
    '',
    '| engine | version | status | s |',
    '|---|---|---|---|',
    ...matrix.columns.map((c) => `| ${c.id} | ${c.version ?? ''} | ${c.status} | ${c.seconds} |`),
    '',
  ];
  writeFileSync(join(BENCH, 'bench-matrix.md'), lines.join('\n'));
  console.log(lines.join('\n'));
  return EXIT.ok;
}

function main(argv: string[]): number {
  mkdirSync(BENCH, { recursive: true });
  if (argv[0] === 'matrix') return benchMatrix(argv.slice(1));
  const runs = countSetting(process.env, 'KIT_BENCH_RUNS', 3, 'warm runs per case');
  clean();
  const cold = timeRun([]);
  const rows: [string, TimedRun[]][] = [
    ['cold: fixtures built, serial', [cold]],
    ['warm: fixtures cached, serial', Array.from({ length: runs }, () => timeRun([]))],
    [
      'warm: fixtures cached, --profile parallel',
      Array.from({ length: runs }, () => timeRun(['--profile', 'parallel'])),
    ],
  ];
  const lines = [
    '# Benchmark',
    '',
    `Whole \`npm test\` runs, wall-clock seconds (median of ${runs} for warm runs), ${new Date().toISOString()}.`,
    '',
    '| case | median s | runs |',
    '|---|---|---|',
    ...rows.map(
      ([name, timed]) =>
        `| ${name} | ${median(timed.map((t) => t.seconds)).toFixed(2)} | ${timed.map((t) => t.seconds.toFixed(2)).join(', ')} |`,
    ),
    '',
    '## Where the time goes',
    '',
    "Each case's median run: every operation on the engine or the host the kit timed (KIT_OP_TIMINGS), its count and total, and the kit's own time between them.",
    '',
    ...rows.flatMap(([name, timed]) => {
      const mid = [...timed].sort((a, b) => a.seconds - b.seconds)[Math.floor(timed.length / 2)] as TimedRun;
      return profileMarkdown(name, mid.seconds, mid.profile);
    }),
  ];
  writeFileSync(join(BENCH, 'bench.md'), lines.join('\n'));
  console.log(lines.join('\n'));
  return EXIT.ok;
}

runCommand('bench', 'the benchmark', main);
