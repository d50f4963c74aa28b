import { existsSync, readFileSync } from 'node:fs';
import { runDocker } from './cli';
import { containerSpec, runArgs, withCmd, withHostPidNamespace } from './container-spec';
import { discardContainer } from './containers';
import type { Scope } from './scope';

/**
 * Whether this process sees the engine host's process table: the engine is local and
 * /proc/PID is there. Otherwise (a remote engine, the kit in a container of its own) the
 * kit looks through a helper container in the host's PID namespace.
 */
function seesHostProcess(scope: Scope, pid: number): boolean {
  return scope.context.engine.local && existsSync(`/proc/${pid}/cmdline`);
}

/** The command line of host process `pid`, as /proc shows it (arguments joined by spaces). */
export async function hostCommandLine(scope: Scope, pid: number): Promise<string | undefined> {
  if (seesHostProcess(scope, pid)) {
    const text = readFileSync(`/proc/${pid}/cmdline`).toString().split('\0').filter(Boolean).join(' ');
    scope.transcript.record({
      command: `tr '\\0' ' ' < /proc/${pid}/cmdline`,
      via: 'host',
      exitCode: 0,
      stdout: text,
      stderr: '',
    });
    return text;
  }
  const result = await onHostPidNamespace(scope, 'look', `tr '\\0' ' ' < /proc/${pid}/cmdline`);
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** Sends `signal` to host process `pid` directly, without asking the engine. */
export async function killOnHost(scope: Scope, pid: number, signal: string): Promise<void> {
  const name = signal.replace(/^SIG/, '');
  if (seesHostProcess(scope, pid)) {
    process.kill(pid, signal as NodeJS.Signals);
    scope.transcript.record({
      command: `kill -${name} ${pid}`,
      via: 'host',
      exitCode: 0,
      stdout: '',
      stderr: '',
    });
    return;
  }
  const result = await onHostPidNamespace(scope, 'kill', `kill -${name} ${pid}`);
  if (result.exitCode !== 0) throw new Error(`could not kill host process ${pid}: ${result.stderr.trim()}`);
}

/** Runs a shell script in a throwaway container that shares the host's PID namespace. */
function onHostPidNamespace(scope: Scope, alias: string, script: string) {
  const spec = containerSpec(scope, `${alias}-host-pid`, scope.context.base.ref, [
    withHostPidNamespace(),
    withCmd('sh', '-c', script),
  ]);
  scope.cleanup.push(`remove container ${spec.name}`, () => discardContainer(scope.docker, spec.name));
  return runDocker(scope.transcript, ['run', '--rm', ...runArgs(spec, scope.labels)]);
}
