import { NotVerifiable } from '../common/errors';
import { exitCodeIf, succeeded } from '../common/exit';
import type { ByteCounters, HostAccess } from '../host/host-access';
import type { RuleListing } from '../host/nat';
import { containersStorageLayerDirs, dockerLayerDirs, nativeSnapshotDirs } from '../host/storage';
import type { Container } from './container';
import { IDENTITY_ENV, withCmd, withHostPidNamespace } from './container-spec';
import type { Containers } from './containers';
import type { Images } from './images';
import type { Parts } from './parts';
import type { Action } from './recorder';

/**
 * The engine's host, as this scenario looks at it: its processes, network interfaces, NAT
 * rules, resolver, storage. Read through the run's HostAccess: this machine where the kit is
 * on the engine's host, the kit's helper container elsewhere (see run/standpoint.ts).
 */
export class HostView {
  constructor(
    private readonly parts: Parts,
    private readonly containers: Containers,
    private readonly images: Images,
  ) {}

  /** The run's way to the engine's host; throws, saying why, where the kit has none. */
  private get access(): HostAccess {
    const { host } = this.parts;
    if ('unavailable' in host) throw new NotVerifiable(host.unavailable);
    return host;
  }

  /**
   * A look at the engine's host, recorded with the command a reader would type from where the
   * kit stands, and where it was seen from.
   */
  private look<T>(read: Omit<Action<T>, 'makes' | 'via'>): Promise<T> {
    const access = this.access;
    const given = read.command;
    const command =
      typeof given === 'function'
        ? () => access.shown(given())
        : access.shown(typeof given === 'string' ? given : given.join(' '));
    return this.parts.recorder.look({
      ...read,
      command,
      via: access.observedFrom === 'this machine' ? 'host' : 'helper',
    });
  }

  /**
   * Whether what the kit reads of the host is the engine's host: not so for a rootless engine,
   * whose network and files are rootlesskit's, though its processes are in this /proc.
   */
  private get onEngineHost(): boolean {
    return this.parts.context.standpoint.topology !== 'rootless' && !('unavailable' in this.parts.host);
  }

  /**
   * The host PID of a container's main process, which the engine reports as `enginePid`: the
   * same where the kit shares the engine host's PID namespace; found through the namespaces
   * (NSpid) where the kit is on the engine's machine but the engine is not in its namespaces
   * (rootless), null when none of the container's processes has it there; undefined where
   * the kit cannot see the host's processes at all.
   */
  private async lookUpHostPid(container: Container, enginePid: number): Promise<number | null | undefined> {
    if ('unavailable' in this.parts.host) return undefined;
    const mark = `${IDENTITY_ENV}=${container.name}`;
    const access = this.access;
    return this.look({
      command: `grep -l '${mark}' $(grep -lw '${enginePid}' /proc/*/status | sed 's/status$/environ/')`,
      run: async () => (await access.hostPidOf(enginePid, mark)) ?? null,
      output: (pid) =>
        pid === null
          ? `no process of the engine's PID namespace is ${enginePid} with ${mark}`
          : `/proc/${pid}/environ   # host PID ${pid}`,
      exitCode: (pid) => exitCodeIf(pid !== null),
    });
  }

  /** The host PID of a container's main process (see lookUpHostPid); one that is not there is an error. */
  async hostPidOf(container: Container, enginePid: number): Promise<number | undefined> {
    const pid = await this.lookUpHostPid(container, enginePid);
    if (pid === null)
      throw new Error(
        `no host process is ${enginePid} in the engine's PID namespace with ${IDENTITY_ENV}=${container.name}`,
      );
    return pid;
  }

  /** The command line of host process `pid` (by the engine's PID, of `container`), or undefined when the host has none. */
  async commandLine(enginePid: number, container: Container): Promise<string | undefined> {
    const pid = await this.lookUpHostPid(container, enginePid);
    if (pid === null) return undefined;
    if (pid !== undefined) return this.readCommandLine(pid);
    const run = await this.inHostPidNamespace('look', `tr '\\0' ' ' < /proc/${enginePid}/cmdline`);
    return succeeded(run) ? run.stdout.trim() : undefined;
  }

  private readCommandLine(pid: number): Promise<string | undefined> {
    const access = this.access;
    return this.look({
      command: `tr '\\0' ' ' < /proc/${pid}/cmdline`,
      run: () => access.commandLine(pid),
      output: (text) => text ?? '',
      exitCode: (text) => exitCodeIf(text !== undefined),
    });
  }

  /** Sends `signal` to a container's main process (the engine's PID `enginePid`) on the host directly, without asking the engine. */
  async kill(enginePid: number, signal: string, container: Container): Promise<void> {
    const name = signal.replace(/^SIG/, '');
    const pid = await this.hostPidOf(container, enginePid);
    if (pid === undefined) {
      const run = await this.inHostPidNamespace('kill', `kill -${name} ${enginePid}`);
      if (!succeeded(run)) throw new Error(`could not kill host process ${enginePid}: ${run.stderr.trim()}`);
      return;
    }
    const access = this.access;
    await this.look({
      command: `kill -${name} ${pid}`,
      run: () => access.signal(pid, signal),
    });
  }

