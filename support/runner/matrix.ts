import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { messageOf, SetupError } from '../common/errors';
import {
  bringUp,
  describeLeftovers,
  EngineFailed,
  isRunning,
  type LabEngine,
  logTail,
  sweepOrphans,
  takeDown,
} from '../lab/engine';
import { kitEnvironment } from '../lab/lab-engine';
import { type Expectations, expectationsDir, loadExpectations } from '../matrix/expectations';
import { buildMatrix, type EngineRun, type EngineStatus } from '../matrix/model';
import { matrixHtml, matrixMarkdown } from '../matrix/render';
import { parseTargets, type Target } from '../matrix/targets';
import { MessageWatcher, StatusBoard } from '../matrix/watch';
import { type ConformanceReport, describeTotals } from '../reports/conformance';
import { readScenarioRuns } from '../reports/messages';
import { writeTranscriptPages } from '../reports/transcript-pages';
import { REPORTS, ROOT, readConformance } from '../reports/writers';
import { readCatalog } from '../run/claims';
import { countSetting } from '../run/settings';
import { checkCucumberOptions, checkProfiles, checkTagExpressions } from './args';
import { runCommand } from './command';

const MATRIX = join(REPORTS, 'matrix');
const board = new StatusBoard();
let interrupted: NodeJS.Signals | undefined;
const running = new Set<ChildProcess>();

/**
 * `npm run matrix -- [ENGINE...] [--parallel N] [-- KIT ARGS]`: the suite on each engine (lab
 * kinds it brings up and takes down, endpoints, docker contexts), each run's reports in
 * reports/matrix/<engine>/, then the claim × engine matrix, judged against each engine's
 * expectations. Exits 0 only when every outcome is as expected.
 */
