import { succeeded } from '../common/exit';
import { waitFor } from '../common/wait';
import type { Container } from './container';
import type { Answer } from './ports';

// Looks from inside a container, with the base image's busybox.

/**
 * A request from inside `from`, bounded by `timeout` (the static busybox's own `wget -T`
 * crashes): the page, or why there was none.
 */
export async function fetchFrom(from: Container, url: string, timeoutSeconds = 8): Promise<Answer> {
  const run = await from.shell(`timeout ${timeoutSeconds} wget -qO- ${url}`);
  const ok = succeeded(run);
  return { ok, text: ok ? run.stdout.trim() : run.stderr.trim() || `exit code ${run.exitCode}` };
}

/** Requests `url` from inside `from` until it answers, for `timeoutMs` at most: the last answer, or why there was none. */
export async function fetchUntilAnswered(from: Container, url: string, timeoutMs: number): Promise<Answer> {
  let last: Answer = { ok: false, text: 'no request was made' };
  await waitFor(
    async () => {
      last = await fetchFrom(from, url, 3);
      return last.ok ? true : undefined;
    },
    { timeoutMs, describe: () => `no answer from ${url}` },
  ).catch(() => undefined); // no answer in time is the scenario's to judge
  return last;
}

/**
 * The addresses `name` resolves to through the container's resolver (`nslookup`), read from
 * its answer rather than its exit code. Empty when the name does not resolve.
 */
export async function resolveFrom(from: Container, name: string): Promise<string[]> {
  const run = await from.shell(`nslookup ${name} 2>&1`);
  const answer = run.stdout
    .split(/Name:\s+/)
    .slice(1)
    .join('\n');
  return [...answer.matchAll(/Address(?: \d+)?:\s+(\d+\.\d+\.\d+\.\d+)(?!:)/g)].map((m) => m[1] as string);
}

/** The nameservers in the container's /etc/resolv.conf. */
export async function nameserversOf(from: Container): Promise<string[]> {
  const run = await from.shell('cat /etc/resolv.conf');
  return [...run.stdout.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1] as string);
}

/** The TCP ports a container listens on, from its own `netstat -ltn`. */
export async function listeningPorts(from: Container): Promise<number[]> {
  const run = await from.shell('netstat -ltn');
  return [...run.stdout.matchAll(/^tcp\S*\s+\d+\s+\d+\s+\S*:(\d+)\s/gm)].map((m) => Number(m[1]));
}

/** Waits until a web server in `container` listens on its own `port`. */
export async function waitUntilServing(container: Container, port = 80): Promise<void> {
  await waitFor(async () => ((await listeningPorts(container)).includes(port) ? true : undefined), {
    timeoutMs: 15_000,
    describe: () => `nothing listens on port ${port} in ${container.name}`,
  });
}

/** The names of a container's network interfaces (`ip -o link`). */
export async function interfacesOf(from: Container): Promise<string[]> {
  const run = await from.shell("ip -o link | cut -d: -f2 | tr -d ' '");
  return run.stdout
    .split('\n')
    .map((name) => name.split('@')[0] as string)
    .filter(Boolean);
}
