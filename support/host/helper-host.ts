import { AsyncLocalStorage } from 'node:async_hooks';
import type Docker from 'dockerode';
import { COMMAND_EXIT, signalOf, succeeded } from '../common/exit';
import { commandLine, shellQuote } from '../common/shell';
import { execIn } from '../engine/exec';
import { discardContainer } from '../engine/objects';
import type { Labels } from '../hygiene/labels';
import { type Answer, type HostAccess, type PortHolder, type Ran, withRan } from './host-access';
import { lowerDirsOf } from './local-host';
import { iptablesNat, type RunTool } from './nat';
import { defaultRouteInterfaces, nameserversIn } from './net';
import { nftRuleset } from './nft';

/** The signal that ended a host tool (a segfaulting nft: 139), as RunTool reports it. */
function describeSignal(exitCode: number): string | undefined {
  const signal = signalOf(exitCode);
  return signal === undefined ? undefined : `signal ${signal}`;
}

/** Where the helper sees the engine host's root filesystem. */
const ROOT = '/host';
/** Where a host's programs are, in the order a root shell's PATH has them. */
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Where the helper runs: in the host's PID and network namespaces, the host's root read-only at /host. */
const HELPER_HOST_CONFIG = {
  CapAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'],
  SecurityOpt: ['apparmor=unconfined', 'label=disable'],
  PidMode: 'host',
  NetworkMode: 'host',
  Binds: [`/:${ROOT}:ro`],
};

/** PID 1 of the helper: it waits forever and ends at once on SIGTERM. */
const HELPER_CMD = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 3600 & wait; done'];

/** The `docker run` flags of HELPER_HOST_CONFIG, as a user would type them. */
function helperFlags(): string[] {
  const { CapAdd, SecurityOpt, PidMode, NetworkMode, Binds } = HELPER_HOST_CONFIG;
  return [
    `--pid=${PidMode}`,
    `--network=${NetworkMode}`,
    ...CapAdd.map((c) => `--cap-add=${c}`),
    ...SecurityOpt.map((o) => `--security-opt=${o}`),
    ...Binds.flatMap((b) => ['-v', b]),
  ];
}

/**
 * The helper as a user starts it by hand: `docker run -d`, with the flags the kit gives it
 * through the API (`forever`), or, to reproduce a look after the run, one that removes itself
 * within 15 minutes.
 */
export function helperRunCommand(helper: { name: string; image: string }, forever = true): string {
  const cmd = forever ? HELPER_CMD : ['sleep', '900'];
  return commandLine([
    'docker',
    'run',
    '-d',
    ...(forever ? [] : ['--rm']),
    '--name',
    helper.name,
    ...helperFlags(),
    helper.image,
    ...cmd,
  ]);
}

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
): Promise<HelperContainer | { refused: string }> {
  let id: string | undefined;
  try {
    const container = await docker.createContainer({
      name,
      Image: image,
      Cmd: HELPER_CMD,
      Labels: labels,
      HostConfig: HELPER_HOST_CONFIG,
    });
    id = container.id;
    await container.start();
    const probe = await execIn(docker, id, ['sh', '-c', `test -d ${ROOT}/proc && test -r /proc/1/environ`]);
    if (!succeeded(probe))
      throw new Error(
        `it cannot read the host's processes and files (${probe.stderr.trim() || `exit code ${probe.exitCode}`})`,
      );
    return { id, name, image };
  } catch (error) {
    if (id) await discardContainer(docker, id).catch(() => {});
    const message =
      (error as { json?: { message?: string }; message?: string }).json?.message ?? (error as Error).message;
    return { refused: message.trim() };
  }
}

/** The helper container the run started: its ID, the name commands use, and its image. */
export interface HelperContainer {
  id: string;
  name: string;
  image: string;
}

/** Removes the helper container. */
export function stopHelper(docker: Docker, id: string): Promise<void> {
  return discardContainer(docker, id);
}

/**
 * The engine's host, read through the kit's helper container: the host's /proc and /sys (its
 * PID and network namespaces), its files under /host, its own programs through chroot. Every
 * exec it makes is traced: a look records `docker exec HELPER …` exactly as it ran.
 */
export class HelperHost implements HostAccess {
  readonly observedFrom = 'helper' as const;
  readonly freePortBasis = 'no socket there uses it (/proc/net/tcp and tcp6)';
  /** The commands the look under way has run (see traced): one trace per look, however they interleave. */
  private readonly trace = new AsyncLocalStorage<string[]>();

  constructor(
    private readonly docker: Docker,
    private readonly helper: HelperContainer,
  ) {}

  async traced<T>(onEngineHost: string, read: () => Promise<T>) {
    const commands: string[] = [];
    const ran = (): Ran => ({
      command: commands.join(' ; ') || `# nothing ran in ${this.helper.name}`,
      observedFrom: this.observedFrom,
      onEngineHost,
      needs: {
        name: this.helper.name,
        startedAs: helperRunCommand(this.helper),
        start: helperRunCommand(this.helper, false),
      },
      exact: true,
    });
    try {
      return { value: await this.trace.run(commands, read), ran: ran() };
    } catch (error) {
      throw withRan(error, ran());
    }
  }

