import { NotVerifiable } from '../common/errors';
import type { Reason } from '../common/reasons';
import type { Answer, HostAccess, ObservedFrom, PortHolder, Ran } from './host-access';
import type { LocalHost } from './local-host';
import { holdPort } from './ports';

/** What a look gave, and what it really did. */
export interface Traced<T> {
  value: T;
  ran: Ran;
}

/**
 * Where host ports the engine published are asked for, and how: one object per run, built
 * from where the kit stands (run/reach.ts), so that no caller asks which.
 */
export interface PortReach {
  readonly observedFrom: ObservedFrom;
  /** The URL of `path` on host port `port`, as this reach asks it. */
  url(port: number, path?: string): string;
  /** One GET of `url`, with what it really did. */
  get(url: string, timeoutMs?: number): Promise<Traced<Answer>>;
  /** One GET of `url`, not recorded (a wait's polls). */
  poll(url: string, timeoutMs?: number): Promise<Answer>;
}

/** Published ports asked for from the kit's own process at `address`: this machine's loopback, or the engine's address (tcp://, ssh://). */
export class KitPortReach implements PortReach {
  readonly observedFrom: ObservedFrom;

  constructor(
    private readonly address: string,
    private readonly here: LocalHost,
  ) {
    this.observedFrom = /^127\./.test(address) || address === 'localhost' ? 'this-machine' : 'engine-address';
  }

  url(port: number, path = '/') {
    return `http://${this.address}:${port}${path}`;
  }

  async get(url: string, timeoutMs = 3000) {
    const value = await this.poll(url, timeoutMs);
    return { value, ran: { command: `curl -s ${url}`, observedFrom: this.observedFrom, exact: false } };
  }

  poll(url: string, timeoutMs = 3000) {
    return this.here.fetch(url, timeoutMs);
  }
}

/** Published ports asked for on the engine's host itself, at its loopback, through the run's host access (the helper elsewhere). */
export class EngineHostPortReach implements PortReach {
  constructor(private readonly host: HostAccess) {}

  get observedFrom() {
    return this.host.observedFrom;
  }

  url(port: number, path = '/') {
    return `http://127.0.0.1:${port}${path}`;
  }

  get(url: string, timeoutMs = 3000) {
    return this.host.traced(`curl -s ${url}`, () => this.host.fetch(url, timeoutMs));
  }

  poll(url: string, timeoutMs = 3000) {
    return this.host.fetch(url, timeoutMs);
  }
}

/** Where published ports cannot be reached: every request ends the scenario as not verified, with the reason. */
export class NoPortReach implements PortReach {
  readonly observedFrom = 'this-machine' as const;

  constructor(private readonly why: Reason) {}

  url(port: number, path = '/') {
    return `http://127.0.0.1:${port}${path}`;
  }

  get(): Promise<never> {
    return Promise.reject(new NotVerifiable(this.why));
  }

  poll(): Promise<never> {
    return Promise.reject(new NotVerifiable(this.why));
  }
}

/**
 * Your machine, where the kit runs and the user stands. Where it is apart from the engine's
 * host (across a boundary), what its loopback answers on a published port is asked too, as
 * what your machine sees; elsewhere it is the engine's host, and `alsoAsk` asks nothing.
 */
export class YourMachine {
  constructor(
    /** Whether this machine is another than the engine's host. */
    readonly apart: boolean,
    private readonly here: LocalHost,
  ) {}

  /** What this machine's loopback answers on `port`, where it is apart from the engine's host; undefined elsewhere. */
  async alsoAsk(port: number): Promise<(Traced<Answer> & { url: string }) | undefined> {
    if (!this.apart) return undefined;
    const url = `http://127.0.0.1:${port}/`;
    const value = await this.here.fetch(url, 1000);
    return { url, value, ran: { command: `curl -s ${url}`, observedFrom: 'this-machine', exact: false } };
  }

  /** Holds `port` on this machine's IPv4 addresses, as any program here could. */
  hold(greeting: string, port: number): Promise<PortHolder> {
    return holdPort(greeting, port);
  }

  /** What a plain TCP server on this machine's `port` says first. */
  greeting(port: number): Promise<string> {
    return this.here.greeting('127.0.0.1', port);
  }
}
