import type Docker from 'dockerode';
import { shellQuote } from '../common/shell';
import { execIn } from '../engine/exec';
import { discardContainer } from '../engine/objects';
import type { Labels } from '../hygiene/labels';
import type { Answer, HostAccess, PortHolder } from './host-access';
import { lowerDirsOf } from './local-host';
import { iptablesNat, type RunTool } from './nat';
import { defaultRouteInterfaces, nameserversIn } from './net';
import { nftRuleset } from './nft';

/** Where the helper sees the engine host's root filesystem. */
const ROOT = '/host';
/** Where a host's programs are, in the order a root shell's PATH has them. */
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Exit code of chroot (and a shell) for a program that is not there. */
const NOT_FOUND = 127;

/**
 * The container the kit reads the engine's host through, where it is not on that host: the
 * recognised way to look at a Docker host from outside (nsenter1 on Docker Desktop, `kubectl
 * debug node/…`). It runs in the host's PID and network namespaces with the host's root
 * read-only at /host, so that `chroot /host iptables …` runs the host's own tools, and with
 * only the capabilities its reads need: SYS_PTRACE (another process's environment), NET_ADMIN
 * and NET_RAW (listing firewall rules). Not `--privileged`: an engine whose runtime grants
 * every capability fails where its own host lacks some (Docker 20.10's runc in a container:
 * "unable to apply caps").
 */
export async function startHelper(
  docker: Docker,
  image: string,
  name: string,
  labels: Labels,
): Promise<{ id: string; name: string } | { refused: string }> {
  let id: string | undefined;
  try {
    const container = await docker.createContainer({
      name,
      Image: image,
      // PID 1 waits forever and ends at once on SIGTERM.
      Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 3600 & wait; done'],
      Labels: labels,
      HostConfig: {
        CapAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'],
        SecurityOpt: ['apparmor=unconfined', 'label=disable'],
        PidMode: 'host',
        NetworkMode: 'host',
        Binds: [`/:${ROOT}:ro`],
      },
    });
    id = container.id;
    await container.start();
    const probe = await execIn(docker, id, ['sh', '-c', `test -d ${ROOT}/proc && test -r /proc/1/environ`]);
    if (probe.exitCode !== 0)
      throw new Error(
        `it cannot read the host's processes and files (${probe.stderr.trim() || `exit code ${probe.exitCode}`})`,
      );
    return { id, name };
  } catch (error) {
    if (id) await discardContainer(docker, id).catch(() => {});
    const message =
      (error as { json?: { message?: string }; message?: string }).json?.message ?? (error as Error).message;
    return { refused: message.trim() };
  }
}

/** Removes the helper container. */
export function stopHelper(docker: Docker, id: string): Promise<void> {
  return discardContainer(docker, id);
}

/**
 * The engine's host, read through the kit's helper container: the host's /proc and /sys (its
 * PID and network namespaces), its files under /host, its own programs through chroot.
 */
export class HelperHost implements HostAccess {
  readonly observedFrom = "the engine's host, through the kit's helper container" as const;

  constructor(
    private readonly docker: Docker,
    private readonly helper: { id: string; name: string },
  ) {}

  shown(command: string): string {
    return `docker exec ${this.helper.name} ${command}`;
  }

  /** `sh -c SCRIPT` in the helper: exit code, output as text. */
  private async sh(script: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const run = await execIn(this.docker, this.helper.id, ['sh', '-c', script]);
    return { exitCode: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr };
  }

