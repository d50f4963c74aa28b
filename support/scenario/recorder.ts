import { messageOf } from '../common/errors';
import { COMMAND_EXIT, succeeded } from '../common/exit';
import { log } from '../common/log';
import { opKind, timed } from '../common/op-timings';
import { type CliOutput, runCli } from '../engine/cli';
import { daemonError } from '../engine/errors';
import { type Ran, ranOf } from '../host/host-access';
import type { CleanupStack, Undo } from '../hygiene/cleanup';
import { type Labels, SCENARIO_LABEL } from '../hygiene/labels';
import { cliFault, type Scene, whoseFault } from './fault';
import { commandLine, type Transcript, type TranscriptEntry } from './transcript';

/**
 * What an action leaves on the engine: nothing; something whose undo is known before it runs
 * (by its name: it may exist even if the action fails); or known from its result (an ID).
 */
export type Makes<T> = 'nothing' | Undo | ((result: T) => Undo);

/** One action on the engine or the host, as the recorder runs it. */
export interface Action<T> {
  /**
   * The command a learner would type for it: `docker …`, `curl …`, `iptables …`; a function
   * when its arguments are known only once it has run (the time window of `docker events`).
   */
  command: readonly string[] | string | (() => string);
  /**
   * `api`: the kit called the Engine API (the command is the equivalent one); `host`: it acted
   * from its own process on this machine (likewise); `address`: it asked from its own process
   * at the engine's address (likewise); `tool`: this very command ran (a `docker exec` the kit
   * made through the API as shown, iptables, nft). Looks at the engine's host say it themselves
   * (see observe).
   */
  via: 'api' | 'host' | 'address' | 'tool';
  /** The action, given the labels to put on whatever it creates. */
  run: (labels: Labels) => Promise<T>;
  makes: Makes<T>;
  /** What the command would print. */
  output?: (result: T) => string;
  /** Its exit code, when it is not 0 although the action did not throw (a refusal that is the observation). */
  exitCode?: (result: T) => number;
  /** The exit code the command would have if the action fails (1 unless given: `docker run` gives 125). */
  failureExitCode?: number;
}

/** A read: an action that makes nothing, through the Engine API unless `via` says otherwise. */
export type Read<T> = Omit<Action<T>, 'makes' | 'via'> & { via?: Action<T>['via'] };

/**
 * A look at the engine's host or a published port, through the run's reach (run/reach.ts): its
 * transcript entry is what the look says it really ran, and where from.
 */
export interface Observation<T> {
  /** The command one would type on the engine's host, shown where a failed look says nothing of what it ran. */
  onEngineHost: string;
  traced: () => Promise<{ value: T; ran: Ran }>;
  /** What it leaves behind (a program holding a port), as its undo. */
  makes?: (result: T) => Undo;
  output?: (result: T) => string;
  exitCode?: (result: T) => number;
}

/** How a look's command ran, as a transcript entry says it. */
function viaOf(ran: Ran | undefined): TranscriptEntry['via'] {
  if (ran?.exact) return 'cli';
  return ran?.observedFrom === 'engine-address' ? 'address' : 'host';
}

/** The real docker CLI, run as the recorder runs it. */
export interface CliAction {
  args: (labels: Labels) => readonly string[];
  /** What the command leaves on the engine, as its undo; none for a command that makes nothing (a read, a kill). */
  makes?: Undo;
  timeoutMs?: number;
  /** What the command reads on its standard input (a Dockerfile), shown as a here-document. */
  input?: string;
  /** Variables the command runs with (DOCKER_BUILDKIT=1), shown before it. */
  env?: Record<string, string>;
}

/** What the real docker CLI did: the command line, its exit code and output. */
export interface CliRun extends CliOutput {
  command: string;
}

/**
 * The one way a scenario acts on the engine or the host: it hands what the action creates
 * the scenario's labels, pushes its undo on the scenario's cleanup stack, and writes its
 * transcript entry (the real command, or the equivalent one marked as such). An action
 * cannot skip any of the three: each is a field it must give.
 */
export class Recorder {
  constructor(
    readonly transcript: Transcript,
    private readonly cleanup: CleanupStack,
    readonly labels: Labels,
    /** The claim the scenario verifies and the engine it asks: whose fault a failure is (see fault.ts). */
    private readonly scene: Scene,
    /** Another engine than the one under test, named in every command as `docker --host HOST`. */
    private readonly host?: string,
  ) {}

