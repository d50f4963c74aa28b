import { succeeded } from '../common/exit';
import type { ContainerState } from '../scenario/container';
import type { ImageLayers } from '../scenario/images';
import type { CliRun } from '../scenario/recorder';
import { type Verdict, verdict } from './verdict';

// What the container claims (CTR) look for, judged from what the steps saw.

/** CTR-03: the container stopped once its main process ended. */
export const stoppedBy = (outcome: number | 'timeout', timeoutMs: number): Verdict =>
  verdict(
    outcome !== 'timeout',
    'the container to stop once its main process ended',
    () => `it was still running after ${timeoutMs} ms`,
  );

/** CTR-03: the container's state and exit code. */
export const endedAs = (state: ContainerState, status: string, code: number): Verdict =>
  verdict(
    state.status === status && state.exitCode === code,
    `state "${status}" with exit code ${code}`,
    () => `state "${state.status}" (running: ${state.running}) with exit code ${state.exitCode}`,
  );

/** CTR-03: a container is not running (or is gone). */
export const notRunning = (alias: string, state: ContainerState | undefined): Verdict =>
  verdict(
    !state?.running,
    `container ${alias} not to be running`,
    () => `it is ${state?.status} (running: ${state?.running})`,
  );

/** CTR-01: `count` running containers with that many IDs and names. */
export function manyRunning(
  states: ContainerState[],
  ids: string[],
  names: string[],
  expected: { count: number; ids: number; names: number },
): Verdict {
  const running = states.filter((s) => s.running).length;
  const [distinctIds, distinctNames] = [new Set(ids).size, new Set(names).size];
  return verdict(
    running === expected.count && distinctIds === expected.ids && distinctNames === expected.names,
    `${expected.count} running containers with ${expected.ids} IDs and ${expected.names} names`,
    () => `${running} running, ${distinctIds} IDs, ${distinctNames} names`,
  );
}

/** CTR-01, CTR-08: a file written in one container is in none of the others. */
export const onlyIn = (path: string, first: string, alsoIn: string[]): Verdict =>
  verdict(alsoIn.length === 0, `${path} only in ${first}`, () => `it is also in ${alsoIn.join(', ')}`);

/** CTR-04: `docker diff` lists the file as added. */
export const diffAdds = (changes: string[], path: string): Verdict =>
  verdict(changes.includes(`A ${path}`), `"A ${path}" in docker diff`, () => JSON.stringify(changes));

/**
 * CTR-04: the container's writable layer grew when a file was written. (Not "is no longer
 * empty": the containerd store and Podman put files of their own there at start.)
 */
export const writableLayerGrew = (before: number, after: number): Verdict =>
  verdict(
    after > before,
    `a writable layer larger than the ${before} bytes it had before the write`,
    () => `${after} bytes`,
  );

/** IMG-09, CTR-04: the image is what it was before. */
export const imageUnchanged = (before: ImageLayers, after: ImageLayers): Verdict =>
  verdict(
    after.id === before.id && after.layers.join() === before.layers.join(),
    `image ${before.id} with layers ${before.layers.join(', ')}`,
    () => `image ${after.id} with layers ${after.layers.join(', ')}`,
  );

/** CTR-06: the same container runs again. */
export const sameContainerRunning = (id: string, seenId: string, running: boolean): Verdict =>
  verdict(
    seenId === id && running,
    `container ${id} running`,
    () => `container ${seenId}, running: ${running}`,
  );

/** CTR-06: an environment variable kept its value. */
export const envKept = (key: string, value: string, seen: string): Verdict =>
  verdict(seen === value, `${key}=${value}`, () => `${key}=${seen}`);

/** CTR-07: `docker ps` lists only the running container. */
export const listsOnly = (listed: string[], running: string): Verdict =>
  verdict(listed.join() === running, `only ${running}`, () => listed.join(', ') || 'nothing');

/** CTR-07: `docker ps -a` lists both. */
export const listsAll = (listed: string[], both: string[]): Verdict =>
  verdict(
    both.every((name) => listed.includes(name)),
    both.join(' and '),
    () => listed.join(', ') || 'nothing',
  );

/** CTR-02: the host's process `pid` runs the container's command. */
export const hostRuns = (pid: number, command: string, onHost: string | undefined): Verdict =>
  verdict(onHost === command, `host process ${pid} running "${command}"`, () =>
    onHost === undefined ? 'no such process on the host' : `"${onHost}"`,
  );

/** CTR-02: PID 1 inside runs the container's command. */
export const pid1Runs = (command: string, pid1: string): Verdict =>
  verdict(pid1 === command, `PID 1 inside running "${command}"`, () => `PID 1 runs "${pid1}"`);

/** CTR-08: a path, or a process, of one container is absent from another. */
export const absentFrom = (what: string, where: string, found: boolean): Verdict =>
  verdict(!found, `no ${what} in ${where}`, () => 'it is there');

