import { NotVerifiable } from '../common/errors';
import { waitFor } from '../common/wait';
import type { EngineFingerprint } from '../engine/fingerprint';
import type { Answer, HostAccess, PortHolder } from '../host/host-access';
import { LocalHost } from '../host/local-host';
import { freePort, holdPort } from '../host/ports';
import type { Container } from './container';
import type { Parts } from './parts';
import { YOUR_MACHINE } from './transcript';

export type { Answer, PortHolder };

/** Where a request to a published port is made: where the run reaches published ports, or the engine host's own loopback. */
export type PortPlace = 'published' | 'loopback';

/**
 * Host ports: choosing free ones, holding one, and requests to what the engine publishes
 * there. "The host" is the engine's: its ports are chosen free there, held there, and asked
 * for where the run reaches them (see run/standpoint.ts); where that is not this machine,
 * what this machine's loopback answers is noted too, as what your machine sees.
 */
export class Ports {
  /** The ports whose answer on your machine this scenario has recorded: once each. */
  private readonly askedHere = new Set<number>();

  constructor(private readonly parts: Parts) {}

  /** The run's way to the engine's host; throws, saying why, where the kit has none. */
  private get host(): HostAccess {
    const { host } = this.parts;
    if ('unavailable' in host) throw new NotVerifiable(host.unavailable);
    return host;
  }

  private get via(): 'host' | 'helper' {
    return this.host.observedFrom === 'this machine' ? 'host' : 'helper';
  }

  /** A TCP port free on the engine's host right now (on this machine where it cannot be read: the best guess there is). */
  async free(): Promise<number> {
    const { host } = this.parts;
    const port = 'unavailable' in host ? await freePort() : await host.freePort();
    this.parts.recorder.note(
      `host port ${port} is free on the engine's host: ${'unavailable' in host || host.observedFrom === 'this machine' ? 'the kernel just handed it out' : 'no socket there uses it'}`,
    );
    return port;
  }

  /** Holds a free port on all of the engine host's IPv4 addresses, as any other program there could; let go when the scenario ends. */
  hold(greeting: string): Promise<PortHolder> {
    let port = 0;
    const host = this.host;
    return this.parts.recorder.act({
      command: () => host.shown(`nc -lk 0.0.0.0 ${port}   # a plain TCP server, not a container`),
      via: this.via,
      run: async () => {
        const holder = await host.holdPort(greeting);
        port = holder.port;
        return holder;
      },
      makes: (holder) => ({ describe: `close port ${holder.port}`, run: holder.close }),
      output: (holder) => `it answers every connection with: ${holder.greeting}`,
    });
  }

  /**
   * Holds, on this machine's IPv4 addresses (your machine, where the engine's host is
   * elsewhere), a port that is free on the engine's host too: so a run that then fails to
   * publish it can only have met this program. Let go when the scenario ends.
   */
  async holdHere(greeting: string): Promise<PortHolder> {
    for (let attempt = 1; ; attempt++) {
      const port = await this.free();
      const held = await this.parts.recorder
        .act({
          command: `nc -lk 0.0.0.0 ${port}   # on your machine: a plain TCP server, not a container`,
          via: 'host',
          run: () => holdPort(greeting, port),
          makes: (holder) => ({ describe: `close port ${holder.port}`, run: holder.close }),
          output: (holder) => `it answers every connection with: ${holder.greeting}`,
        })
        .catch((error: NodeJS.ErrnoException) => {
          // Free on the engine's host, taken here: another port free there.
          if (error.code === 'EADDRINUSE' && attempt < 5) return undefined;
          throw error;
        });
      if (held) return held;
    }
  }

  /** What a plain TCP server on a port of this machine says first (`nc 127.0.0.1 PORT` here). */
  greetingHere(port: number): Promise<string> {
    return this.parts.recorder.look({
      command: `nc 127.0.0.1 ${port}   # on your machine`,
      via: 'host',
      run: () => HERE.greeting('127.0.0.1', port),
      output: (text) => text,
    });
  }

  /** The URL of `path` on a host port the engine published, as the run reaches it. */
  url(port: number, path = '/', place: PortPlace = 'published'): string {
    const { published } = this.parts.context.standpoint;
    const address = place === 'published' && 'address' in published ? published.address : '127.0.0.1';
    return `http://${address}:${port}${path}`;
  }