  /** Runs a shell script in a throwaway container that shares the host's PID namespace. */
  private async inHostPidNamespace(alias: string, script: string) {
    const options = [withHostPidNamespace(), withCmd('sh', '-c', script)];
    return this.containers.runCli(`${alias}-host-pid`, this.parts.context.base.ref, options);
  }

  /**
   * The host's NAT rules, as iptables and as nftables list them: an engine writes one or the
   * other (Docker up to 28 through iptables, netavark natively in nftables).
   */
  async nat(): Promise<NatRules> {
    const access = this.access;
    const act = <T extends RuleListing>(command: string, list: () => Promise<T>) =>
      this.look({
        command,
        run: list,
        output: (l) => l.stdout || l.stderr,
        exitCode: (l) => l.exitCode,
      });
    const iptables = await act('iptables -t nat -S', () => access.iptablesNat());
    const nft = await act('nft -a list ruleset', () => access.nftRuleset());
    return {
      iptables: succeeded(iptables) ? { rules: iptables.stdout } : { unreadable: iptables.stderr },
      nft: nft.readable ? { text: nft.stdout, json: nft.json } : { unreadable: nft.stderr },
    };
  }

  /** The host side of a container's veth pair: the host interface whose index is its eth0's peer. */
  async vethOf(container: Container): Promise<string> {
    const peer = (await container.shell('cat /sys/class/net/eth0/iflink')).stdout.trim();
    const access = this.access;
    return this.look({
      command: `grep -lx ${peer} /sys/class/net/*/ifindex`,
      run: async () => {
        const found = await access.interfaceWithIndex(peer);
        // The container's link leads into a network namespace of the engine's own (rootless
        // Podman's), not to a bridge of the host: none of the host's interfaces is its peer.
        if (!found)
          throw new NotVerifiable(
            `no interface of the engine's host has index ${peer}, the peer of ${container.name}'s eth0: its network is in a namespace of the engine's own, whose traffic no bridge of the host carries`,
          );
        return found;
      },
      output: (name) => name,
    });
  }

  /** The interfaces traffic leaves the host by (those with a default route). */
  outwardInterfaces(): Promise<string[]> {
    return this.access.outwardInterfaces();
  }

  /** Bytes each of `interfaces` received and sent while `action` ran, from the kernel's counters before and after. */
  async trafficDuring<T>(
    interfaces: string[],
    action: () => Promise<T>,
  ): Promise<{ traffic: Traffic; result: T }> {
    const access = this.access;
    const before = await access.byteCounters(interfaces);
    const result = await action();
    const after = await access.byteCounters(interfaces);
    const traffic: Traffic = new Map(
      interfaces.map((name) => {
        const [b, a] = [before.get(name), after.get(name)] as ByteCounters[];
        return [name, { rx: (a?.rx ?? 0) - (b?.rx ?? 0), tx: (a?.tx ?? 0) - (b?.tx ?? 0) }];
      }),
    );
    await this.look({
      command: `cat /sys/class/net/{${interfaces.join(',')}}/statistics/{rx,tx}_bytes   # before and after`,
      run: async () => traffic,
      output: (t) =>
        [...t].map(([name, n]) => `${name}: received ${n.rx} bytes, sent ${n.tx} bytes`).join('\n'),
    });
    return { traffic, result };
  }

  /** The nameservers of the host's /etc/resolv.conf, or undefined when the kit cannot read the engine's host. */
  async nameservers(): Promise<string[] | undefined> {
    if (!this.onEngineHost) return undefined;
    const access = this.access;
    return this.look({
      command: "grep '^nameserver' /etc/resolv.conf",
      run: () => access.nameservers(),
      output: (servers) => servers.map((s) => `nameserver ${s}`).join('\n'),
    });
  }

  /** What the host's root directory holds, or undefined when the kit cannot read the engine's host. */
  async rootDirectory(): Promise<string[] | undefined> {
    if (!this.onEngineHost) return undefined;
    const access = this.access;
    return this.look({
      command: 'ls -A /',
      run: () => access.rootDirectory(),
      output: (entries) => entries.join(' '),
    });
  }

  /**
   * The layer directories under a container's root filesystem, top first, as the engine
   * mounted them (the overlay's lowerdir, short links resolved, in the kernel's mount table).
   */
  layerDirsOf(container: Container, pid: number): Promise<string[]> {
    const access = this.access;
    return this.look({
      command: `grep ' / / ' /proc/${pid}/mountinfo   # the root of ${container.name}`,
      run: () => access.rootLowerDirs(pid),
      output: (dirs) => dirs.join('\n'),
    });
  }