async function main(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const [own, kitArgs] = dash === -1 ? [argv, []] : [argv.slice(0, dash), argv.slice(dash + 1)];
  const { names, parallel } = parseOptions(own);
  const targets = parseTargets(names, undefined, (line) => board.say(line));
  checkTagExpressions(kitArgs);
  checkProfiles(kitArgs, Object.keys(require(join(ROOT, 'cucumber.js'))));
  checkCucumberOptions(kitArgs, ROOT);
  const catalog = readCatalog(ROOT);
  const ids = new Set(catalog.map((c) => c.id));
  const expectations = new Map(
    targets.map((t) => [t.id, loadExpectations(expectationsDir(ROOT), t.id, ids)] as const),
  );
  if (targets.some((t) => t.source === 'lab') && process.getuid?.() !== 0) {
    throw new SetupError(
      'Lab engines need root: the matrix makes network namespaces and mounts for them.',
      'Run it as root, or name only engines that already run (URLs, docker contexts).',
    );
  }

  rmSync(MATRIX, { recursive: true, force: true });
  mkdirSync(MATRIX, { recursive: true });
  catchSignals();
  await sweepOrphans((line) => board.say(`matrix: ${line}`));
  const started = new Date();
  board.say(
    `matrix: ${targets.length} engine(s), ${parallel} at a time; reports in ${relative(process.cwd(), MATRIX) || '.'}`,
  );
  for (const t of targets) board.set(t.id, 'waiting', 'waiting');
  const runs = await pool(targets, parallel, (t) => runEngine(t, kitArgs, expectations.get(t.id)));

  const matrix = buildMatrix(catalog, runs, started);
  writeFileSync(join(MATRIX, 'matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(join(MATRIX, 'matrix.md'), matrixMarkdown(matrix));
  writeFileSync(join(MATRIX, 'matrix.html'), matrixHtml(matrix));
  for (const d of matrix.drift)
    board.say(`not as expected: ${d.engine}${d.claim ? ` ${d.claim}` : ''}: ${d.drift}`);
  for (const t of targets.filter((t) => !expectations.get(t.id))) {
    board.say(
      `matrix: ${t.id} has no ${join('expectations', `${t.id}.yaml`)}: every claim was expected to pass there`,
    );
  }
  board.say(
    `matrix: ${matrix.drift.length === 0 ? 'every outcome as expected' : `${matrix.drift.length} outcome(s) not as expected`}, ${matrix.seconds} s — see ${relative(process.cwd(), join(MATRIX, 'matrix.html'))}`,
  );
  if (interrupted) return interrupted === 'SIGTERM' ? 143 : 130;
  return matrix.drift.length === 0 ? 0 : 1;
}

function parseOptions(args: string[]): { names: string[]; parallel: number } {
  const names: string[] = [];
  let parallel = '1';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--parallel') parallel = args[++i] ?? '';
    else if (arg.startsWith('--parallel=')) parallel = arg.slice('--parallel='.length);
    else if (arg.startsWith('-')) {
      throw new SetupError(
        `Unknown matrix option "${arg}".`,
        'The matrix takes engines and --parallel N; options for each run go after --, e.g. npm run matrix -- docker-20.10 -- --tags @networks.',
      );
    } else names.push(arg);
  }
  return { names, parallel: countSetting({ parallel }, 'parallel', 1, 'engines run at once') };
}

/** Runs `work` over `items`, at most `size` at a time, keeping their order in the result. */
async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/** One engine's part: bring it up (lab kinds), run the suite on it, take it down, read its results. */
async function runEngine(target: Target, kitArgs: string[], expectations?: Expectations): Promise<EngineRun> {
  const dir = join(MATRIX, target.id);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const base = { target, title: titleOf(target), reports: target.id, scenarios: [], expectations };
  const end = (status: EngineStatus, failure?: string, tail?: string): EngineRun => {
    board.set(target.id, 'done', `${status}${failure ? `: ${failure.split('\n')[0]}` : ''} · ${seconds()} s`);
    return { ...base, status, failure, logTail: tail, seconds: seconds() };
  };
  if (interrupted) return end('not reached');

  let engine: LabEngine | undefined;
  if (target.source === 'lab') {
    board.set(target.id, 'provisioning', 'provisioning: root filesystem, namespaces, engine…');
    try {
      engine = await bringUp(target.kind, {
        owned: true,
        progress: (line) => board.set(target.id, 'provisioning', `provisioning: ${line}`),
      });
    } catch (error) {
      if (error instanceof EngineFailed) return end('engine failed', error.why, error.logTail);
      return end('engine failed', messageOf(error));
    }
  }
  try {
    if (interrupted) return end('interrupted');
    const code = await runKit(target, engine, dir, kitArgs, seconds);
    const died = engine && !isRunning(engine);
    const tail = engine ? logTail(engine) : undefined;
    if (died) return end('engine failed', 'the engine died during the run', tail);
    if (code === 130 || code === 143 || interrupted) return end('interrupted');
    if (code === 2) return end('kit refused', lastLine(join(dir, 'run.log')), tail);
    if (code === 3) return end('kit failed', lastLine(join(dir, 'run.log')), tail);
    const read = readReport(dir);
    if ('why' in read) return end('kit failed', read.why, tail);
    const { report } = read;
    const scenarios = readScenarioRuns(join(dir, 'cucumber.ndjson'));
    writeTranscriptPages(dir, report.claims, scenarios, titleOf(target), {
      href: '../matrix.html',
      label: 'the matrix',
    });
    board.set(target.id, 'done', `done: ${describeTotals(report.totals)} · ${seconds()} s`);
    return { ...base, status: 'ran', seconds: seconds(), report, scenarios };
  } finally {
    if (engine) {
      const left = describeLeftovers(await takeDown(engine));
      if (left) board.say(`matrix: ${engine.id} was taken down, but these are left: ${left}`);
    }
  }
}

/** Runs the kit against the engine, its output in run.log, its progress on the board. */
function runKit(
  target: Target,
  engine: LabEngine | undefined,
  dir: string,
  kitArgs: string[],
  seconds: () => number,
): Promise<number> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KIT_REPORTS_DIR: dir,
    KIT_ENGINE_ID: target.id,
    FORCE_COLOR: '0',
  };
  if (target.source === 'url') {
    env.DOCKER_HOST = target.url;
    delete env.DOCKER_CONTEXT;
  } else if (target.source === 'context') {
    env.DOCKER_CONTEXT = target.context;
    delete env.DOCKER_HOST;
  } else if (engine) Object.assign(env, kitEnvironment(engine));
  const kit = [process.execPath, '--require', 'ts-node/register', join(__dirname, 'main.ts'), ...kitArgs];
  const argv = engine ? ['ip', 'netns', 'exec', engine.netns, ...kit] : kit;
  const log = openSync(join(dir, 'run.log'), 'w');
  // A process group of its own: the matrix passes a Ctrl-C on once, and the run cleans up.
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: ROOT,
    env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  running.add(child);
  const watcher = new MessageWatcher(join(dir, 'cucumber.ndjson'));
  board.set(target.id, 'running', 'running: starting');
  const timer = setInterval(() => {
    const p = watcher.poll();
    if (p.scenarios > 0) {
      board.set(
        target.id,
        'running',
        `running: scenario ${Math.min(p.finished + 1, p.scenarios)} of ${p.scenarios}${p.failed ? `, ${p.failed} failed` : ''}${p.errors ? `, ${p.errors} error` : ''} · ${seconds()} s`,
      );
    }
  }, 1000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      running.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The engine's run's report, or why there is none that can be read (the kit failed). */
function readReport(dir: string): { report: ConformanceReport } | { why: string } {
  try {
    return { report: readConformance(join(dir, 'conformance.json')) };
  } catch (error) {
    return { why: messageOf(error) };
  }
}

function titleOf(target: Target): string {
  if (target.source === 'lab') return target.kind.title;
  return target.source === 'url' ? `the engine at ${target.url}` : `docker context ${target.context}`;
}

function lastLine(file: string): string {
  if (!existsSync(file)) return 'no output';
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return (lines.at(-1) ?? '').replace(/^docker-conformance-kit: /, '');
}

/** Ctrl-C or SIGTERM: each running suite is told once (it cleans up), engines not reached are not started. */
function catchSignals(): void {
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count++;
    interrupted = signal;
    if (count >= 3) process.exit(signal === 'SIGTERM' ? 143 : 130);
    for (const child of running) {
      if (child.pid) process.kill(-child.pid, count > 1 ? 'SIGKILL' : 'SIGINT');
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

runCommand('the matrix', main);
