import { NotVerifiable } from '../common/errors';
import { COMMAND_EXIT } from '../common/exit';
import { waitFor } from '../common/wait';
import type { EngineFingerprint } from '../engine/fingerprint';
import type { Answer, PortHolder } from '../host/host-access';
import type { PortReach } from '../host/port-reach';
import type { Reach } from '../run/reach';
import type { Container } from './container';
import type { Parts } from './parts';

export type { Answer, PortHolder };

/** Where a request to a published port is made: where the run reaches published ports, or the engine host's own loopback. */
export type PortPlace = 'published' | 'loopback';

/**
 * Host ports: choosing free ones, holding one, and requests to what the engine publishes
 * there. "The host" is the engine's: its ports are chosen free there, held there, and asked
 * for where the run reaches them (run/reach.ts); where your machine is apart from the
 * engine's host, what its loopback answers is recorded too, as what your machine sees.
 */
export class Ports {
  /** The ports whose answer on your machine this scenario has recorded: once each. */
  private readonly askedHere = new Set<number>();

  constructor(private readonly parts: Parts) {}

  private get reach(): Reach {
    return this.parts.reach;
  }

  private placed(place: PortPlace): PortReach {
    return place === 'published' ? this.reach.published : this.reach.engineLoopback;
  }

  /** A TCP port free on the engine's host right now (on this machine where it cannot be read: the best guess there is). */
  async free(): Promise<number> {
    const { host } = this.reach;
    const port = await host.freePort();
    this.parts.recorder.note(`host port ${port} is free on the engine's host: ${host.freePortBasis}`);
    return port;
  }

  /** Holds a free port on all of the engine host's IPv4 addresses, as any other program there could; let go when the scenario ends. */
  async hold(greeting: string): Promise<PortHolder> {
    const { host } = this.reach;
    const port = await host.freePort();
    const onEngineHost = `nc -lk 0.0.0.0 ${port}   # a plain TCP server, not a container`;
    return this.parts.recorder.observe({
      onEngineHost,
      traced: () => host.traced(onEngineHost, () => host.holdPort(greeting, port)),
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
          run: () => this.reach.yourMachine.hold(greeting, port),
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
      run: () => this.reach.yourMachine.greeting(port),
      output: (text) => text,
    });
  }

  /** The URL of `path` on a host port the engine published, as the run reaches it. */
  url(port: number, path = '/', place: PortPlace = 'published'): string {
    return this.placed(place).url(port, path);
  }

  /** One request to a published host port (`place`): the page, or the error that came instead. */
  async page(port: number, place: PortPlace = 'published'): Promise<Answer> {
    const reach = this.placed(place);
    const answer = await this.get(reach, reach.url(port));
    if (place === 'published' && !this.askedHere.has(port)) {
      this.askedHere.add(port);
      await this.yourMachine(port);
    }
    return answer;
  }

  /** One request from the engine's host to any URL (a container's own address, say). */
  request(url: string): Promise<Answer> {
    return this.get(this.reach.engineLoopback, url);
  }

  private get(reach: PortReach, url: string): Promise<Answer> {
    return this.parts.recorder.observe({
      onEngineHost: `curl -s ${url}`,
      traced: () => reach.get(url, 3000),
      output: (a) => a.text,
      exitCode: (a) => (a.ok ? COMMAND_EXIT.success : COMMAND_EXIT.curlCouldNotConnect),
    });
  }

  /** What this machine's loopback answers on `port`, recorded, where your machine is apart from the engine's host. */
  private async yourMachine(port: number): Promise<void> {
    const seen = await this.reach.yourMachine.alsoAsk(port);
    if (!seen) return;
    const { url, value } = seen;
    await this.parts.recorder.observe({
      onEngineHost: `curl -s ${url}`,
      traced: async () => seen,
      output: (a) => a.text,
      exitCode: (a) => (a.ok ? COMMAND_EXIT.success : COMMAND_EXIT.curlCouldNotConnect),
    });
    this.parts.recorder.transcript.yourMachine(url, value.ok, value.text);
  }

  /**
   * Waits (unrecorded) until a web server answers on a published host port (`place`) or
   * `timeoutMs` has passed, then asks once more, recorded: that answer, served or not.
   */
  async waitForPage(port: number, timeoutMs = 15_000, place: PortPlace = 'published'): Promise<Answer> {
    const reach = this.placed(place);
    const url = reach.url(port);
    await waitFor(async () => ((await reach.poll(url, 2000)).ok ? true : undefined), {
      timeoutMs,
      describe: () => `nothing served ${url}`,
    }).catch((error: unknown) => {
      // Only a wait that ran out is an answer to record; a reach that cannot ask says why.
      if (error instanceof NotVerifiable) throw error;
    });
    return this.page(port, place);
  }

  /**
   * Why a claim cannot be verified when a port the engine says it published does not answer
   * where the run reaches published ports: what was asked, from where, and what came back.
   */
  unanswered(port: number, answer: Answer): NotVerifiable {
    const { published } = this.reach;
    return new NotVerifiable({
      code: 'port-unanswered',
      port,
      url: published.url(port),
      from: published.observedFrom,
      seconds: 15,
      said: answer.text,
    });
  }

  /** What a plain TCP server on a port of the engine's host says first (`nc 127.0.0.1 PORT` there). */
  greeting(port: number): Promise<string> {
    const { host } = this.reach;
    const onEngineHost = `nc 127.0.0.1 ${port}`;
    return this.parts.recorder.observe({
      onEngineHost,
      traced: () => host.traced(onEngineHost, () => host.greeting('127.0.0.1', port)),
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
