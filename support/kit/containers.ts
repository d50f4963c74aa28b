import type Docker from 'dockerode';
import { labelArgs } from './labels';
import type { Scope } from './scope';
import { commandLine } from './transcript';

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  hostIp?: string;
}

export interface ContainerSpec {
  image: string;
  name: string;
  cmd?: string[];
  env: string[];
  ports: PortMapping[];
}

export type ContainerOption = (spec: ContainerSpec) => void;

/** Runs `cmd` instead of the image's CMD. */
export const withCmd =
  (...cmd: string[]): ContainerOption =>
  (spec) => {
    spec.cmd = cmd;
  };

/** Sets an environment variable in the container. */
export const withEnv =
  (key: string, value: string | number): ContainerOption =>
  (spec) => {
    spec.env.push(`${key}=${value}`);
  };

/** Publishes `containerPort` on `hostPort` of the engine's host (all interfaces unless `hostIp`). */
export const withPublishedPort =
  (hostPort: number, containerPort: number, hostIp?: string): ContainerOption =>
  (spec) => {
    spec.ports.push({ hostPort, containerPort, hostIp });
  };

/** A container this scenario made. */
export interface ContainerRef {
  id: string;
  name: string;
}

/** The `docker run` arguments that describe a spec (without `-d`, the image's command last). */
export function runArgs(spec: ContainerSpec, labels: Record<string, string>): string[] {
  return [
    '--name',
    spec.name,
    ...labelArgs(labels),
    ...spec.env.flatMap((e) => ['-e', e]),
    ...spec.ports.flatMap((p) => ['-p', `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort}:${p.containerPort}`]),
    spec.image,
    ...(spec.cmd ?? []),
  ];
}

/** A spec for `image` named after `alias` in this scenario. */
export function containerSpec(
  scope: Scope,
  alias: string,
  image: string,
  options: ContainerOption[],
): ContainerSpec {
  const spec: ContainerSpec = { image, name: scope.names.name(alias), env: [], ports: [] };
  for (const option of options) option(spec);
  return spec;
}

/**
 * Creates and starts a container through the Engine API (`docker run -d`), labelled, and
 * queued for removal when the scenario ends.
 */
export async function runContainer(
  scope: Scope,
  alias: string,
  image: string,
  ...options: ContainerOption[]
): Promise<ContainerRef> {
  const spec = containerSpec(scope, alias, image, options);
  const command = commandLine(['docker', 'run', '-d', ...runArgs(spec, scope.labels)]);
  const bindings: Docker.PortMap = {};
  const exposed: Record<string, object> = {};
  for (const port of spec.ports) {
    const key = `${port.containerPort}/tcp`;
    exposed[key] = {};
    bindings[key] = [
      ...(bindings[key] ?? []),
      { HostIp: port.hostIp ?? '', HostPort: String(port.hostPort) },
    ];
  }
  try {
    const container = await scope.docker.createContainer({
      name: spec.name,
      Image: spec.image,
      Cmd: spec.cmd,
      Env: spec.env,
      Labels: scope.labels,
      ExposedPorts: exposed,
      HostConfig: { PortBindings: bindings },
    });
    scope.cleanup.push(`remove container ${spec.name}`, () => container.remove({ force: true, v: true }));
    await container.start();
    scope.transcript.record({ command, via: 'api', exitCode: 0, stdout: container.id, stderr: '' });
    return { id: container.id, name: spec.name };
  } catch (error) {
    scope.transcript.record({ command, via: 'api', exitCode: 125, stdout: '', stderr: daemonError(error) });
    throw error;
  }
}

/** Removes a container by name if it exists, when the scenario ends (for containers the CLI made). */
export function removeWhenDone(scope: Scope, name: string): void {
  scope.cleanup.push(`remove container ${name}`, () =>
    scope.docker.getContainer(name).remove({ force: true, v: true }),
  );
}

export interface ContainerState {
  status: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
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
  };
  scope.transcript.record({
    command: commandLine(['docker', 'inspect', '--format', '{{json .State}}', name]),
    via: 'api',
    exitCode: 0,
    stdout: JSON.stringify(state),
    stderr: '',
  });
  return state;
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

/** A container's output (stdout and stderr interleaved as the engine stored them). */
export async function containerLogs(docker: Docker, id: string): Promise<string> {
  const container = docker.getContainer(id);
  const { Config } = await container.inspect();
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  return Config.Tty ? raw.toString() : demux(raw);
}

/** Strips the 8-byte frame headers of a non-TTY log stream. */
export function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString();
}

/** The daemon's message in an error from dockerode, as the CLI would print it. */
export function daemonError(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  const message = json?.message ?? (error instanceof Error ? error.message : String(error));
  return `Error response from daemon: ${message}`;
}

/** The HTTP status of a dockerode error, if the daemon answered. */
export function daemonStatus(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}
