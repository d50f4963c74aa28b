import { COMMAND_EXIT, succeeded } from '../common/exit';
import type { Answer } from '../scenario/ports';
import type { CliRun } from '../scenario/recorder';
import { type Verdict, verdict } from './verdict';

// What the published-port claims (PRT) look for, judged from what the steps saw.

/** PRT-04, PRT-05: the run failed with a bind error worded as `wording`. */
export const bindError = (run: CliRun, wording: RegExp): Verdict =>
  verdict(
    !succeeded(run) && wording.test(run.stderr),
    `a failed run whose error matches ${wording}`,
    () => `exit code ${run.exitCode}, stderr ${JSON.stringify(run.stderr.trim())}`,
  );

/**
 * PRT-05 on your machine, where the engine's host is elsewhere: a run that failed with the
 * bind error (a forwarder binds your machine's port before the container starts: Docker
 * Desktop) or that started (nothing does: Lima, Colima, a remote engine). Anything else fails.
 */
export const forwardedOrStarted = (run: CliRun, wording: RegExp): Verdict =>
  verdict(
    succeeded(run) || wording.test(run.stderr),
    `a run that fails with an error matching ${wording}, or that starts`,
    () => `exit code ${run.exitCode}, stderr ${JSON.stringify(run.stderr.trim())}`,
  );

/** A host port answered with a page that has the line `expected` (a container's whole name: not another's it begins). */
export const pageOn = (port: number, page: Answer, expected: string): Verdict =>
  verdict(
    page.ok && page.text.split('\n').some((line) => line.trim() === expected),
    `"${expected}" on host port ${port}`,
    () => page.text.trim(),
  );

/** PRT-05: the program still answers on its port with its greeting. */
export const greets = (port: number, greeting: string, answer: string): Verdict =>
  verdict(answer === greeting, `the program's greeting on port ${port}`, () => answer);

/** PRT-01: nothing published, nothing answering on the host port. */
export const unpublished = (published: object[], port: number, page: Answer): Verdict =>
  verdict(
    published.length === 0 && !page.ok,
    `no published port, and no answer on host port ${port}`,
    () => `published ${JSON.stringify(published)}; host port ${port}: ${page.text.trim()}`,
  );

/** A page was served by `container` (`served`: whether it holds its page). */
export const servedOn = (where: string, served: boolean, page: Answer | string): Verdict =>
  verdict(served, where, () => (typeof page === 'string' ? page : page.text).trim());

/** PRT-01: the container answers at its own address, not at the host port. */
export const onlyAtOwnAddress = (
  url: string,
  servedThere: boolean,
  direct: Answer,
  port: number,
  onHostPort: Answer,
): Verdict =>
  verdict(
    servedThere && !onHostPort.ok,
    `an answer at ${url} and none at host port ${port}`,
    () => `${url}: ${direct.text.trim()}; host port: ${onHostPort.text.trim()}`,
  );

const shown = (ips: string[]) => ips.map((ip) => ip || '"" (unspecified)').join(', ') || 'nothing';

/** PRT-03: the first port is recorded on all interfaces, the second on loopback only. */
export function recordedOn(all: string[], loopback: string[], allInterfaces: string[]): Verdict {
  const holds =
    all.some((ip) => ip !== '::') &&
    all.every((ip) => allInterfaces.includes(ip)) &&
    loopback.join() === '127.0.0.1';
  return verdict(
    holds,
    `the first on all interfaces (${shown(allInterfaces)}), the second on 127.0.0.1 only`,
    () => `first on ${shown(all)}; second on ${shown(loopback)}`,
  );
}

/** PRT-03: from the gateway, only the port published on all interfaces answers. */
export const onlyFirstFromGateway = (
  gateway: string,
  firstServed: boolean,
  first: Answer,
  second: Answer,
): Verdict =>
  verdict(
    firstServed && !second.ok,
    `an answer at ${gateway} for the first port only`,
    () => `first: ${first.text}; second: ${second.text}`,
  );

/** PRT-07, PRT-09: nothing answers on a host port. */
export const noPage = (port: number, page: Answer): Verdict =>
  verdict(!page.ok, `no page on host port ${port}`, () => `a page: ${page.text.trim()}`);

/** PRT-07: the app listens on its own port, not on the mapped one. */
export const listensOn = (ports: number[], app: number, mapped: number): Verdict =>
  verdict(
    !ports.includes(mapped) && ports.includes(app),
    `listening on ${app}, not on ${mapped}`,
    () => `listening on ${ports.join(', ') || 'nothing'}`,
  );

/** PRT-09: the CLI started the container and warned that -p is discarded. */
export const warnedDiscarded = (run: CliRun): Verdict =>
  verdict(
    succeeded(run) && /published ports are discarded/i.test(run.stderr),
    'a started container and the warning',
    () => `exit code ${run.exitCode}, stderr ${JSON.stringify(run.stderr.trim())}`,
  );

/** PRT-10: the container stopped by itself, failing. */
export const stoppedFailing = (code: number | 'timeout'): Verdict =>
  verdict(
    code !== 'timeout' && code !== COMMAND_EXIT.success,
    'the container to stop with a non-zero exit code',
    () => (code === 'timeout' ? 'it is still running' : `exit code ${code}`),
  );

/** PRT-10: the log says the address is in use. */
export const addressInUseLogged = (logs: string): Verdict =>
  verdict(/address (already )?in use/i.test(logs), '"address in use" in the log', () =>
    JSON.stringify(logs.trim()),
  );

/** PRT-11: the container lists every interface of the host's. */
export function seesHostInterfaces(inside: string[], host: string[]): Verdict {
  const missing = host.filter((name) => !inside.includes(name));
  return verdict(
    missing.length === 0,
    `the host's interfaces ${host.join(', ')}`,
    () => `inside: ${inside.join(', ')}; missing: ${missing.join(', ')}`,
  );
}

/** PRT-11: the container lists the host program's port among its listening sockets. */
export const seesHostSocket = (sockets: number[], port: number): Verdict =>
  verdict(sockets.includes(port), `port ${port} among the container's listening sockets`, () =>
    sockets.join(', '),
  );
