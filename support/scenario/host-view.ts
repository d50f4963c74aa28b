import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { exitCodeIf, succeeded } from '../common/exit';
import { iptablesNat, type RuleListing } from '../host/nat';
import {
  byteCounters,
  hostNameservers,
  interfaceNames,
  interfaceWithIndex,
  outwardInterfaces,
} from '../host/net';
import { nftRuleset } from '../host/nft';
import { commandLineOf, hostPidOf, signalProcess } from '../host/processes';
import { containersStorageLayerDirs, diskUsage, dockerLayerDirs, nativeSnapshotDirs } from '../host/storage';
import type { Container } from './container';
import { IDENTITY_ENV, withCmd, withHostPidNamespace } from './container-spec';
import type { Containers } from './containers';
import type { Images } from './images';
import type { Parts } from './parts';

/**
 * The engine's host, as this scenario looks at it: its processes, network interfaces, NAT
 * rules and resolver. Read here when the kit shares the host's namespaces; processes are
 * otherwise looked at from a helper container in the host's PID namespace.
 */
export class HostView {
  constructor(
    private readonly parts: Parts,
    private readonly containers: Containers,
    private readonly images: Images,
  ) {}

  /**
   * The host PID of a container's main process, which the engine reports as `enginePid`: the
   * same where the kit shares the engine host's PID namespace; found through the namespaces
   * (NSpid) where the kit is on the engine's machine but the engine is not in its namespaces
   * (rootless), null when none of the container's processes has it there; undefined where
   * the kit cannot see the host's processes at all.
   */
  private async lookUpHostPid(container: Container, enginePid: number): Promise<number | null | undefined> {
    const { engine } = this.parts.context;
    if (engine.local) return enginePid;
    if (!engine.sameMachine) return undefined;
    const mark = `${IDENTITY_ENV}=${container.name}`;
    return this.parts.recorder.look({
      command: `grep -l '${mark}' $(grep -lw '${enginePid}' /proc/*/status | sed 's/status$/environ/')`,
      via: 'host',
      run: async () => hostPidOf(enginePid, mark) ?? null,
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
    return this.parts.recorder.look({
      command: `tr '\\0' ' ' < /proc/${pid}/cmdline`,
      via: 'host',
      run: async () => commandLineOf(pid),
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
    await this.parts.recorder.look({
      command: `kill -${name} ${pid}`,
      via: 'host',
      run: async () => signalProcess(pid, signal),
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
    const act = <T extends RuleListing>(command: string, list: () => Promise<T>) =>
      this.parts.recorder.look({
        command,
        via: 'tool',
        run: list,
        output: (l) => l.stdout || l.stderr,
        exitCode: (l) => l.exitCode,
      });
    const iptables = await act('iptables -t nat -S', iptablesNat);
    const nft = await act('nft -a list ruleset', nftRuleset);
    return {
      iptables: succeeded(iptables) ? { rules: iptables.stdout } : { unreadable: iptables.stderr },
      nft: nft.readable ? { text: nft.stdout, json: nft.json } : { unreadable: nft.stderr },
    };
  }

  /** The host side of a container's veth pair: the host interface whose index is its eth0's peer. */
  async vethOf(container: Container): Promise<string> {
    const peer = (await container.shell('cat /sys/class/net/eth0/iflink')).stdout.trim();
    return this.parts.recorder.look({
      command: `grep -lx ${peer} /sys/class/net/*/ifindex`,
      via: 'host',
      run: async () => {
        const found = interfaceWithIndex(peer);
        if (!found) throw new Error(`no host interface has index ${peer}`);
        return found;
      },
      output: (name) => name,
    });
  }

  /** The interfaces traffic leaves the host by (those with a default route). */
  outwardInterfaces(): string[] {
    return outwardInterfaces();
  }

  /** Bytes each of `interfaces` received and sent while `action` ran, from the kernel's counters before and after. */
  async trafficDuring<T>(
    interfaces: string[],
    action: () => Promise<T>,
  ): Promise<{ traffic: Traffic; result: T }> {
    const read = () => new Map(interfaces.map((name) => [name, byteCounters(name)]));
    const before = read();
    const result = await action();
    const after = read();
    const traffic: Traffic = new Map(
      interfaces.map((name) => {
        const [b, a] = [before.get(name), after.get(name)] as { rx: number; tx: number }[];
        return [name, { rx: (a?.rx ?? 0) - (b?.rx ?? 0), tx: (a?.tx ?? 0) - (b?.tx ?? 0) }];
      }),
    );
    await this.parts.recorder.look({
      command: `cat /sys/class/net/{${interfaces.join(',')}}/statistics/{rx,tx}_bytes   # before and after`,
      via: 'host',
      run: async () => traffic,
      output: (t) =>
        [...t].map(([name, n]) => `${name}: received ${n.rx} bytes, sent ${n.tx} bytes`).join('\n'),
    });
    return { traffic, result };
  }

  /** The nameservers of the host's /etc/resolv.conf, or undefined when the kit is not on the engine's host. */
  async nameservers(): Promise<string[] | undefined> {
    if (!this.parts.context.engine.local) return undefined;
    return this.parts.recorder.look({
      command: "grep '^nameserver' /etc/resolv.conf",
      via: 'host',
      run: async () => hostNameservers(),
      output: (servers) => servers.map((s) => `nameserver ${s}`).join('\n'),
    });
  }

  /** What the host's root directory holds, or undefined when the kit is not on the engine's host. */
  async rootDirectory(): Promise<string[] | undefined> {
    if (!this.parts.context.engine.local) return undefined;
    return this.parts.recorder.look({
      command: 'ls -A /',
      via: 'host',
      run: async () => readdirSync('/').sort(),
      output: (entries) => entries.join(' '),
    });
  }

  /**
   * The layer directories under a container's root filesystem, top first, as the engine
   * mounted them (the overlay's lowerdir, short links resolved, in the kernel's mount table).
   */
  layerDirsOf(container: Container, pid: number): Promise<string[]> {
    return this.parts.recorder.look({
      command: `grep ' / / ' /proc/${pid}/mountinfo   # the root of ${container.name}`,
      via: 'host',
      run: async () => {
        const root = readFileSync(`/proc/${pid}/mountinfo`, 'utf8')
          .split('\n')
          .find((line) => line.split(' ')[4] === '/');
        if (!root) throw new Error(`no root mount in /proc/${pid}/mountinfo`);
        const lower = /lowerdir=([^,]+)/.exec(root)?.[1];
        if (!lower) throw new Error(`the root of ${container.name} is not an overlay mount: ${root}`);
        return lower.split(':').map((dir) => realpathSync(dir));
      },
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
    return this.parts.recorder.look({
      command: {
        'docker-layerdb': `cat ${path}/image/${driver}/layerdb/sha256/CHAIN-ID/cache-id   # for each layer of ${ref}`,
        'containers-storage': `jq -r '.[] | select(.id == "${image.id.replace(/^sha256:/, '')}") | .layer' ${path}/${driver}-images/images.json   # then each parent in ${driver}-layers/layers.json`,
        'containerd-native': `bbolt keys ${path}/containerd/daemon/io.containerd.snapshotter.v1.native/metadata.db v1 snapshots   # each layer's snapshot by its chain ID`,
      }[layout],
      via: 'host',
      run: async () =>
        layout === 'docker-layerdb'
          ? dockerLayerDirs(path, driver, image.layers)
          : layout === 'containerd-native'
            ? nativeSnapshotDirs(path, image.layers)
            : containersStorageLayerDirs(path, driver, image.id),
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
    return this.parts.recorder.look({
      command: `du -sc ${dirs.join(' ')}`,
      via: 'host',
      run: async () => diskUsage(dirs),
      output: (bytes) => `${bytes} B in all`,
    });
  }

  /** The names of the host's network interfaces. */
  interfaces(): Promise<string[]> {
    return this.parts.recorder.look({
      command: "ip -o addr show | awk '{print $2}' | sort -u",
      via: 'host',
      run: async () => interfaceNames(),
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
