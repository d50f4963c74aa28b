import { NotVerifiable } from '../common/errors';
import { exitCodeIf, succeeded } from '../common/exit';
import { sayReason } from '../common/reasons-en';
import type { ByteCounters, HostAccess } from '../host/host-access';
import type { RuleListing } from '../host/nat';
import { containersStorageLayerDirs, dockerLayerDirs, nativeSnapshotDirs } from '../host/storage';
import type { Container } from './container';
import { IDENTITY_ENV, withCmd } from './container-spec';
import type { Containers } from './containers';
import type { Images } from './images';
import type { Parts } from './parts';

/**
 * The engine's host, as this scenario looks at it: its processes, network interfaces, NAT
 * rules, resolver, storage. Read through the run's reach (run/reach.ts): this machine where
 * the kit is on the engine's host, the kit's helper container elsewhere, or a stand-in that
 * ends the look as not verified. Each look's transcript entry is what it really ran.
 */
export class HostView {
  constructor(
    private readonly parts: Parts,
    private readonly containers: Containers,
    private readonly images: Images,
  ) {}

  private get access(): HostAccess {
    return this.parts.reach.host;
  }

  /**
   * A look at the engine's host: `read` through the run's host access, recorded with the
   * commands it ran (or, from the kit's own process there, `onEngineHost`, its equivalent).
   */
  private look<T>(
    onEngineHost: string,
    read: (access: HostAccess) => Promise<T>,
    shows: { output?: (result: T) => string; exitCode?: (result: T) => number } = {},
  ): Promise<T> {
    const access = this.access;
    return this.parts.recorder.observe({
      onEngineHost,
      traced: () => access.traced(onEngineHost, () => read(access)),
      ...shows,
    });
  }

  /**
   * The host PID of a container's main process, which the engine reports as `enginePid`: the
   * same where the kit shares the engine host's PID namespace; found through the namespaces
   * (NSpid) where the kit is on the engine's machine but the engine is not in its namespaces
   * (rootless); null when none of the container's processes has it there.
   */
  private lookUpHostPid(container: Container, enginePid: number): Promise<number | null> {
    const mark = `${IDENTITY_ENV}=${container.name}`;
    return this.look(
      `grep -l '${mark}' $(grep -lw '${enginePid}' /proc/*/status | sed 's/status$/environ/')`,
      async (access) => (await access.hostPidOf(enginePid, mark)) ?? null,
      {
        output: (pid) =>
          pid === null
            ? `no process of the engine's PID namespace is ${enginePid} with ${mark}`
            : `/proc/${pid}/environ   # host PID ${pid}`,
        exitCode: (pid) => exitCodeIf(pid !== null),
      },
    );
  }

  /** The host PID of a container's main process (see lookUpHostPid); one that is not there is an error. */
  async hostPidOf(container: Container, enginePid: number): Promise<number> {
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
    return this.look(`tr '\\0' ' ' < /proc/${pid}/cmdline`, (access) => access.commandLine(pid), {
      output: (text) => text ?? '',
      exitCode: (text) => exitCodeIf(text !== undefined),
    });
  }

  /** Sends `signal` to a container's main process (the engine's PID `enginePid`) on the host directly, without asking the engine. */
  async kill(enginePid: number, signal: string, container: Container): Promise<void> {
    const pid = await this.hostPidOf(container, enginePid);
    await this.look(`kill -${signal.replace(/^SIG/, '')} ${pid}`, (access) => access.signal(pid, signal));
  }

  /**
   * The host's NAT rules, as iptables and as nftables list them: an engine writes one or the
   * other (Docker up to 28 through iptables, netavark natively in nftables).
   */
  async nat(): Promise<NatRules> {
    const act = <T extends RuleListing>(command: string, list: (access: HostAccess) => Promise<T>) =>
      this.look(command, list, { output: (l) => l.stdout || l.stderr, exitCode: (l) => l.exitCode });
    const iptables = await act('iptables -t nat -S', (access) => access.iptablesNat());
    const nft = await act('nft -a list ruleset', (access) => access.nftRuleset());
    return {
      iptables: succeeded(iptables) ? { rules: iptables.stdout } : { unreadable: iptables.stderr },
      nft: nft.readable ? { text: nft.stdout, json: nft.json } : { unreadable: nft.stderr },
    };
  }

  /** The host side of a container's veth pair: the host interface whose index is its eth0's peer. */
  async vethOf(container: Container): Promise<string> {
    const peer = (await container.shell('cat /sys/class/net/eth0/iflink')).stdout.trim();
    return this.look(
      `grep -lx ${peer} /sys/class/net/*/ifindex`,
      async (access) => {
        const found = await access.interfaceWithIndex(peer);
        // The container's link leads into a network namespace of the engine's own (rootless
        // Podman's), not to a bridge of the host: none of the host's interfaces is its peer.
        if (!found) throw new NotVerifiable({ code: 'veth-peer-elsewhere', peer, container: container.name });
        return found;
      },
      { output: (name) => name },
    );
  }

  /** The interfaces traffic leaves the host by (those with a default route). */
  outwardInterfaces(): Promise<string[]> {
    return this.look(
      'awk \'$2 == "00000000" {print $1}\' /proc/net/route',
      (access) => access.outwardInterfaces(),
      { output: (names) => names.join('\n') },
    );
  }

