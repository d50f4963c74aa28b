import { waitFor } from '../common/wait';
import { publishedHost } from '../engine/endpoint';
import type { EngineFingerprint } from '../engine/fingerprint';
import { httpGet, readGreeting } from '../host/http';
import { freePort, holdPort } from '../host/ports';
import type { Container } from './container';
import type { Parts } from './parts';

/** An answer to a request, or why there was none. */
export interface Answer {
  ok: boolean;
  text: string;
}

/** A plain (non-Docker) program of the kit's holding a host port, answering every connection with its greeting. */
export interface PortHolder {
  port: number;
  greeting: string;
  close: () => Promise<void>;
}

/** Host ports: choosing free ones, holding one, and requests to what the engine publishes there. */
export class Ports {
  constructor(private readonly parts: Parts) {}

  /** A TCP port free on the host right now, chosen by the kernel. */
  async free(): Promise<number> {
    const port = await freePort();
    this.parts.recorder.note(`host port ${port} is free: the kernel just handed it out`);
    return port;
  }

  /** Holds a free port on all IPv4 interfaces, as any other program on the host could; let go when the scenario ends. */
  hold(greeting: string): Promise<PortHolder> {
    let port = 0;
    return this.parts.recorder.act({
      command: () => `nc -lk 0.0.0.0 ${port}   # a plain TCP server in the kit's own process`,
      via: 'host',
      run: async () => {
        const holder = await holdPort(greeting);
        port = holder.port;
        return holder;
      },
      makes: (holder) => ({ describe: `close port ${holder.port}`, run: holder.close }),
      output: (holder) => `it answers every connection with: ${holder.greeting}`,
    });
  }

  /** The URL of `path` on a host port the engine published. */
  url(port: number, path = '/'): string {
    return `http://${publishedHost(this.parts.context.engine.endpoint)}:${port}${path}`;
  }

  /** One request to a published host port: the page, or the error that came instead. */
  page(port: number): Promise<Answer> {
    return this.request(this.url(port));
  }

  /** One request from the kit's process to any URL (a container's own address, say). */
  request(url: string): Promise<Answer> {
    return this.parts.recorder.look({
      command: `curl -s ${url}`,
      via: 'host',
      run: () =>
        httpGet(url, 3000).then(
          (a) => ({ ok: a.status === 200, text: a.body }),
          (error: Error) => ({
            ok: false,
            text: `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}`,
          }),
        ),
      output: (a) => a.text,
      exitCode: (a) => (a.ok ? 0 : 7),
    });
  }

  /**
   * Waits (unrecorded) until a web server answers on a published host port or `timeoutMs` has
   * passed, then asks once more, recorded: that answer, served or not.
   */
  async waitForPage(port: number, timeoutMs = 15_000): Promise<Answer> {
    const url = this.url(port);
    await waitFor(async () => ((await httpGet(url, 2000)).status === 200 ? true : undefined), {
      timeoutMs,
      describe: () => `nothing served ${url}`,
    }).catch(() => undefined);
    return this.page(port);
  }

  /** What a plain TCP server on a host port says first (`nc HOST PORT`). */
  greeting(port: number): Promise<string> {
    return this.parts.recorder.look({
      command: `nc 127.0.0.1 ${port}`,
      via: 'host',
      run: () => readGreeting('127.0.0.1', port).catch((error: Error) => `no answer: ${error.message}`),
      output: (text) => text,
    });
  }
}

/** The page the web fixture serves from `container`: it names the container by the name the kit gave it. */
export function pageOf(container: Container): string {
  return `hello from ${container.name}`;
}

/** Whether `text` is the web fixture's page as `container` serves it (a line of its own: not another's whose name it starts). */
export function servedBy(text: string, container: Container): boolean {
  return text.split('\n').some((line) => line.trim() === pageOf(container));
}

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