/** CTR-08: two containers have two different addresses. */
export const ownAddresses = (first: string, second: string): Verdict =>
  verdict(
    first !== '' && second !== '' && first !== second,
    'two different eth0 addresses',
    () => `first ${first || 'none'}, second ${second || 'none'}`,
  );

/** CTR-13: the container's hostname is its own, not the host's. */
export const ownHostname = (inside: string, configured: string, host: string): Verdict =>
  verdict(
    inside === configured && inside !== host,
    `the container's own hostname ${configured}, not the host's ${host}`,
    () => inside,
  );

/** CTR-13: the container's PID 1 is its main process, and no process of anyone else's shows. */
export function ownProcesses(list: string): Verdict {
  const rows = list
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), (m[2] ?? '').trim()] as const);
  const strangers = rows.filter(([pid, args]) => pid !== 1 && !args.includes('ps -o pid,args'));
  return verdict(
    rows[0]?.[0] === 1 && rows[0]?.[1] === 'sleep 86400' && strangers.length === 0,
    'PID 1 "sleep 86400" and nothing else but the ps that listed it',
    () => list,
  );
}

/** Whether `ps -o pid,args` output lists a process running `text`. */
export const listsProcess = (ps: string, text: string): boolean =>
  ps
    .split('\n')
    .slice(1)
    .some((line) => /^\s*\d+\s+/.test(line) && line.includes(text));

/** CTR-14: a program the host has is not inside. */
export const notInside = (program: string, found: string): Verdict =>
  verdict(found === '', `no ${program} inside the container`, () => `found ${found}`);

/** CTR-14: the shell that runs inside is a file of the image. */
export const carriedByImage = (shell: string, files: string[]): Verdict =>
  verdict(
    shell !== '' && files.includes(shell.replace(/^\//, '')),
    `${shell || 'the shell'} to be a file of the image`,
    () => (shell ? `${shell} is not among the image's files` : 'no shell'),
  );

/** CTR-09, IMG-10: the kernel inside is the host's. */
export const hostKernel = (inside: string, host: string): Verdict =>
  verdict(inside === host, `kernel ${host}, the engine host's`, () => `kernel ${inside} inside`);

/** CTR-09: a container's own layer is a tiny fraction of its image. */
export function tinyLayer(size: { writable: number; total: number }): Verdict {
  const image = size.total - size.writable;
  return verdict(
    size.writable < Math.min(1024 * 1024, image / 10),
    `a writable layer under 1 MiB and under a tenth of the image's ${image} bytes`,
    () => `${size.writable} bytes`,
  );
}

/** CTR-10: the allocating process ended with `status`. */
export function endedWithStatus(logs: string, status: number): Verdict {
  const ended = /ended with status (\d+)/.exec(logs)?.[1];
  return verdict(
    ended === String(status),
    `the allocating process ended with status ${status} (SIGKILL)`,
    () => `status ${ended}`,
  );
}

/** CTR-10: the engine reported an event for the container. */
export const heard = (event: string, container: string, events: string[], withinS: number): Verdict =>
  verdict(events.length > 0, `an "${event}" event for ${container} within ${withinS} s`, () => 'none');

/** CTR-10: the engine recorded the OOM kill. */
export const oomKilled = (state: ContainerState): Verdict =>
  verdict(state.oomKilled, 'OOMKilled true', () => `OOMKilled ${state.oomKilled}`);

/** CTR-10: the container sees its process limit. */
export function seesPidsLimit(run: CliRun, limit: number): Verdict {
  const first = run.stdout.split('\n')[0]?.trim();
  return verdict(
    first === String(limit),
    `pids.max ${limit} inside the container`,
    () => `pids.max ${first}`,
  );
}

/** CTR-10: starting processes beyond the limit was refused. */
export function forkRefused(run: CliRun): Verdict {
  const refused =
    /can't fork|Resource temporarily unavailable/i.test(run.stderr) && !run.stdout.includes('all started');
  return verdict(
    refused,
    'a fork refused ("Resource temporarily unavailable") before all were started',
    () =>
      `exit code ${run.exitCode}, stdout ${JSON.stringify(run.stdout.trim())}, stderr ${JSON.stringify(run.stderr.trim())}`,
  );
}

/** A command (`cat` of a file, a program) succeeded and printed exactly `text`: `what` names it. */
export const printedExactly = (what: string, run: CliRun, text: string): Verdict =>
  verdict(
    succeeded(run) && run.stdout.trim() === text,
    `${what}: exit code 0 and "${text}"`,
    () =>
      `exit code ${run.exitCode}, stdout ${JSON.stringify(run.stdout.trim())}, stderr ${JSON.stringify(run.stderr.trim())}`,
  );
