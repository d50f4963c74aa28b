import type { RuleListing } from './nat';
import type { NftListing } from './nft';

/** Where an observation of the engine's host was made from, as reports say it. */
export type ObservedFrom =
  | 'this machine'
  | "the engine's host, through the kit's helper container"
  | "the engine's address";

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
  /** The command a reader would type, from where the kit stands, to see what `command` shows on the engine's host. */
  shown(command: string): string;
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
  /** The nameservers of the host's /etc/resolv.conf. */
  nameservers(): Promise<string[]>;
  /** What the host's root directory holds. */
  rootDirectory(): Promise<string[]>;
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
  /** Holds a free port on all of the host's IPv4 addresses, as any program of the host's could. */
  holdPort(greeting: string): Promise<PortHolder>;
}