  /** Bytes each of `interfaces` received and sent while `action` ran, from the kernel's counters before and after. */
  async trafficDuring<T>(
    interfaces: string[],
    action: () => Promise<T>,
  ): Promise<{ traffic: Traffic; result: T }> {
    const counters = (when: string) =>
      this.look(
        `cat /sys/class/net/{${interfaces.join(',')}}/statistics/{rx,tx}_bytes   # ${when}`,
        (access) => access.byteCounters(interfaces),
        { output: (c) => [...c].map(([name, n]) => `${name}: rx ${n.rx} tx ${n.tx}`).join('\n') },
      );
    const before = await counters('before');
    const result = await action();
    const after = await counters('after');
    const traffic: Traffic = new Map(
      interfaces.map((name) => {
        const [b, a] = [before.get(name), after.get(name)] as ByteCounters[];
        return [name, { rx: (a?.rx ?? 0) - (b?.rx ?? 0), tx: (a?.tx ?? 0) - (b?.tx ?? 0) }];
      }),
    );
    this.parts.recorder.note(
      `in between: ${[...traffic].map(([name, n]) => `${name} received ${n.rx} bytes, sent ${n.tx} bytes`).join('; ')}`,
    );
    return { traffic, result };
  }

  /** The nameservers of the host's /etc/resolv.conf, or undefined where what the kit reads is not the engine's host (rootless). */
  nameservers(): Promise<string[] | undefined> {
    return this.look("grep '^nameserver' /etc/resolv.conf", (access) => access.nameservers(), {
      output: (servers) => servers?.map((s) => `nameserver ${s}`).join('\n') ?? NOT_THE_ENGINES,
    });
  }

  /** What the host's root directory holds, or undefined where what the kit reads is not the engine's host (rootless). */
  rootDirectory(): Promise<string[] | undefined> {
    return this.look('ls -A /', (access) => access.rootDirectory(), {
      output: (entries) => entries?.join(' ') ?? NOT_THE_ENGINES,
    });
  }

  /**
   * The layer directories under a container's root filesystem, top first, as the engine
   * mounted them (the overlay's lowerdir, short links resolved, in the kernel's mount table).
   */
  layerDirsOf(container: Container, pid: number): Promise<string[]> {
    return this.look(
      `grep ' / / ' /proc/${pid}/mountinfo   # the root of ${container.name}`,
      (access) => access.rootLowerDirs(pid),
      { output: (dirs) => dirs.join('\n') },
    );
  }

  /**
   * The directories where the storage keeps image `ref`'s layers, read as the driver's layout
   * says (see host/storage.ts): from the mount of a container of it (`alias`), or from the
   * storage's own records of the image's layers.
   */
  private async imageLayerDirs(ref: string, alias: string): Promise<string[]> {
    const { storage } = this.parts.context;
    if ('unavailable' in storage) throw new Error(sayReason(storage.unavailable));
    const { path, driver, layout } = storage;
    if (layout === 'overlay-mounts') {
      const container = await this.containers.run(alias, ref, withCmd('sleep', '86400'));
      const { State } = await container.inspect((i) => ({ Pid: i.State.Pid }));
      const pid = await this.hostPidOf(container, State.Pid);
      return this.layerDirsOf(container, pid);
    }
    const image = await this.images.layers(ref);
    return this.look(
      {
        'docker-layerdb': `cat ${path}/image/${driver}/layerdb/sha256/CHAIN-ID/cache-id   # for each layer of ${ref}`,
        'containers-storage': `jq -r '.[] | select(.id == "${image.id.replace(/^sha256:/, '')}") | .layer' ${path}/${driver}-images/images.json   # then each parent in ${driver}-layers/layers.json`,
        'containerd-native': `bbolt keys ${path}/containerd/daemon/io.containerd.snapshotter.v1.native/metadata.db v1 snapshots   # each layer's snapshot by its chain ID`,
      }[layout],
      (access) =>
        layout === 'docker-layerdb'
          ? dockerLayerDirs(access, path, driver, image.layers)
          : layout === 'containerd-native'
            ? nativeSnapshotDirs(access, path, image.layers)
            : containersStorageLayerDirs(access, path, driver, image.id),
      { output: (dirs) => dirs.join('\n') },
    );
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
    return this.look(`du -sck ${dirs.join(' ')}`, (access) => access.diskUsage(dirs), {
      output: (bytes) => `${bytes / 1024} KiB (${bytes} B) in all`,
    });
  }

  /** The first of `names` that is a program the host has (`command -v` there), with its path; throws when it has none. */
  async program(names: readonly string[]): Promise<{ name: string; path: string }> {
    const found = await this.look(
      `command -v ${names.join(' ')} | head -n 1`,
      (access) => access.program(names),
      {
        output: (p) => p?.path ?? '',
        exitCode: (p) => exitCodeIf(p !== undefined),
      },
    );
    if (!found) throw new Error(`the engine's host has none of the programs ${names.join(', ')}`);
    return found;
  }

  /** The names of the host's network interfaces. */
  interfaces(): Promise<string[]> {
    return this.look("ip -o addr show | awk '{print $2}' | sort -u", (access) => access.interfaceNames(), {
      output: (names) => names.join('\n'),
    });
  }
}

/** What a look shows where what the kit reads is not the engine's host. */
const NOT_THE_ENGINES =
  "(not read: a rootless engine's network and files are rootlesskit's, not this machine's)";

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
