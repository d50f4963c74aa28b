import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { kitCommand } from '../common/commands';
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
import { checkLabSettings } from '../lab/recipes';
import { whereTheKitStands } from '../lab/run-in';
import { type Expectations, expectationsDir, loadExpectations } from '../matrix/expectations';
import {
  type Bundle,
  byEngine,
  combineAttempts,
  findBundles,
  mixedBundles,
  placeBundle,
  requireOneKit,
  scratchDir,
} from '../matrix/merge';
import { buildMatrix, type EngineRun, type EngineStatus, ranOnOf } from '../matrix/model';
import { matrixHtml, matrixMarkdown, matrixPage } from '../matrix/render';
import { parseTargets, type Target } from '../matrix/targets';
import { MessageWatcher, StatusBoard } from '../matrix/watch';
import { type ConformanceReport, conformanceMarkdown, describeTotals } from '../reports/conformance';
import { LANGS, type Lang } from '../reports/i18n/lang';
import { readPortugueseCatalog } from '../reports/i18n/portuguese';
import { readScenarioRuns } from '../reports/messages';
import { writeTranscriptPages } from '../reports/transcript-pages';
import { REPORTS, ROOT, readConformance, requireWritableReports } from '../reports/writers';
import { ENGINE_ID } from '../run/bundle-facts';
import { readCatalog } from '../run/claims';
import { countSetting } from '../run/settings';
import { checkCucumberOptions, checkProfiles, checkTagExpressions, langOption } from './args';
import { catchSignals, EXIT, exitCodeOf, exitOf, runCommand, wasInterrupted } from './command';
import { runnerScript } from './scripts';

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
  const options = parseOptions(own);
  requireWritableReports(MATRIX);
  if (options.merge) return merge(options.names, options);
  const { names, parallel } = options;
  const targets = parseTargets(names, undefined, (line) => board.say(line));
  checkTagExpressions(kitArgs);
  checkProfiles(kitArgs, Object.keys(require(join(ROOT, 'cucumber.js'))));
  checkCucumberOptions(kitArgs, ROOT);
  const catalog = readCatalog(ROOT);
  const expectations = expectationsOf(targets.map((t) => t.id));
  if (targets.some((t) => t.source === 'lab')) checkLabSettings();
  if (targets.some((t) => t.source === 'lab') && process.getuid?.() !== 0) {
    throw new SetupError(
      'Lab engines need root: the matrix makes network namespaces and mounts for them.',
      'Run it as root, or name only engines that already run (URLs, docker contexts).',
    );
  }

  rmSync(MATRIX, { recursive: true, force: true });
  mkdirSync(MATRIX, { recursive: true });
  catchMatrixSignals();
  await sweepOrphans((line) => board.say(`matrix: ${line}`));
  const started = new Date();
  board.say(
    `matrix: ${targets.length} engine(s), ${parallel} at a time; reports in ${relative(process.cwd(), MATRIX) || '.'}`,
  );
  for (const t of targets) board.set(t.id, 'waiting', 'waiting');
  const runs = await pool(targets, parallel, (t) => runEngine(t, kitArgs, expectations.get(t.id)));
  const code = writeMatrix(catalog, runs, started, expectations, options.lang);
  if (interrupted) return exitCodeOf(interrupted);
  return code;
}

/** Each engine's expectations (expectations/<id>.yaml), read before anything runs: a bad file is one line. */
function expectationsOf(ids: string[]): Map<string, Expectations | undefined> {
  const claimIds = new Set(readCatalog(ROOT).map((c) => c.id));
  return new Map(ids.map((id) => [id, loadExpectations(expectationsDir(ROOT), id, claimIds)] as const));
}

