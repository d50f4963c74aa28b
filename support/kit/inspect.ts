import type Docker from 'dockerode';
import type { ContainerRef } from './containers';
import type { Scope } from './scope';
import { commandLine } from './transcript';
import { waitFor } from './wait';

export interface ContainerState {
  status: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  pid: number;
}

/** The container's state, as `docker inspect` shows it. */
export async function containerState(scope: Scope, ref: ContainerRef | string): Promise<ContainerState> {
  const name = typeof ref === 'string' ? ref : ref.name;
  const { State } = await scope.docker.getContainer(name).inspect();
  const state = {
    status: State.Status,
    running: State.Running,
    exitCode: State.ExitCode,
    oomKilled: State.OOMKilled,
    pid: State.Pid,
  };
  record(scope, ['docker', 'inspect', '--format', '{{json .State}}', name], JSON.stringify(state));
  return state;
}

/** The whole of `docker inspect`, recorded with the fields that were looked at. */
export async function inspectContainer(
  scope: Scope,
  ref: ContainerRef,
  shown: (inspect: Docker.ContainerInspectInfo) => unknown,
): Promise<Docker.ContainerInspectInfo> {
  const inspect = await scope.docker.getContainer(ref.id).inspect();
  record(scope, ['docker', 'inspect', ref.name], JSON.stringify(shown(inspect), null, 2));
  return inspect;
}

/** Waits until the container's main process has ended (`docker wait`), returning its exit code. */
export async function waitForExit(
  scope: Scope,
  ref: ContainerRef,
  timeoutMs: number,
): Promise<number | 'timeout'> {
  const waited = scope.docker.getContainer(ref.id).wait() as Promise<{ StatusCode: number }>;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([waited.then((r) => r.StatusCode), timeout]).finally(() =>
    clearTimeout(timer),
  );
  scope.transcript.record({
    command: commandLine(['docker', 'wait', ref.name]),
    via: 'api',
    exitCode: outcome === 'timeout' ? 124 : 0,
    stdout: outcome === 'timeout' ? '' : String(outcome),
    stderr: outcome === 'timeout' ? `still running after ${timeoutMs} ms` : '',
  });
  return outcome;
}

/** What `docker diff` lists: `A /path`, `C /path`, `D /path`. */
export async function containerDiff(scope: Scope, ref: ContainerRef): Promise<string[]> {
  const changes = ((await scope.docker.getContainer(ref.id).changes()) ?? []) as {
    Kind: number;
    Path: string;
  }[];
  const lines = changes.map((c) => `${['C', 'A', 'D'][c.Kind] ?? '?'} ${c.Path}`);
  record(scope, ['docker', 'diff', ref.name], lines.join('\n'));
  return lines;
}

export interface ContainerSize {
  /** Bytes in the container's own writable layer. */
  writable: number;
  /** Bytes of the image plus the writable layer. */
  total: number;
}

/** The container's size, as `docker ps --size` shows it. */
export async function containerSize(scope: Scope, ref: ContainerRef): Promise<ContainerSize> {
  const [info] = (await scope.docker.listContainers({
    all: true,
    size: true,
    filters: JSON.stringify({ id: [ref.id] }),
  })) as (Docker.ContainerInfo & { SizeRw?: number; SizeRootFs?: number })[];
  const size = { writable: info?.SizeRw ?? 0, total: info?.SizeRootFs ?? 0 };
  record(
    scope,
    ['docker', 'ps', '-a', '--size', '--filter', `name=${ref.name}`, '--format', '{{.Size}}'],
    `${size.writable} B (virtual ${size.total} B)`,
  );
  return size;
}

/** A container's output (stdout and stderr interleaved as the engine stored them). */
export async function containerLogs(docker: Docker, id: string): Promise<string> {
  const container = docker.getContainer(id);
  const { Config } = await container.inspect();
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  return Config.Tty ? raw.toString() : demux(raw);
}

/** Strips the 8-byte frame headers of a non-TTY log or exec stream. */
export function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString();
}

/**
 * Waits up to `timeoutMs` for the engine to report an event of one kind (`oom`, `die`…) for a
 * container, as `docker events` lists them from its creation on; returns those it reported
 * (none when time ran out). A failing request is the harness's problem, not "no event": it throws.
 */
export async function waitForEvent(
  scope: Scope,
  ref: ContainerRef,
  action: string,
  timeoutMs: number,
): Promise<string[]> {
  const { Created } = await scope.docker.getContainer(ref.id).inspect();
  const since = Math.floor(Date.parse(Created) / 1000);
  let events: string[] = [];
  let until = since;
  const deadline = Date.now() + timeoutMs;
  await waitFor(
    async () => {
      until = Math.ceil(Date.now() / 1000);
      events = await eventsBetween(scope.docker, ref, action, since, until);
      return events.length > 0 || Date.now() >= deadline ? true : undefined;
    },
    // Past the deadline only a request that keeps failing is still polled: it ends as an error.
    { timeoutMs: 2 * timeoutMs, describe: (last) => `docker events failed: ${last}` },
  );
  const argv = ['docker', 'events', '--since', String(since), '--until', String(until)];
  record(
    scope,
    [...argv, '--filter', `container=${ref.name}`, '--filter', `event=${action}`],
    events.join('\n'),
  );
  return events;
}

async function eventsBetween(
  docker: Docker,
  ref: ContainerRef,
  action: string,
  since: number,
  until: number,
): Promise<string[]> {
  // With `until`, the engine sends what it has and ends the stream.
  const stream = await docker.getEvents({
    since,
    until,
    filters: JSON.stringify({ container: [ref.id], event: [action] }),
  });
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString();
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { Action?: string; status?: string; time?: number })
    .filter((event) => (event.Action ?? event.status) === action)
    .map((event) => `${new Date((event.time ?? 0) * 1000).toISOString()} container ${action} ${ref.name}`);
}

function record(scope: Scope, argv: string[], stdout: string): void {
  scope.transcript.record({ command: commandLine(argv), via: 'api', exitCode: 0, stdout, stderr: '' });
}