  /** `docker exec HELPER ARGV…` through the Engine API, traced as that command. */
  private async exec(argv: readonly string[]) {
    this.trace.getStore()?.push(commandLine(['docker', 'exec', this.helper.name, ...argv]));
    return execIn(this.docker, this.helper.id, argv);
  }

  /** `sh -c SCRIPT` in the helper: exit code, output as text. */
  private async sh(script: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const run = await this.exec(['sh', '-c', script]);
    return { exitCode: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr };
  }

  /** Runs a program of the host's own, from its root filesystem. */
  private readonly runTool: RunTool = async (argv) => {
    const run = await this.exec(['chroot', ROOT, ...argv]);
    const stdout = run.stdout.toString();
    if (run.exitCode === COMMAND_EXIT.notFound) return { missing: true, stdout: '', stderr: run.stderr };
    return { exitCode: run.exitCode, stdout, stderr: run.stderr, signal: describeSignal(run.exitCode) };
  };

  async hostPidOf(enginePid: number, mark: string) {
    // The helper is in the engine's host PID namespace: the engine's PID is this /proc's.
    const run = await this.sh(`tr '\\0' '\\n' < /proc/${enginePid}/environ | grep -qxF ${shellQuote(mark)}`);
    return succeeded(run) ? enginePid : undefined;
  }

  async commandLine(pid: number) {
    const run = await this.sh(`test -e /proc/${pid}/cmdline && tr '\\0' ' ' < /proc/${pid}/cmdline`);
    return succeeded(run) ? run.stdout.trim() : undefined;
  }

  async signal(pid: number, signal: string) {
    const run = await this.exec(['kill', `-${signal.replace(/^SIG/, '')}`, String(pid)]);
    if (!succeeded(run)) throw new Error(`could not signal host process ${pid}: ${run.stderr.trim()}`);
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
    return new Map(
      names.map((n) => {
        const [, rx = '', tx = ''] = lines.get(n) ?? [];
        return [n, { rx: Number(rx), tx: Number(tx) }] as const;
      }),
    );
  }

  async outwardInterfaces() {
    return defaultRouteInterfaces((await this.exec(['cat', '/proc/net/route'])).stdout.toString());
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
    return (await this.exec(['ls', '-A', ROOT])).stdout.toString().split(/\s+/).filter(Boolean).sort();
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
    const run = await this.exec(['cat', `${ROOT}${path}`]);
    if (!succeeded(run)) throw new Error(`cannot read ${path} on the engine's host: ${run.stderr.trim()}`);
    return run.stdout;
  }

  async exists(path: string) {
    return succeeded(await this.exec(['test', '-e', `${ROOT}${path}`]));
  }

  async listable(path: string) {
    const dir = shellQuote(`${ROOT}${path}`);
    return succeeded(await this.sh(`test -d ${dir} && ls ${dir} >/dev/null`));
  }

  async rootLowerDirs(pid: number) {
    const root = (await this.exec(['cat', `/proc/${pid}/mountinfo`])).stdout
      .toString()
      .split('\n')
      .find((line) => line.split(' ')[4] === '/');
    const dirs = lowerDirsOf(root, pid);
    // busybox's readlink takes one file at a time.
    const run = await this.exec([
      'sh',
      '-c',
      'for d; do readlink -f "$d"; done',
      'sh',
      ...dirs.map((d) => `${ROOT}${d}`),
    ]);
    return run.stdout
      .toString()
      .trim()
      .split('\n')
      .map((dir) => dir.slice(ROOT.length));
  }

  async diskUsage(dirs: readonly string[]) {
    // du of no directory would count the helper's own working directory.
    if (dirs.length === 0) return 0;
    const run = await this.exec(['du', '-sck', ...dirs.map((d) => `${ROOT}${d}`)]);
    const kib = /^(\d+)\s+total$/m.exec(run.stdout.toString())?.[1];
    if (kib === undefined)
      throw new Error(`du on the engine's host did not say a total: ${run.stderr.trim()}`);
    return Number(kib) * 1024;
  }

  async fetch(url: string, timeoutMs = 3000): Promise<Answer> {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    // busybox's timeout: Debian's busybox wget has no -T.
    const run = await this.exec(['timeout', String(seconds), 'wget', '-qO-', url]);
    return succeeded(run)
      ? { ok: true, text: run.stdout.toString() }
      : { ok: false, text: run.stderr.trim() || `no answer within ${seconds} s (exit code ${run.exitCode})` };
  }

  async greeting(host: string, port: number) {
    const run = await this.sh(`timeout 3 nc ${shellQuote(host)} ${port} </dev/null`);
    return succeeded(run) && run.stdout.trim()
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

  async holdPort(greeting: string, port: number): Promise<PortHolder> {
    const start = await this.sh(
      `nc -ll -p ${port} -e echo ${shellQuote(greeting)} </dev/null >/dev/null 2>&1 & echo $!`,
    );
    const pid = Number(start.stdout.trim());
    // Until the kernel lists the port as listening: a bounded wait on the program, not a fixed sleep.
    const listening = await this.sh(
      `for i in $(seq 1 50); do netstat -ltn | grep -q ":${port} " && exit 0; sleep 0.1; done; exit 1`,
    );
    const close = async () => {
      await this.exec(['kill', String(pid)]);
    };
    if (!succeeded(listening)) {
      await close();
      throw new Error(`a program on the engine's host could not hold port ${port}`);
    }
    return { port, greeting, close };
  }
}
