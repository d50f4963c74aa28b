import type Docker from 'dockerode';
import { COMMAND_EXIT, succeeded } from '../common/exit';
import { waitFor } from '../common/wait';
import { isNotFound } from '../engine/errors';
import { execIn } from '../engine/exec';
import { discardContainer } from '../engine/objects';
import { demux } from '../engine/stream';
import type { Parts } from './parts';
import type { CliRun } from './recorder';
import { commandLine } from './transcript';

export interface ContainerState {
  status: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  pid: number;
}

/**
 * A state in Docker's terms. Podman's compatible API can answer, between a container's exit
 * and Podman's cleanup of it, with its own transient "stopped" where Docker says "exited"
 * (containers/podman#5336, #28359): the same state, the process ended and its exit code kept.
 * The note says so in the transcript.
 */
export function inDockerTerms(state: ContainerState): { state: ContainerState; note?: string } {
  if (state.status !== 'stopped' || state.running) return { state };
  return {
    state: { ...state, status: 'exited' },
    note: 'the engine calls this state "stopped", its own name for what Docker calls "exited"',
  };
}

/** A container's attachment to one network: its address there and the gateway it routes through. */
export interface Endpoint {
  network: string;
  address: string;
  gateway: string;
}

/** A container of this scenario's: every look at it and every action on it is recorded. */
export class Container {
  constructor(
    private readonly parts: Parts,
    readonly id: string,
    readonly name: string,
  ) {}

  /**
   * The container the engine knows by this name, as the equivalent commands in the transcript
   * say (`docker inspect NAME`): were the name given to another container, this is that one.
   */
  private get api(): Docker.Container {
    return this.parts.docker.getContainer(this.name);
  }

  /** `docker exec NAME CMD…`: its exit code and output. */
  exec(cmd: string[]): Promise<CliRun> {
    const command = commandLine(['docker', 'exec', this.name, ...cmd]);
    return this.parts.recorder.look({
      command,
      run: async () => {
        const { exitCode, stdout, stderr } = await execIn(this.parts.docker, this.name, cmd);
        return { command, exitCode, stdout: stdout.toString(), stderr };
      },
      output: (r) => [r.stdout, r.stderr].filter((t) => t.trim()).join('\n'),
      exitCode: (r) => r.exitCode,
    });
  }

  /** `sh -c SCRIPT` inside. */
  shell(script: string): Promise<CliRun> {
    return this.exec(['sh', '-c', script]);
  }

  /** `sh -c SCRIPT` inside, which must succeed (set-up, not an observation): a failure throws, saying what could not be done. */
  async must(script: string, what: string): Promise<CliRun> {
    const run = await this.shell(script);
    if (!succeeded(run))
      throw new Error(
        `could not ${what} in ${this.name}: ${run.stderr.trim() || `exit code ${run.exitCode}`}`,
      );
    return run;
  }

  /** Whether a path exists inside (`test -e`). */
  async has(path: string): Promise<boolean> {
    return succeeded(await this.shell(`test -e ${path}`));
  }

  /** `docker inspect`, recorded with the fields that were looked at. */
  inspect(shown: (inspect: Docker.ContainerInspectInfo) => unknown): Promise<Docker.ContainerInspectInfo> {
    return this.parts.recorder.look({
      command: ['docker', 'inspect', this.name],
      run: () => this.api.inspect(),
      output: (i) => JSON.stringify(shown(i), null, 2),
    });
  }

  /** The container's state, as `docker inspect --format '{{json .State}}'` shows it, in Docker's terms. */
  async state(): Promise<ContainerState> {
    const { state, note } = inDockerTerms(await this.rawState());
    if (note) this.parts.recorder.note(note);
    return state;
  }

