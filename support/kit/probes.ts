import type { ContainerRef } from './containers';
import { shellIn } from './exec';
import type { Scope } from './scope';
import { waitFor } from './wait';

/**
 * A request from inside a container, bounded by `timeout` (the static busybox's own
 * `wget -T` crashes): the page, or why there was none.
 */
export async function fetchFrom(
  scope: Scope,
  from: ContainerRef,
  url: string,
  timeoutSeconds = 8,
): Promise<{ ok: boolean; text: string }> {
  const result = await shellIn(scope, from, `timeout ${timeoutSeconds} wget -qO- ${url}`);
  return {
    ok: result.exitCode === 0,
    text:
      result.exitCode === 0 ? result.stdout.trim() : result.stderr.trim() || `exit code ${result.exitCode}`,
  };
}

/**
 * The addresses `name` resolves to through the container's DNS resolver (`nslookup`), read
 * from its answer rather than its exit code. Empty when the name does not resolve.
 */
export async function resolveFrom(scope: Scope, from: ContainerRef, name: string): Promise<string[]> {
  const result = await shellIn(scope, from, `nslookup ${name} 2>&1`);
  const answer = result.stdout
    .split(/Name:\s+/)
    .slice(1)
    .join('\n');
  return [...answer.matchAll(/Address(?: \d+)?:\s+(\d+\.\d+\.\d+\.\d+)(?!:)/g)].map((m) => m[1] as string);
}

/** The nameservers in the container's /etc/resolv.conf. */
export async function nameserversOf(scope: Scope, from: ContainerRef): Promise<string[]> {
  const result = await shellIn(scope, from, 'cat /etc/resolv.conf');
  return [...result.stdout.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1] as string);
}

/** The TCP ports a container listens on, from its own `netstat -ltn`. */
export async function listeningPorts(scope: Scope, from: ContainerRef): Promise<number[]> {
  const result = await shellIn(scope, from, 'netstat -ltn');
  return [...result.stdout.matchAll(/^tcp\S*\s+\d+\s+\d+\s+\S*:(\d+)\s/gm)].map((m) => Number(m[1]));
}

/** Waits until a web server in `container` answers on its own `port`, from inside. */
export async function waitUntilServing(scope: Scope, container: ContainerRef, port = 80): Promise<void> {
  await waitFor(async () => ((await listeningPorts(scope, container)).includes(port) ? true : undefined), {
    timeoutMs: 15_000,
    describe: () => `nothing listens on port ${port} in ${container.name}`,
  });
}