  /**
   * The directories where the storage keeps image `ref`'s layers, read as the driver's layout
   * says (see host/storage.ts): from the mount of a container of it (`alias`), or from the
   * storage's own records of the image's layers.
   */
  private async imageLayerDirs(ref: string, alias: string): Promise<string[]> {
    const { storage } = this.parts.context;
    if ('unavailable' in storage) throw new Error(storage.unavailable);
    const { path, driver, layout } = storage;
    if (layout === 'overlay-mounts') {
      const container = await this.containers.run(alias, ref, withCmd('sleep', '86400'));
      const { State } = await container.inspect((i) => ({ Pid: i.State.Pid }));
      const pid = await this.hostPidOf(container, State.Pid);
      if (pid === undefined)
        throw new Error(`the kit cannot see ${container.name}'s process on this machine`);
      return this.layerDirsOf(container, pid);
    }
    const image = await this.images.layers(ref);
    const access = this.access;
    return this.look({
      command: {
        'docker-layerdb': `cat ${path}/image/${driver}/layerdb/sha256/CHAIN-ID/cache-id   # for each layer of ${ref}`,
        'containers-storage': `jq -r '.[] | select(.id == "${image.id.replace(/^sha256:/, '')}") | .layer' ${path}/${driver}-images/images.json   # then each parent in ${driver}-layers/layers.json`,
        'containerd-native': `bbolt keys ${path}/containerd/daemon/io.containerd.snapshotter.v1.native/metadata.db v1 snapshots   # each layer's snapshot by its chain ID`,
      }[layout],
      run: () =>
        layout === 'docker-layerdb'
          ? dockerLayerDirs(access, path, driver, image.layers)
          : layout === 'containerd-native'
            ? nativeSnapshotDirs(access, path, image.layers)
            : containersStorageLayerDirs(access, path, driver, image.id),
      output: (dirs) => dirs.join('\n'),
    });
  }

  /**
   * Bytes on disk in the layers of image `top` that image `below` does not have: what the
   * storage holds for `top` alone, with the driver that holds it. Read from the storage's own
   * records (or mounts) of these images alone, so other users of the engine do not count.
   */
  async bytesOnlyIn(top: string, below: string): Promise<StoredBytes> {
    const [mine, theirs] = [
      await this.imageLayerDirs(top, 'layers-top'),
      await this.imageLayerDirs(below, 'layers-below'),
    ];
    const only = mine.filter((dir) => !theirs.includes(dir));
    const { storage } = this.parts.context;
    const driver = 'driver' in storage ? storage.driver : 'unknown';
    return { bytes: await this.diskUsage(only), driver, layers: only.length };
  }

  /** Bytes on disk in `dirs` together (hard links once), as `du -sc` counts them. */
  diskUsage(dirs: string[]): Promise<number> {
    const access = this.access;
    return this.look({
      command: `du -sc ${dirs.join(' ')}`,
      run: () => access.diskUsage(dirs),
      output: (bytes) => `${bytes} B in all`,
    });
  }

  /** The first of `names` that is a program the host has (`command -v` there), with its path; throws when it has none. */
  async program(names: readonly string[]): Promise<{ name: string; path: string }> {
    const access = this.access;
    const found = await this.look({
      command: `command -v ${names.join(' ')} | head -n 1`,
      run: () => access.program(names),
      output: (p) => p?.path ?? '',
      exitCode: (p) => exitCodeIf(p !== undefined),
    });
    if (!found) throw new Error(`the engine's host has none of the programs ${names.join(', ')}`);
    return found;
  }

  /** The names of the host's network interfaces. */
  interfaces(): Promise<string[]> {
    const access = this.access;
    return this.look({
      command: "ip -o addr show | awk '{print $2}' | sort -u",
      run: () => access.interfaceNames(),
      output: (names) => names.join('\n'),
    });
  }
}

/** What the storage holds for one image alone: its bytes, the driver, and how many layer directories. */
export interface StoredBytes {
  bytes: number;
  driver: string;
  layers: number;
}

/** The host's NAT rules, as iptables lists them and as nftables does, or why a tool could not list them. */
export interface NatRules {
  iptables: { rules: string } | { unreadable: string };
  nft: { text: string; json: string } | { unreadable: string };
}

/** Bytes received and sent, per interface. */
export type Traffic = Map<string, { rx: number; tx: number }>;

function counted(traffic: Traffic, name: string): { rx: number; tx: number } {
  const bytes = traffic.get(name);
  if (!bytes) throw new Error(`interface ${name} was not measured`);
  return bytes;
}

/** Bytes an interface sent while measured. */
export const sent = (traffic: Traffic, name: string): number => counted(traffic, name).tx;

/** Bytes an interface sent and received while measured. */
export const moved = (traffic: Traffic, name: string): number =>
  counted(traffic, name).rx + counted(traffic, name).tx;
