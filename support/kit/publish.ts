import type { ContainerRef } from './containers';
import { type EngineFingerprint, publishedHost } from './engine';
import { httpGet } from './http';
import type { Scope } from './scope';
import { waitFor } from './wait';

/**
 * How the engine words a refusal to publish a host port another container already publishes.
 * Docker refuses before binding; Podman tries the bind and reports it as such.
 */
export function portAllocatedError(engine: EngineFingerprint): RegExp {
  return engine.product === 'Podman' ? /address already in use/i : /port is already allocated/i;
}

/**
 * The host addresses with which the engine records a port published on all interfaces:
 * Docker writes 0.0.0.0 (and :: where it publishes IPv6); Podman leaves the address
 * unspecified (""), which the Engine API reads as all interfaces.
 */
export function allInterfacesRecords(engine: EngineFingerprint): string[] {
  return engine.product === 'Podman' ? ['', '0.0.0.0', '::'] : ['0.0.0.0', '::'];
}

/** How every engine words a failed bind of a port that a non-container process holds. */
export const ADDRESS_IN_USE = /address already in use/i;

/** The URL of `path` on a host port the engine published. */
export function publishedUrl(scope: Scope, port: number, path = '/'): string {
  return `http://${publishedHost(scope.context.engine.endpoint)}:${port}${path}`;
}

/** Waits until a web server answers on a published host port; returns its page. */
export async function waitForPage(scope: Scope, port: number, timeoutMs = 15_000): Promise<string> {
  const url = publishedUrl(scope, port);
  const page = await waitFor(
    async () => {
      const answer = await httpGet(url, 2000);
      return answer.status === 200 ? answer.body : undefined;
    },
    { timeoutMs, describe: (last) => `nothing served ${url}${last ? ` (last error: ${last})` : ''}` },
  );
  scope.transcript.record({ command: `curl -s ${url}`, via: 'host', exitCode: 0, stdout: page, stderr: '' });
  return page;
}

/** One request to a published host port, recorded; the page, or the error that came instead. */
export async function fetchPage(scope: Scope, port: number): Promise<{ ok: boolean; text: string }> {
  const url = publishedUrl(scope, port);
  try {
    const answer = await httpGet(url, 3000);
    scope.transcript.record({
      command: `curl -s ${url}`,
      via: 'host',
      exitCode: 0,
      stdout: answer.body,
      stderr: '',
    });
    return { ok: answer.status === 200, text: answer.body };
  } catch (error) {
    const text =
      error instanceof Error
        ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}`
        : String(error);
    scope.transcript.record({
      command: `curl -s ${url}`,
      via: 'host',
      exitCode: 7,
      stdout: '',
      stderr: text,
    });
    return { ok: false, text };
  }
}

/** The page the web fixture serves from `container`: it names the container's hostname. */
export function pageOf(container: ContainerRef): string {
  return `hello from ${container.id.slice(0, 12)}`;
}

/** Whether `text` is the web fixture's page as `container` serves it. */
export function servedBy(text: string, container: ContainerRef): boolean {
  return text.includes(pageOf(container));
}
