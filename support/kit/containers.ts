import type Docker from 'dockerode';
import { type CliResult, runDocker } from './cli';
import {
  type ContainerOption,
  type ContainerSpec,
  containerSpec,
  createBody,
  runArgs,
} from './container-spec';
import type { Scope } from './scope';
import { commandLine } from './transcript';

/** A container this scenario made. */
export interface ContainerRef {
  id: string;
  name: string;
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
  try {
    const container = await scope.docker.createContainer(createBody(spec, scope.labels));
    scope.cleanup.push(`remove container ${spec.name}`, () => discardContainer(scope.docker, container.id));
    await container.start();
    scope.transcript.record({ command, via: 'api', exitCode: 0, stdout: container.id, stderr: '' });
    return { id: container.id, name: spec.name };
  } catch (error) {
    scope.transcript.record({ command, via: 'api', exitCode: 125, stdout: '', stderr: daemonError(error) });
    throw error;
  }
}

/** `docker run` with the real CLI, in the foreground unless `detach`; the container is removed when the scenario ends. */
export async function runWithCli(scope: Scope, spec: ContainerSpec, detach = false): Promise<CliResult> {
  scope.cleanup.push(`remove container ${spec.name}`, () => discardContainer(scope.docker, spec.name));
  return runDocker(scope.transcript, ['run', ...(detach ? ['-d'] : []), ...runArgs(spec, scope.labels)]);
}

/** `docker stop` (SIGTERM, then SIGKILL after `graceSeconds`). */
export async function stopContainer(scope: Scope, ref: ContainerRef, graceSeconds = 1): Promise<void> {
  await apiAction(scope, ['docker', 'stop', '-t', String(graceSeconds), ref.name], () =>
    scope.docker.getContainer(ref.id).stop({ t: graceSeconds }),
  );
}

/** `docker start` of a stopped container. */
export async function startContainer(scope: Scope, ref: ContainerRef): Promise<void> {
  await apiAction(scope, ['docker', 'start', ref.name], () => scope.docker.getContainer(ref.id).start());
}

/** `docker rm -f`: the container and its writable layer are gone. */
export async function removeContainer(scope: Scope, ref: ContainerRef): Promise<void> {
  await apiAction(scope, ['docker', 'rm', '-f', ref.name], () => discardContainer(scope.docker, ref.id));
}

/**
 * Removes a container at once, running or not, with its anonymous volumes: what `docker rm -f`
 * does on Docker (SIGKILL, then remove). Podman's compatible API would first stop it with its
 * stop timeout, 10 s for a PID 1 that ignores SIGTERM, so the kit kills it first.
 */
export async function discardContainer(docker: Docker, id: string): Promise<void> {
  const container = docker.getContainer(id);
  await container.kill().catch(() => {}); // not running, or gone: the remove says which
  await container.remove({ force: true, v: true });
}

async function apiAction(scope: Scope, argv: string[], action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
    scope.transcript.record({
      command: commandLine(argv),
      via: 'api',
      exitCode: 0,
      stdout: argv.at(-1) ?? '',
      stderr: '',
    });
  } catch (error) {
    scope.transcript.record({
      command: commandLine(argv),
      via: 'api',
      exitCode: 1,
      stdout: '',
      stderr: daemonError(error),
    });
    throw error;
  }
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
