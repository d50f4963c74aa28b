import { relative } from 'node:path';
import { kitCommand } from '../common/commands';
import { SetupError } from '../common/errors';
import {
  bringUp,
  describeLeftovers,
  EngineFailed,
  isOrphan,
  isRunning,
  type LabEngine,
  labEngines,
  sweepOrphans,
  takeDown,
} from '../lab/engine';
import { ENGINE_KINDS, type EngineKind, kindFromArg } from '../lab/kinds';
import { kitEnvironment } from '../lab/lab-engine';
import { checkLabSettings } from '../lab/recipes';
import { labCache } from '../lab/rootfs';
import { runInEngine, whereTheKitStands } from '../lab/run-in';
import { ownReports } from '../reports/writers';
import { catchSignals, EXIT, exitCodeOf, exitOf, runCommand } from './command';
import { runnerScript } from './scripts';

const usage = () => kitCommand('lab', 'kinds | ls | up KIND | down ID...|--all | run KIND [-- COMMAND...]');

/**
 * `npm run lab`: engines of a named kind, each in a network and mount namespace of its own,
 * brought up and taken down. `run` does both around a command (default `npm test`).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'kinds':
      for (const kind of ENGINE_KINDS) console.log(`${kind.name.padEnd(24)}${kind.title}`);
      return EXIT.ok;
    case 'ls':
      return list();
    case 'up': {
      requireRoot();
      const kind = kindNamed(rest);
      checkLabSettings();
      await sweepOrphans(say);
      const engine = await bringUp(kind, { owned: false, progress: say });
      say(`${engine.id} is up: ${engine.title}, network namespace ${engine.netns}`);
      // The engine's environment before the whole command: it is the docker CLI's that starts the kit's container, where the kit stands in one.
      console.log(
        [
          'env',
          envLine(engine),
          ...whereTheKitStands(engine, [kitCommand('test')], kitEnvironment(engine)),
        ].join(' '),
      );
      say(`take it down with: ${kitCommand('lab', `down ${engine.id}`)}`);
      return EXIT.ok;
    }
    case 'down':
      requireRoot();
      return down(rest);
    case 'run': {
      requireRoot();
      const kind = kindNamed(rest.slice(0, 1));
      checkLabSettings();
      const dash = rest.indexOf('--');
      // The kit's own test verb, wherever it runs (a checkout, the installed package).
      const inside = dash === -1 ? [process.execPath, ...runnerScript('main')] : rest.slice(dash + 1);
      return run(kind, inside);
    }
    default:
      throw new SetupError(
        command ? `Unknown lab command "${command}".` : 'No lab command given.',
        `Use: ${usage()}`,
      );
  }
}

function kindNamed(args: string[]): EngineKind {
  const [name] = args;
  const kind = name ? kindFromArg(name) : undefined;
  if (!kind) {
    throw new SetupError(
      name ? `No engine kind is called "${name}".` : 'No engine kind given.',
      `The kinds are: ${ENGINE_KINDS.map((k) => k.name).join(', ')}, and docker-X.Y=bundle:PATH for a Docker release bundle.`,
    );
  }
  return kind;
}

function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      'The lab makes network namespaces and mounts, which needs root.',
      `Run it as root (sudo ${kitCommand('lab', '…')}).`,
    );
  }
}

function list(): number {
  const engines = labEngines();
  if (engines.length === 0) console.log('no lab engine is up');
  for (const e of engines) {
    const state = isRunning(e) ? 'running' : 'not running';
    const owner = e.owner
      ? `owned by pid ${e.owner.pid}${isOrphan(e) ? ' (dead)' : ''}`
      : 'brought up by hand';
    console.log(`${e.id.padEnd(30)}${state}, ${owner}, since ${e.startedAt}\n  ${envLine(e)}`);
  }
  console.log(`root filesystems: ${labCache()}/rootfs`);
  return EXIT.ok;
}

async function down(ids: string[]): Promise<number> {
  const engines = labEngines();
  // --all: the engines brought up by hand, and those whose owner died; one a live run owns (a
  // matrix) is taken down only when named.
  const chosen = ids.includes('--all')
    ? engines.filter((e) => !e.owner || isOrphan(e) || ids.includes(e.id))
    : engines.filter((e) => ids.includes(e.id));
  const unknown = ids.filter((id) => id !== '--all' && !engines.some((e) => e.id === id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new SetupError(
      ids.length === 0 ? 'No lab engine named.' : `No lab engine is called ${unknown.join(', ')}.`,
      `Name one that \`${kitCommand('lab', 'ls')}\` lists, or --all.`,
    );
  }
  let failed = 0;
  for (const engine of chosen) failed += (await report(engine)) ? 0 : 1;
  return failed === 0 ? EXIT.ok : EXIT.notAsExpected;
}

/** Takes an engine down and says so, or what it could not remove. */
async function report(engine: LabEngine): Promise<boolean> {
  const left = describeLeftovers(await takeDown(engine));
  say(left ? `${engine.id}: could not remove ${left}` : `${engine.id} is down; nothing of it is left`);
  return !left;
}

async function run(kind: EngineKind, inside: string[]): Promise<number> {
  await sweepOrphans(say);
  let engine: LabEngine | undefined;
  let interrupted: NodeJS.Signals | undefined;
  // The command inside gets the signal too (one process group): it cleans up; we take the engine down.
  catchSignals((signal) => {
    interrupted = signal;
  });
  try {
    engine = await bringUp(kind, { owned: true, progress: say });
    say(`${engine.id} is up: ${engine.title}`);
    if (interrupted) return exitCodeOf(interrupted);
    // Its reports go to a folder of their own, never over the user's own run.
    const reports = ownReports('lab', kind.name);
    say(`reports: ${relative(process.cwd(), reports) || '.'}`);
    const ended = await runInEngine(engine, inside, { KIT_REPORTS_DIR: reports });
    return exitOf(ended.code, ended.signal);
  } catch (error) {
    if (!(error instanceof EngineFailed)) throw error;
    say(`${kind.name} failed: ${error.why}\n${error.logTail}`);
    return EXIT.notAsExpected;
  } finally {
    if (engine) await report(engine);
  }
}

function envLine(engine: LabEngine): string {
  return Object.entries(kitEnvironment(engine))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

function say(line: string): void {
  process.stderr.write(`lab: ${line}\n`);
}

runCommand('lab', 'the lab', main);