  /** A recorder for another engine (a swarm's other node): same labels, cleanup and transcript. */
  on(host: string): Recorder {
    return new Recorder(this.transcript, this.cleanup, this.labels, { ...this.scene, endpoint: host }, host);
  }

  /** The scenario's label (`w0-s3`), which the bench's timings name. */
  private get scenario(): string {
    return this.labels[SCENARIO_LABEL] ?? '';
  }

  private shown(command: string): string {
    return this.host ? command.replace(/^docker /, `docker --host ${this.host} `) : command;
  }

  async act<T>(action: Action<T>): Promise<T> {
    const given = action.command;
    const via = action.via === 'tool' ? 'cli' : action.via;
    const command = () =>
      this.shown(
        typeof given === 'function' ? given() : typeof given === 'string' ? given : commandLine(given),
      );
    log.api('%s', command());
    if (typeof action.makes === 'object') this.cleanup.push(action.makes);
    let result: T;
    try {
      result = await timed(opKind(action.via, command()), this.scenario, () => action.run(this.labels));
    } catch (error) {
      this.transcript.record({
        command: command(),
        via,
        exitCode: action.failureExitCode ?? COMMAND_EXIT.failure,
        stdout: '',
        stderr: action.via === 'api' ? daemonError(error) : messageOf(error),
      });
      // What the kit did on the host or with a tool of its own is the kit's; what it asked of the engine, see fault.ts.
      throw action.via === 'api' ? whoseFault(error, this.scene, command()) : error;
    }
    if (typeof action.makes === 'function') {
      this.cleanup.push(action.makes(result));
    }
    this.transcript.record({
      command: command(),
      via,
      exitCode: action.exitCode?.(result) ?? 0,
      stdout: action.output?.(result) ?? '',
      stderr: '',
    });
    return result;
  }

  /** A look at the engine's host or a published port (see Observation): recorded as it really ran. */
  async observe<T>(look: Observation<T>): Promise<T> {
    let traced: { value: T; ran: Ran };
    try {
      traced = await timed(opKind('look', look.onEngineHost), this.scenario, look.traced);
    } catch (error) {
      const ran = ranOf(error);
      this.transcript.record({
        command: ran?.command ?? look.onEngineHost,
        via: viaOf(ran),
        exitCode: COMMAND_EXIT.failure,
        stdout: '',
        stderr: messageOf(error),
        ...(ran ? { ran } : {}),
      });
      throw error;
    }
    const { value, ran } = traced;
    log.api('%s', ran.command);
    if (look.makes) this.cleanup.push(look.makes(value));
    this.transcript.record({
      command: ran.command,
      via: viaOf(ran),
      exitCode: look.exitCode?.(value) ?? COMMAND_EXIT.success,
      stdout: look.output?.(value) ?? '',
      stderr: '',
      ran,
    });
    return value;
  }

  /** A read (an inspect, a list, a look at the host): an action that makes nothing. */
  look<T>(read: Read<T>): Promise<T> {
    return this.act({ via: 'api', ...read, makes: 'nothing' });
  }

  /** Runs the real docker CLI. Its exit code is an observation: a non-zero one does not throw. */
  async cli(action: CliAction): Promise<CliRun> {
    const args = action.args(this.labels);
    const env = Object.entries(action.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const heredoc = action.input === undefined ? '' : ` <<'EOF'\n${action.input.trimEnd()}\nEOF`;
    const command = `${commandLine([...env, 'docker', ...args])}${heredoc}`;
    if (action.makes) this.cleanup.push(action.makes);
    const output = await timed(opKind('cli', commandLine(['docker', ...args])), this.scenario, () =>
      runCli(args, action.timeoutMs, { input: action.input, env: action.env }),
    );
    this.transcript.record({ command, via: 'cli', ...output });
    return { command, ...output };
  }

  /**
   * Runs the real docker CLI for something the scenario needs done (a tag, a push, a save): a
   * non-zero exit is the engine refusing it, or the engine gone (see fault.ts).
   */
  async cliMust(action: CliAction): Promise<CliRun> {
    const run = await this.cli(action);
    if (!succeeded(run)) throw this.failedCli(run);
    return run;
  }

  /** What a CLI run the scenario needed to succeed failing is (see fault.ts), to throw. */
  failedCli(run: CliRun): Error {
    return cliFault(run, this.scene);
  }

  /** A line in the transcript that is not a command: what was measured, why a value was chosen. */
  note(text: string): void {
    this.transcript.note(text);
  }
}