  /** Runs a program of the host's own, from its root filesystem. */
  private readonly runTool: RunTool = async (argv) => {
    const run = await this.sh(`chroot ${ROOT} ${argv.map(shellQuote).join(' ')}`);
    if (run.exitCode === NOT_FOUND) return { missing: true, stdout: '', stderr: run.stderr };
    // A shell reports a process ended by a signal as 128 + its number (SIGSEGV: 139).
    const signal = run.exitCode > 128 ? `signal ${run.exitCode - 128}` : undefined;
    return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, signal };
  };

  async hostPidOf(enginePid: number, mark: string) {
    // The helper is in the engine's host PID namespace: the engine's PID is this /proc's.
    const run = await this.sh(`tr '\\0' '\\n' < /proc/${enginePid}/environ | grep -qxF ${shellQuote(mark)}`);
    return run.exitCode === 0 ? enginePid : undefined;
  }

  async commandLine(pid: number) {
    const run = await this.sh(`test -e /proc/${pid}/cmdline && tr '\\0' ' ' < /proc/${pid}/cmdline`);
    return run.exitCode === 0 ? run.stdout.trim() : undefined;
  }

  async signal(pid: number, signal: string) {
    const run = await this.sh(`kill -${signal.replace(/^SIG/, '')} ${pid}`);
    if (run.exitCode !== 0) throw new Error(`could not signal host process ${pid}: ${run.stderr.trim()}`);
  }

  iptablesNat() {
    return iptablesNat(this.runTool);
  }

  nftRuleset() {
    return nftRuleset(this.runTool);
  }

  async interfaceWithIndex(index: string) {
    const run = await this.sh(`grep -lx ${Number(index)} /sys/class/net/*/ifindex`);
    return /\/sys\/class\/net\/([^/]+)\/ifindex/.exec(run.stdout)?.[1];
  }

  async byteCounters(names: readonly string[]) {
    const script = names
      .map(
        (n) =>
          `echo ${shellQuote(n)} $(cat /sys/class/net/${n}/statistics/rx_bytes /sys/class/net/${n}/statistics/tx_bytes)`,
      )
      .join('; ');
    const run = await this.sh(script);
    const lines = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => [line.split(' ')[0] ?? '', line.split(' ')]),
    );
    // A counter that could not be read is the kit's error, as it is on this machine: never 0 bytes.
    const unread = names.filter((n) => !/^\S+ \d+ \d+$/.test(lines.get(n)?.join(' ') ?? ''));
    if (unread.length > 0)
      throw new Error(
        `the byte counters of ${unread.join(', ')} on the engine's host could not be read: ${run.stderr.trim() || `exit ${run.exitCode}`}`,
      );
    const counters = new Map(
      names.map((n) => {
        const [, rx = '', tx = ''] = lines.get(n) ?? [];
        return [n, { rx: Number(rx), tx: Number(tx) }] as const;
      }),
    );
    return counters;
  }

  async outwardInterfaces() {
    return defaultRouteInterfaces((await this.sh('cat /proc/net/route')).stdout);
  }

  /** Those with an address, as os.networkInterfaces() lists them here (an interface being torn down has none). */
  async interfaceNames() {
    const run = await this.sh("ip -o addr show | awk '{print $2}' | sort -u");
    return run.stdout.split(/\s+/).filter(Boolean);
  }

  async nameservers() {
    return nameserversIn((await this.runTool(['cat', '/etc/resolv.conf'])).stdout);
  }

  async rootDirectory() {
    return (await this.sh(`ls -A ${ROOT}`)).stdout.split(/\s+/).filter(Boolean).sort();
  }

  async program(names: readonly string[]) {
    const candidates = names.flatMap((name) => PATH_DIRS.map((dir) => `${dir}/${name}`));
    const run = await this.sh(
      `for p in ${candidates.join(' ')}; do test -x ${ROOT}$p && test ! -d ${ROOT}$p && { echo $p; exit 0; }; done; exit 1`,
    );
    const path = run.stdout.trim();
    return path ? { name: path.split('/').at(-1) as string, path } : undefined;
  }

  async readFile(path: string) {
    const run = await execIn(this.docker, this.helper.id, ['cat', `${ROOT}${path}`]);
    if (run.exitCode !== 0) throw new Error(`cannot read ${path} on the engine's host: ${run.stderr.trim()}`);
    return run.stdout;
  }

  async exists(path: string) {
    return (await this.sh(`test -e ${shellQuote(`${ROOT}${path}`)}`)).exitCode === 0;
  }

  async listable(path: string) {
    const dir = shellQuote(`${ROOT}${path}`);
    return (await this.sh(`test -d ${dir} && ls ${dir} >/dev/null`)).exitCode === 0;
  }

  async rootLowerDirs(pid: number) {
    const root = (await this.sh(`cat /proc/${pid}/mountinfo`)).stdout
      .split('\n')
      .find((line) => line.split(' ')[4] === '/');
    const dirs = lowerDirsOf(root, pid);
    const run = await this.sh(dirs.map((d) => `readlink -f ${shellQuote(`${ROOT}${d}`)}`).join('; '));
    return run.stdout
      .trim()
      .split('\n')
      .map((dir) => dir.slice(ROOT.length));
  }

  async diskUsage(dirs: readonly string[]) {
    const run = await this.sh(`du -sck ${dirs.map((d) => shellQuote(`${ROOT}${d}`)).join(' ')} | tail -n 1`);
    const kib = /^(\d+)\s+total/.exec(run.stdout.trim())?.[1];
    if (kib === undefined)
      throw new Error(`du on the engine's host did not say a total: ${run.stderr.trim()}`);
    return Number(kib) * 1024;
  }

  async fetch(url: string, timeoutMs = 3000): Promise<Answer> {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const run = await this.sh(`timeout ${seconds} wget -qO- ${shellQuote(url)}`);
    return run.exitCode === 0
      ? { ok: true, text: run.stdout }
      : { ok: false, text: run.stderr.trim() || `no answer within ${seconds} s (exit code ${run.exitCode})` };
  }

  async greeting(host: string, port: number) {
    const run = await this.sh(`timeout 3 nc ${shellQuote(host)} ${port} </dev/null`);
    return run.exitCode === 0 && run.stdout.trim()
      ? run.stdout.trim()
      : `no answer: ${run.stderr.trim() || `${host}:${port} did not answer (exit code ${run.exitCode})`}`;
  }

  /** A port no socket of the host's listens on or uses (/proc/net/tcp and tcp6), from the ephemeral range's lower part. */
  async freePort() {
    const used = new Set(
      [
        ...(await this.sh('cat /proc/net/tcp /proc/net/tcp6 2>/dev/null')).stdout.matchAll(
          /^\s*\d+: [0-9A-F]+:([0-9A-F]{4}) /gm,
        ),
      ].map((m) => Number.parseInt(m[1] as string, 16)),
    );
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (!used.has(port)) return port;
    }
  }

  async holdPort(greeting: string): Promise<PortHolder> {
    const port = await this.freePort();
    const start = await this.sh(
      `nc -ll -p ${port} -e echo ${shellQuote(greeting)} </dev/null >/dev/null 2>&1 & echo $!`,
    );
    const pid = Number(start.stdout.trim());
    const listening = await this.sh(
      `for i in $(seq 1 50); do netstat -ltn | grep -q ":${port} " && exit 0; sleep 0.1; done; exit 1`,
    );
    const close = async () => {
      await this.sh(`kill ${pid}`);
    };
    if (listening.exitCode !== 0) {
      await close();
      throw new Error(`a program on the engine's host could not hold port ${port}`);
    }
    return { port, greeting, close };
  }
}
