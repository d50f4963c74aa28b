import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORTS, ROOT } from '../reports/writers';
import { countSetting } from '../run/settings';
import { runCommand } from './command';

/**
 * `npm run bench`: times whole runs, as a user sees them, and writes reports/bench.md.
 * Cold: after `npm run clean` (base import and fixture builds included). Warm: fixtures
 * cached. Then the parallel profile, warm. Each warm case runs KIT_BENCH_RUNS times (3).
 */
function timeRun(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    ['--require', 'ts-node/register', join(__dirname, 'main.ts'), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (run.status !== 0) throw new Error(`npm test ${args.join(' ')} exited with ${run.status}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function clean(): void {
  spawnSync(process.execPath, ['--require', 'ts-node/register', join(__dirname, 'clean.ts'), 'images'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): number {
  const runs = countSetting(process.env, 'KIT_BENCH_RUNS', 3, 'warm runs per case');
  clean();
  const cold = timeRun([]);
  const rows: [string, number[]][] = [
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
      ([name, times]) =>
        `| ${name} | ${median(times).toFixed(2)} | ${times.map((t) => t.toFixed(2)).join(', ')} |`,
    ),
    '',
  ];
  writeFileSync(join(REPORTS, 'bench.md'), lines.join('\n'));
  console.log(lines.join('\n'));
  return 0;
}

runCommand('the benchmark', main);
