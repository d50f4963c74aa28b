import type { ObservedFrom } from '../common/reasons';
import type { RuleListing } from './nat';
import type { NftListing } from './nft';

export type { ObservedFrom };

/** A container a command needs running, and the command that starts it where it is not (the helper, after the run). */
export interface Needs {
  name: string;
  /** The `docker run` the kit's start of it through the Engine API stands for. */
  startedAs: string;
  /** A `docker run` that starts it again after the run, runnable as printed from the user's machine (it removes itself). */
  start: string;
}

/**
 * What one look really did: the command or commands the kit ran, as runnable from the user's
 * machine (through the helper: `docker exec HELPER sh -c '…'`, the API call it stands for);
 * where it was made from; the equivalent on the engine's host where that differs; and what
 * must be running for the command to run as printed.
 */
export interface Ran {
  command: string;
  observedFrom: ObservedFrom;
  onEngineHost?: string;
  needs?: Needs;
  /** Whether `command` is what ran (an exec through the API, a tool), not the equivalent of what the kit's own process did. */
  exact: boolean;
}

const ranBefore = new WeakMap<object, Ran>();

/** Marks `error` with what the look that threw it had run, so its transcript shows that too. */
export function withRan<E>(error: E, ran: Ran): E {
  if (typeof error === 'object' && error !== null) ranBefore.set(error, ran);
  return error;
}

/** What the look that threw `error` had run, if it said (withRan). */
export function ranOf(error: unknown): Ran | undefined {
  return typeof error === 'object' && error !== null ? ranBefore.get(error) : undefined;
}

/** Bytes a network interface received and sent, as its kernel counts them. */
export interface ByteCounters {
  rx: number;
  tx: number;
}

/** An HTTP answer, or why there was none. */
export interface Answer {
  ok: boolean;
  text: string;
}

import type { PortHolder } from './ports';

export type { PortHolder };

/**
 * The engine's host, read from wherever the kit stands: its processes, network, firewall
 * rules, files and ports. Two implementations, chosen once per run: the kit's own machine
 * when it shares the engine host's namespaces (local-host.ts), or a helper container the
 * engine runs in its host's namespaces (helper-host.ts). Checks never branch on which.
 */
export interface HostAccess {
  readonly observedFrom: ObservedFrom;
  /**
   * Runs `read` and says what it really did: the commands it ran (through the helper), or
   * `onEngineHost`, the command one would type on the engine's host, where the kit did it
   * from its own process there.
   */
  traced<T>(onEngineHost: string, read: () => Promise<T>): Promise<{ value: T; ran: Ran }>;
  /** How a port this access calls free was found, for the transcript's note. */
  readonly freePortBasis: string;
  /** The host PID of the process the engine knows as `enginePid` whose environment holds `mark`. */
  hostPidOf(enginePid: number, mark: string): Promise<number | undefined>;
  /** Host process `pid`'s command line, or undefined when there is none. */
  commandLine(pid: number): Promise<string | undefined>;
  /** Sends `signal` to host process `pid`, as `kill` on the host would. */
  signal(pid: number, signal: string): Promise<void>;
  /** `iptables -t nat -S` on the host, with the host's own iptables. */
  iptablesNat(): Promise<RuleListing>;
  /** `nft list ruleset` on the host (text and JSON), with the host's own nft. */
  nftRuleset(): Promise<NftListing>;
  /** The host interface whose index is `index` (a veth's peer). */
  interfaceWithIndex(index: string): Promise<string | undefined>;
  /** Each interface's byte counters, read at once. */
  byteCounters(names: readonly string[]): Promise<Map<string, ByteCounters>>;
  /** The interfaces that carry a default route. */
  outwardInterfaces(): Promise<string[]>;
  /** The names of the host's network interfaces. */
  interfaceNames(): Promise<string[]>;
  /** The nameservers of the host's /etc/resolv.conf, or undefined where what the kit reads is not the engine's host (rootless). */
  nameservers(): Promise<string[] | undefined>;
  /** What the host's root directory holds, or undefined where what the kit reads is not the engine's host (rootless). */
  rootDirectory(): Promise<string[] | undefined>;
  /** The first of `names` that is a program on the host's PATH, with its path; undefined when it has none. */
  program(names: readonly string[]): Promise<{ name: string; path: string } | undefined>;
  /** A file of the host, whole; rejects when it cannot be read. */
  readFile(path: string): Promise<Buffer>;
  /** Whether a path exists on the host. */
  exists(path: string): Promise<boolean>;
  /** Whether a directory of the host can be listed from where the kit reads it (root's data root, by a user who is not root, cannot). */
  listable(path: string): Promise<boolean>;
  /** The lower directories of process `pid`'s root overlay mount, top first, links resolved. */
  rootLowerDirs(pid: number): Promise<string[]>;
  /** Bytes on disk in `dirs` together, hard links once. */
  diskUsage(dirs: readonly string[]): Promise<number>;
  /** One HTTP GET from the host's network namespace. */
  fetch(url: string, timeoutMs?: number): Promise<Answer>;
  /** What a plain TCP server at `host:port` says first, from the host's network namespace. */
  greeting(host: string, port: number): Promise<string>;
  /** A TCP port free on the host's every address now. */
  freePort(): Promise<number>;
  /** Holds `port` (a free one) on all of the host's IPv4 addresses, as any program of the host's could. */
  holdPort(greeting: string, port: number): Promise<PortHolder>;
}