  /** The state, or undefined when the engine has no such container (removed, or never made). */
  async stateIfThere(): Promise<ContainerState | undefined> {
    try {
      return await this.state();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private rawState(): Promise<ContainerState> {
    return this.parts.recorder.look({
      command: ['docker', 'inspect', '--format', '{{json .State}}', this.name],
      run: async () => {
        const { State } = await this.api.inspect();
        return {
          status: State.Status,
          running: State.Running,
          exitCode: State.ExitCode,
          oomKilled: State.OOMKilled,
          pid: State.Pid,
        };
      },
      output: (s) => JSON.stringify(s),
    });
  }

  /** `docker logs`: stdout and stderr interleaved as the engine stored them. */
  logs(): Promise<string> {
    return this.parts.recorder.look({
      command: ['docker', 'logs', this.name],
      run: () => this.rawLogs(),
      output: (text) => text,
    });
  }

  /** Waits until the logs say something that `test` accepts; the logs then, recorded once. */
  async logsOnceThey(test: RegExp, timeoutMs: number): Promise<string> {
    await waitFor(async () => (test.test(await this.rawLogs()) ? true : undefined), {
      timeoutMs,
      describe: () => `the logs of ${this.name} never matched ${test}`,
    });
    return this.logs();
  }

  /** What a person looks at when a scenario failed: `docker inspect` and `docker logs`, not in the transcript. */
  async evidence(): Promise<{ inspect: string; logs: string }> {
    const inspect = await this.api.inspect();
    this.tty = inspect.Config.Tty;
    return { inspect: JSON.stringify(inspect, null, 2), logs: await this.rawLogs() };
  }

  /** Whether the container has a terminal (its logs are then one plain stream), asked of the engine once. */
  private tty: boolean | undefined;

  private async rawLogs(): Promise<string> {
    const raw = (await this.api.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    this.tty ??= (await this.api.inspect()).Config.Tty;
    return this.tty ? raw.toString() : demux(raw);
  }

  /** `docker wait`, bounded: the main process's exit code, or 'timeout' when it still runs. */
  waitForExit(timeoutMs: number): Promise<number | 'timeout'> {
    return this.parts.recorder.look({
      command: ['docker', 'wait', this.name],
      run: async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const waited = (this.api.wait() as Promise<{ StatusCode: number }>).then((r) => r.StatusCode);
        return Promise.race([waited, timeout]).finally(() => clearTimeout(timer));
      },
      output: (code) => (code === 'timeout' ? `still running after ${timeoutMs} ms` : String(code)),
      exitCode: (code) => (code === 'timeout' ? COMMAND_EXIT.timedOut : COMMAND_EXIT.success),
    });
  }

  /** What `docker diff` lists: `A /path`, `C /path`, `D /path`. */
  diff(): Promise<string[]> {
    return this.parts.recorder.look({
      command: ['docker', 'diff', this.name],
      run: async () => {
        const changes = ((await this.api.changes()) ?? []) as { Kind: number; Path: string }[];
        return changes.map((c) => `${['C', 'A', 'D'][c.Kind] ?? '?'} ${c.Path}`);
      },
      output: (lines) => lines.join('\n'),
    });
  }

  /** Bytes of its own writable layer, and of the image plus that layer (`docker ps --size`). */
  size(): Promise<{ writable: number; total: number }> {
    return this.parts.recorder.look({
      command: ['docker', 'ps', '-a', '--size', '--filter', `name=${this.name}`, '--format', '{{.Size}}'],
      run: async () => {
        // The name filter matches parts of names too: keep the container of exactly this name.
        const filters = JSON.stringify({ name: [this.name] });
        const listed = await this.parts.docker.listContainers({ all: true, size: true, filters });
        const info = listed.find((c) => c.Names.some((n) => n.replace(/^\//, '') === this.name)) as
          | { SizeRw?: number; SizeRootFs?: number }
          | undefined;
        if (!info) throw new Error(`docker ps lists no container named ${this.name}`);
        return { writable: info.SizeRw ?? 0, total: info.SizeRootFs ?? 0 };
      },
      output: (s) => `${s.writable} B (virtual ${s.total} B)`,
    });
  }

  /** `docker stop -t GRACE` (SIGTERM, then SIGKILL after GRACE seconds). */
  stop(graceSeconds = 1): Promise<void> {
    return this.simple(['stop', '-t', String(graceSeconds), this.name], () =>
      this.api.stop({ t: graceSeconds }),
    );
  }

  /** `docker start` of a stopped container. */
  start(): Promise<void> {
    return this.simple(['start', this.name], () => this.api.start());
  }

  /** `docker kill` with the real CLI, then `docker wait`: its state once it has stopped. */
  async killAndWait(timeoutMs = 15_000): Promise<ContainerState> {
    await this.parts.recorder.cli({ args: () => ['kill', this.name] });
    await this.waitForExit(timeoutMs);
    return this.state();
  }

  /** `docker rm -f`: the container and its writable layer are gone. */
  remove(): Promise<void> {
    return this.simple(['rm', '-f', this.name], () => discardContainer(this.parts.docker, this.name));
  }

  /** `docker network connect NETWORK NAME`. */
  connect(network: string): Promise<void> {
    return this.simple(['network', 'connect', network, this.name], () =>
      this.parts.docker.getNetwork(network).connect({ Container: this.name }),
    );
  }

  /** `docker network disconnect NETWORK NAME`. */
  disconnect(network: string): Promise<void> {
    return this.simple(['network', 'disconnect', network, this.name], () =>
      this.parts.docker.getNetwork(network).disconnect({ Container: this.name }),
    );
  }

  private simple(args: string[], run: () => Promise<unknown>): Promise<void> {
    return this.parts.recorder.look({
      command: ['docker', ...args],
      run: async () => {
        await run();
      },
      output: () => this.name,
    });
  }

  /**
   * Its IPv4 address and gateway on `network`, or, when none is named, on the one network it
   * is attached to (the engine's default: `bridge` on Docker, `podman` on Podman).
   */
  endpointOn(network?: string): Promise<Endpoint> {
    const format = `{{range $n, $e := .NetworkSettings.Networks}}{{$n}} {{$e.IPAddress}} {{$e.Gateway}}{{end}}`;
    return this.parts.recorder.look({
      command: ['docker', 'inspect', '--format', format, this.name],
      run: async () => {
        const networks = (await this.api.inspect()).NetworkSettings.Networks ?? {};
        const names = Object.keys(networks);
        const name = network ?? (names.length === 1 ? names[0] : undefined);
        if (name === undefined) {
          throw new Error(
            `${this.name} is attached to ${names.join(', ') || 'no network'}, not to one network`,
          );
        }
        // Not attached to the network named: it has no address there, which is for the scenario to judge.
        const settings = networks[name];
        return { network: name, address: settings?.IPAddress ?? '', gateway: settings?.Gateway ?? '' };
      },
      output: (e) => `${e.network} ${e.address} ${e.gateway}`,
    });
  }

  /** The gateway of its only network; the engine must name one. */
  async gateway(): Promise<string> {
    const { network, gateway } = await this.endpointOn();
    if (!gateway) throw new Error(`the engine reports no gateway for ${this.name} on ${network}`);
    return gateway;
  }

  /** Its IPv4 address on `network`, or on its only network. */
  async addressOn(network?: string): Promise<string> {
    return (await this.endpointOn(network)).address;
  }

  /**
   * Waits up to `timeoutMs` for the engine to report an event of one kind (`oom`, `die`…) for
   * this container, as `docker events` lists them from its creation on; returns those reported
   * (none when time ran out). A request that keeps failing is the harness's problem: it throws.
   */
  eventsOf(action: string, timeoutMs: number): Promise<string[]> {
    let window = '';
    return this.parts.recorder.look({
      command: () => `docker events ${window} --filter container=${this.name} --filter event=${action}`,
      run: async () => {
        const since = Math.floor(Date.parse((await this.api.inspect()).Created) / 1000);
        const deadline = Date.now() + timeoutMs;
        let events: string[] = [];
        let until = since;
        await waitFor(
          async () => {
            until = Math.ceil(Date.now() / 1000);
            events = await this.eventsBetween(action, since, until);
            return events.length > 0 || Date.now() >= deadline ? true : undefined;
          },
          // Past the deadline only a request that keeps failing is still polled: it ends as an error.
          { timeoutMs: 2 * timeoutMs, describe: (last) => `docker events failed: ${last}` },
        );
        window = `--since ${since} --until ${until}`;
        return events;
      },
      output: (events) => events.join('\n'),
    });
  }

  private async eventsBetween(action: string, since: number, until: number): Promise<string[]> {
    // With `until`, the engine sends what it has and ends the stream.
    const stream = await this.parts.docker.getEvents({
      since,
      until,
      filters: JSON.stringify({ container: [this.id], event: [action] }),
    });
    let text = '';
    for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString();
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { Action?: string; status?: string; time?: number })
      .filter((event) => (event.Action ?? event.status) === action)
      .map((event) => `${new Date((event.time ?? 0) * 1000).toISOString()} container ${action} ${this.name}`);
  }
}