  /** Where a request to `place` is made from: the kit's process, or the engine's host. */
  private fromKit(place: PortPlace): boolean {
    const { published } = this.parts.context.standpoint;
    if ('unavailable' in published && place === 'published') throw new NotVerifiable(published.unavailable);
    return place === 'published' && 'from' in published && published.from === 'kit';
  }

  /** One request to a published host port (`place`): the page, or the error that came instead. */
  async page(port: number, place: PortPlace = 'published'): Promise<Answer> {
    const url = this.url(port, '/', place);
    const answer = this.fromKit(place) ? await this.requestHere(url) : await this.request(url);
    if (place === 'published' && this.parts.context.standpoint.yourMachine && !this.askedHere.has(port)) {
      this.askedHere.add(port);
      await this.yourMachine(port);
    }
    return answer;
  }

  /** One request from the engine's host to any URL (a container's own address, say). */
  request(url: string): Promise<Answer> {
    const host = this.host;
    return this.parts.recorder.look({
      command: host.shown(`curl -s ${url}`),
      via: this.via,
      run: () => host.fetch(url, 3000),
      output: (a) => a.text,
      exitCode: (a) => (a.ok ? 0 : CURL_FAILED),
    });
  }

  /** One request from the kit's own process: on this machine's loopback, or at the engine's address. */
  private requestHere(url: string): Promise<Answer> {
    return this.parts.recorder.look({
      command: `curl -s ${url}`,
      via: new URL(url).hostname === '127.0.0.1' ? 'host' : 'address',
      run: () => HERE.fetch(url),
      output: (a) => a.text,
      exitCode: (a) => (a.ok ? 0 : CURL_FAILED),
    });
  }

  /** What this machine's loopback answers on `port`, recorded and noted: where the engine is elsewhere, what your machine sees. */
  private async yourMachine(port: number): Promise<void> {
    const url = `http://127.0.0.1:${port}/`;
    const answer = await this.parts.recorder.look({
      command: `curl -s ${url}   # your machine`,
      via: 'host',
      run: () => HERE.fetch(url, 1000),
      output: (a) => a.text,
      exitCode: (a) => (a.ok ? 0 : CURL_FAILED),
    });
    this.parts.recorder.note(
      `${YOUR_MACHINE.slice(2)}${url} ${answer.ok ? 'answers too (something forwards the port here)' : `does not answer (${answer.text}): nothing forwards the engine host's port to this machine`}`,
    );
  }

  /**
   * Waits (unrecorded) until a web server answers on a published host port (`place`) or
   * `timeoutMs` has passed, then asks once more, recorded: that answer, served or not.
   */
  async waitForPage(port: number, timeoutMs = 15_000, place: PortPlace = 'published'): Promise<Answer> {
    const url = this.url(port, '/', place);
    const ask = this.fromKit(place) ? () => HERE.fetch(url, 2000) : () => this.host.fetch(url, 2000);
    await waitFor(async () => ((await ask()).ok ? true : undefined), {
      timeoutMs,
      describe: () => `nothing served ${url}`,
    }).catch(() => undefined);
    return this.page(port, place);
  }

  /**
   * Why a claim cannot be verified when a port the engine says it published does not answer
   * where the run reaches published ports: what was asked, from where, and what came back.
   */
  unanswered(port: number, answer: Answer): NotVerifiable {
    const from = this.fromKit('published') ? 'this machine' : "the engine's host";
    return new NotVerifiable(
      `the engine published host port ${port}, but nothing answered ${this.url(port)} (asked from ${from} for 15 s): ${answer.text.trim() || 'no answer'}`,
    );
  }

  /** What a plain TCP server on a port of the engine's host says first (`nc 127.0.0.1 PORT` there). */
  greeting(port: number): Promise<string> {
    const host = this.host;
    return this.parts.recorder.look({
      command: host.shown(`nc 127.0.0.1 ${port}`),
      via: this.via,
      run: () => host.greeting('127.0.0.1', port),
      output: (text) => text,
    });
  }
}

/** curl's exit code when it could not connect. */
const CURL_FAILED = 7;

/** This machine, as the kit's own process reaches it: your machine, where the engine's host is elsewhere. */
const HERE = new LocalHost();

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