/** Writes matrix.{json,md,html} of `runs`, says what drifted; 0 when every outcome is as expected, else 1. */
function writeMatrix(
  catalog: ReturnType<typeof readCatalog>,
  runs: EngineRun[],
  started: Date,
  expectations: Map<string, Expectations | undefined>,
  lang: Lang,
  seconds?: number,
): number {
  const matrix = buildMatrix(catalog, runs, started, seconds);
  writeFileSync(join(MATRIX, 'matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(join(MATRIX, 'matrix.md'), matrixMarkdown(matrix));
  const portuguese = readPortugueseCatalog(ROOT);
  for (const edition of LANGS)
    writeFileSync(join(MATRIX, matrixPage(edition)), matrixHtml(matrix, edition, portuguese));
  for (const d of matrix.drift)
    board.say(`not as expected: ${d.engine}${d.claim ? ` ${d.claim}` : ''}: ${d.drift}`);
  for (const [id] of [...expectations].filter(([, e]) => !e)) {
    board.say(
      `matrix: ${id} has no ${join('expectations', `${id}.yaml`)}: every claim was expected to pass there`,
    );
  }
  board.say(
    `matrix: ${matrix.drift.length === 0 ? 'every outcome as expected' : `${matrix.drift.length} outcome(s) not as expected`}, ${matrix.seconds} s — see ${relative(process.cwd(), join(MATRIX, matrixPage(lang)))}`,
  );
  return matrix.drift.length === 0 ? EXIT.ok : EXIT.notAsExpected;
}

/**
 * `npm run matrix -- --merge PATH... [--engines a,b,c] [--allow-mixed]`: the matrix of result
 * bundles written on other machines, judged like a live one. Two bundles of one engine are two
 * attempts of its column; an engine named in --engines without a bundle is "not reported".
 */
async function merge(paths: string[], options: Options): Promise<number> {
  const scratch = scratchDir();
  try {
    const bundles = findBundles(paths, scratch);
    requireOneKit(bundles, options.allowMixed);
    const mixed = mixedBundles(bundles).length > 0;
    const grouped = byEngine(bundles, options.engines);
    const expectations = expectationsOf([...grouped.keys()]);
    const catalog = readCatalog(ROOT);
    rmSync(MATRIX, { recursive: true, force: true });
    mkdirSync(MATRIX, { recursive: true });
    const started = new Date(Math.min(...bundles.map((b) => Date.parse(b.report.startedAt))) || Date.now());
    const runs = [...grouped].map(([id, attempts]) => bundleRun(id, attempts, expectations.get(id), mixed));
    board.say(
      `matrix: merged ${bundles.length} bundle(s) of ${grouped.size} engine(s) into ${relative(process.cwd(), MATRIX) || '.'}`,
    );
    // A merge's time is its runs' own, one after another, as a live matrix of them would take.
    const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
    return writeMatrix(catalog, runs, started, expectations, options.lang, seconds);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One column of a merge: an engine's bundles (its attempts) placed in the matrix folder, or "not reported". */
function bundleRun(
  id: string,
  attempts: Bundle[],
  expectations: Expectations | undefined,
  mixed: boolean,
): EngineRun {
  const target: Target = { id, source: 'bundle', from: attempts.map((b) => b.from) };
  const base = { target, reports: id, scenarios: [], expectations, seconds: 0 };
  const [first] = attempts;
  if (!first) {
    return {
      ...base,
      title: id,
      status: 'not reported',
      failure: 'no bundle of this engine was among those merged',
    };
  }
  for (const [i, bundle] of attempts.entries()) {
    placeBundle(bundle, join(MATRIX, attempts.length === 1 ? id : `${id}/attempt-${i + 1}`));
  }
  const report = combineAttempts(attempts.map((b) => b.report));
  const { engine } = first.report;
  const title = `${engine.product} ${engine.serverVersion} (${id})`;
  // The first attempt's transcripts stand for the column (an attempt's own are in its folder).
  writeTranscriptPages(join(MATRIX, id), report.claims, first.scenarios, title, {
    href: '../matrix.html',
    label: 'the matrix',
  });
  if (attempts.length > 1) writeConformanceCopy(join(MATRIX, id), report);
  return {
    ...base,
    title,
    status: 'ran',
    seconds: attempts.reduce((sum, b) => sum + b.report.seconds, 0),
    report,
    scenarios: first.scenarios,
    ranOn: attempts.map((b) => ranOnOf(b.report)),
    ...(mixed
      ? {
          mixed: `kit ${first.report.kit.commit}, catalog ${first.report.hashes.catalog.slice(0, 12)}, features ${first.report.hashes.features.slice(0, 12)}`,
        }
      : {}),
  };
}

/** A column of several attempts gets their combined conformance summary, for the column's link. */
function writeConformanceCopy(dir: string, report: ConformanceReport): void {
  writeFileSync(join(dir, 'conformance.md'), conformanceMarkdown(report));
}

interface Options {
  /** The edition of matrix.html the summary names (both are written). */
  lang: Lang;
  names: string[];
  parallel: number;
  merge: boolean;
  engines?: string[];
  allowMixed: boolean;
}

function parseOptions(argv: string[]): Options {
  const { lang, rest: args } = langOption(argv, 'matrix');
  const names: string[] = [];
  let parallel = '1';
  let merge = false;
  let allowMixed = false;
  let engines: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--parallel') parallel = args[++i] ?? '';
    else if (arg.startsWith('--parallel=')) parallel = arg.slice('--parallel='.length);
    else if (arg === '--merge') merge = true;
    else if (arg === '--allow-mixed') allowMixed = true;
    else if (arg === '--engines' || arg.startsWith('--engines=')) {
      const list = arg === '--engines' ? (args[++i] ?? '') : arg.slice('--engines='.length);
      engines = list
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      const bad = engines.find((e) => !ENGINE_ID.test(e));
      if (engines.length === 0 || bad !== undefined) {
        throw new SetupError(
          `--engines "${list}" does not name engines.`,
          'Give engine IDs separated by commas: --engines docker-29.7,podman-6.1.',
        );
      }
    } else if (arg.startsWith('-')) {
      throw new SetupError(
        `Unknown matrix option "${arg}".`,
        `The matrix takes engines and --parallel N, or --merge PATH... with --engines a,b and --allow-mixed; options for each run go after --, e.g. ${kitCommand('matrix', 'docker-20.10 -- --tags @networks')}.`,
      );
    } else names.push(arg);
  }
  if (!merge && (engines || allowMixed)) {
    throw new SetupError(
      '--engines and --allow-mixed go with --merge.',
      `Use: ${kitCommand('matrix', '--merge PATH... --engines a,b,c')}`,
    );
  }
  return {
    lang,
    names,
    parallel: countSetting({ parallel }, 'parallel', 1, 'engines run at once'),
    merge,
    engines,
    allowMixed,
  };
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
      // Bad input met while bringing it up (a bundle, a setting) is the kit refusing, not the engine failing.
      return end(error instanceof SetupError ? 'kit refused' : 'engine failed', messageOf(error));
    }
  }
  try {
    if (interrupted) return end('interrupted');
    const code = await runKit(target, engine, dir, kitArgs, seconds);
    const died = engine && !isRunning(engine);
    const tail = engine ? logTail(engine) : undefined;
    if (died) return end('engine failed', 'the engine died during the run', tail);
    if (wasInterrupted(code) || interrupted) return end('interrupted');
    if (code === EXIT.badInput) return end('kit refused', lastLine(join(dir, 'run.log')), tail);
    if (code === EXIT.kitFailed) {
      const outage = readReport(dir);
      const gone = 'report' in outage ? outage.report.outage : undefined;
      return end(gone ? 'engine went away' : 'kit failed', lastLine(join(dir, 'run.log')), tail);
    }
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
  const kit = [process.execPath, ...runnerScript('main'), ...kitArgs];
  const argv = engine ? whereTheKitStands(engine, kit, env) : kit;
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
      resolve(exitOf(code, signal));
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
  const daemonJson = process.env.KIT_LAB_DAEMON_JSON;
  const containersConf = process.env.KIT_LAB_CONTAINERS_CONF;
  if (target.source === 'lab' && daemonJson && target.kind.product === 'docker')
    return `${target.kind.title}, daemon.json with ${daemonJson}`;
  if (target.source === 'lab' && containersConf && target.kind.product === 'podman')
    return `${target.kind.title}, containers.conf with ${containersConf}`;
  if (target.source === 'lab') return target.kind.title;
  if (target.source === 'bundle') return `the bundles ${target.from.join(', ')}`;
  return target.source === 'url' ? `the engine at ${target.url}` : `docker context ${target.context}`;
}

function lastLine(file: string): string {
  if (!existsSync(file)) return 'no output';
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return (lines.at(-1) ?? '').replace(/^docker-conformance-kit: /, '');
}

/** Ctrl-C or SIGTERM: each running suite is told once (it cleans up), engines not reached are not started. */
function catchMatrixSignals(): void {
  catchSignals((signal, count) => {
    interrupted = signal;
    for (const child of running) {
      if (child.pid) process.kill(-child.pid, count > 1 ? 'SIGKILL' : 'SIGINT');
    }
  });
}

runCommand('matrix', 'the matrix', main);
