import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import { messageOf, SetupError } from '../common/errors';
import { waitFor } from '../common/wait';
import type { EngineKind } from './kinds';
import { mountsUnder } from './mounts';
import { alive, engineProcesses } from './processes';
import { ensureRootfs, rootfsPath } from './rootfs';

/** Where a lab engine's sockets, log and state live while it runs (tmpfs: gone at reboot, like its netns). */
export const LAB_RUN = '/run/docker-conformance-kit/lab';
/** Where a lab engine's data root lives while it runs; removed when it is taken down. */
export const LAB_DATA = '/var/lib/docker-conformance-kit/lab';

/** A lab engine brought up (or being brought up): everything needed to use it and to take it down. */
export interface LabEngine {
  id: string;
  kind: string;
  title: string;
  product: EngineKind['product'];
  rootfs: string;
  /** The engine's network namespace; the kit runs in it (`ip netns exec`). */
  netns: string;
  runDir: string;
  dataDir: string;
  /** What the kit needs to use it: DOCKER_HOST, KIT_DOCKER_CLI, DOCKER_CONFIG. */
  env: Record<string, string>;
  log: string;
  /** The engine's process, and the namespaces that tie its other processes to it. */
  pid?: number;
  mntNs?: string;
  netNs?: string;
  /** The process that takes the engine down (`npm run matrix`, `lab run`); none for `lab up`. */
  owner?: { host: string; pid: number };
  startedAt: string;
  /** The other nodes of a swarm the engine manages, taken down with it. */
  peers?: LabEngine[];
  /** Whether the engine needs a /dev/net/tun an ordinary user may open (rootless). */
  openTun?: boolean;
  /** Docker: the cgroup its containers go under. Podman: whether /libpod_parent was there before. */
  cgroupParent?: string;
  libpodParentExisted?: boolean;
}

/** An engine that did not come up, or died: the last lines of its log say why. */
export class EngineFailed extends Error {
  override readonly name = 'EngineFailed';
  constructor(
    readonly engine: string,
    readonly why: string,
    readonly logTail: string,
  ) {
    super(`${engine}: ${why}`);
  }
}

const STATE_FILE = 'lab.json';

/**
 * Brings up an engine of `kind` in a network and mount namespace of its own, its data root
 * visible from the host at the same path; waits until it answers. On failure takes down what
 * it made and throws EngineFailed with the log's last lines.
 */
export async function bringUp(
  kind: EngineKind,
  options: { owned: boolean; progress: (line: string) => void },
): Promise<LabEngine> {
  if (!kind.swarm) return bringUpOne(kind, options);
  const manager = await bringUpOne(kind, options);
  try {
    const worker = await bringUpOne(kind, options);
    manager.peers = [worker];
    saveState(manager);
    await joinSwarm(manager, worker);
    manager.env.KIT_SWARM_PEER = worker.env.DOCKER_HOST as string;
    saveState(manager);
    return manager;
  } catch (error) {
    throw await failedBringingUp(manager, error);
  }
}

/**
 * What went wrong bringing `engine` up, once what was made of it is taken down: EngineFailed
 * with its log's tail (read first: taking it down removes the log), or the SetupError of a
 * root filesystem that could not be built, as it is.
 */
async function failedBringingUp(engine: LabEngine, error: unknown): Promise<EngineFailed | SetupError> {
  const failed =
    error instanceof EngineFailed || error instanceof SetupError
      ? error
      : new EngineFailed(engine.kind, messageOf(error), logTail(engine));
  await takeDown(engine);
  return failed;
}

/**
 * A two-node swarm: the engines' network namespaces joined by a veth pair (10.214.0.1 and
 * .2), a swarm initialised on the first and joined by the second. The kit tests the first,
 * the manager, and reaches the second through KIT_SWARM_PEER.
 */
async function joinSwarm(manager: LabEngine, worker: LabEngine): Promise<void> {
  const ip = (...args: string[]) => execa('ip', args, { stdin: 'ignore' });
  await ip(
    'link',
    'add',
    'swarm0',
    'netns',
    manager.netns,
    'type',
    'veth',
    'peer',
    'name',
    'swarm0',
    'netns',
    worker.netns,
  );
  for (const [engine, address] of [
    [manager, '10.214.0.1/24'],
    [worker, '10.214.0.2/24'],
  ] as const) {
    await ip('-n', engine.netns, 'addr', 'add', address, 'dev', 'swarm0');
    await ip('-n', engine.netns, 'link', 'set', 'swarm0', 'up');
  }
  const docker = (engine: LabEngine, ...args: string[]) =>
    execa(engine.env.KIT_DOCKER_CLI as string, args, {
      env: { ...process.env, ...engine.env },
      stdin: 'ignore',
    });
  await docker(manager, 'swarm', 'init', '--advertise-addr', '10.214.0.1');
  const token = (await docker(manager, 'swarm', 'join-token', '-q', 'worker')).stdout.trim();
  await docker(
    worker,
    'swarm',
    'join',
    '--token',
    token,
    '--advertise-addr',
    '10.214.0.2',
    '10.214.0.1:2377',
  );
}

async function bringUpOne(
  kind: EngineKind,
  options: { owned: boolean; progress: (line: string) => void },
): Promise<LabEngine> {
  const id = `${kind.name}-${randomBytes(2).toString('hex')}`;
  const runDir = join(LAB_RUN, id);
  const dataDir = join(LAB_DATA, id);
  const socket = join(runDir, 'sock', 'engine.sock');
  const engine: LabEngine = {
    id,
    kind: kind.name,
    title: kind.title,
    product: kind.product,
    rootfs: rootfsPath(kind.suite),
    netns: `dck-lab-${randomBytes(3).toString('hex')}`,
    runDir,
    dataDir,
    env: {
      DOCKER_HOST: `unix://${socket}`,
      KIT_DOCKER_CLI: join(runDir, 'bin', 'docker'),
      DOCKER_CONFIG: join(runDir, 'docker-config'),
    },
    log: join(runDir, 'engine.log'),
    owner: options.owned ? { host: hostname(), pid: process.pid } : undefined,
    startedAt: new Date().toISOString(),
  };
  mkdirSync(join(runDir, 'sock'), { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  // Recorded before its root filesystem is looked up: `npm run clean -- lab` keeps the root
  // filesystems while any engine is recorded.
  saveState(engine);
  try {
    engine.rootfs = await ensureRootfs(kind.suite, options.progress);
    await makeNetworkNamespace(engine.netns);
    engine.netNs = `net:[${statSync(`/run/netns/${engine.netns}`).ino}]`;
    writeCli(engine);
    const command =
      kind.product === 'podman'
        ? podmanService(engine)
        : kind.rootless
          ? rootlessDockerd(engine)
          : dockerd(engine, kind);
    if (kind.mirror) startMirror(engine);
    const child = start(engine, command);
    engine.pid = child.pid;
    saveState(engine);
    await waitUntilAnswering(engine, child);
    engine.mntNs = `mnt:[${statSync(`/proc/${engine.pid}/ns/mnt`).ino}]`;
    saveState(engine);
    return engine;
  } catch (error) {
    throw await failedBringingUp(engine, error);
  }
}

async function makeNetworkNamespace(netns: string): Promise<void> {
  const ip = (...args: string[]) => execa('ip', args, { stdin: 'ignore' });
  await ip('netns', 'add', netns);
  await ip('-n', netns, 'link', 'set', 'lo', 'up');
  await execa('ip', ['netns', 'exec', netns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  // An uplink with the default route, as a real host has: where traffic leaving the host goes.
  await ip('-n', netns, 'link', 'add', 'uplink', 'type', 'veth', 'peer', 'name', 'uplink-peer');
  await ip('-n', netns, 'link', 'set', 'uplink-peer', 'up');
  await ip('-n', netns, 'addr', 'add', '10.213.0.2/24', 'dev', 'uplink');
  await ip('-n', netns, 'link', 'set', 'uplink', 'up');
  await ip('-n', netns, 'route', 'add', 'default', 'via', '10.213.0.1');
  // The namespace's resolver is its own address, where nothing listens: a name outside the
  // lab fails at once, as on an offline host whose resolver answers, instead of after the
  // resolver's timeouts behind a gateway nobody answers for. `ip netns exec` (the kit) and
  // enter.sh (the engine) both put this file over /etc/resolv.conf.
  // A recursive mkdir makes /etc/netns again when another engine's take-down removes it
  // meanwhile (Node retries a parent that went missing), so that race needs nothing here.
  mkdirSync(netnsEtc(netns), { recursive: true });
  writeFileSync(join(netnsEtc(netns), 'resolv.conf'), `${RESOLV_CONF}\n`);
}

const RESOLV_CONF = 'nameserver 10.213.0.2';

/** The folder whose files `ip netns exec` mounts over /etc for processes in the namespace. */
function netnsEtc(netns: string): string {
  return join('/etc/netns', netns);
}

function dockerd(engine: LabEngine, kind: EngineKind): string[] {
  engine.cgroupParent = `dck-lab-${engine.id}`;
  // daemon.json rather than flags: Docker 26 takes no --feature on the command line.
  const config = {
    ...(kind.containerdStore ? { features: { 'containerd-snapshotter': true } } : {}),
    ...(kind.mirror ? { 'registry-mirrors': [`http://${MIRROR}`] } : {}),
  };
  mkdirSync(join(engine.runDir, 'upper', 'etc', 'docker'), { recursive: true });
  writeFileSync(join(engine.runDir, 'upper', 'etc', 'docker', 'daemon.json'), `${JSON.stringify(config)}\n`);
  return [
    'dockerd',
    '--data-root',
    join(engine.dataDir, 'docker'),
    '--host',
    engine.env.DOCKER_HOST as string,
    '--cgroup-parent',
    `/${engine.cgroupParent}`,
    // Containers still running when the engine is taken down get 2 s, not 15.
    '--shutdown-timeout',
    '2',
  ];
}

/** Where a mirror kind's engine finds its mirror of the default registry, in its network namespace. */
const MIRROR = '127.0.0.1:5000';

/**
 * A registry (Debian's docker-registry, from this machine) in the engine's network namespace
 * at 127.0.0.1:5000, its access log in the run folder: the engine's mirror of Docker Hub. It
 * is a process of the namespace, so taking the engine down ends it.
 */
function startMirror(engine: LabEngine): void {
  const config = join(engine.runDir, 'mirror.yml');
  const log = join(engine.runDir, 'mirror-access.log');
  writeFileSync(
    config,
    `version: 0.1\nlog: { level: warn, accesslog: { disabled: false } }\nstorage: { filesystem: { rootdirectory: ${join(engine.dataDir, 'mirror')} }, delete: { enabled: true } }\nhttp: { addr: "${MIRROR}" }\n`,
  );
  const out = openSync(log, 'a');
  spawn('ip', ['netns', 'exec', engine.netns, 'docker-registry', 'serve', config], {
    detached: true,
    stdio: ['ignore', out, 'ignore'],
  }).unref();
  engine.env.KIT_REGISTRY_MIRROR = MIRROR;
  engine.env.KIT_REGISTRY_MIRROR_LOG = log;
}

/** The user a rootless engine runs as, inside its root filesystem, and the IDs it maps. */
const ROOTLESS = { user: 'dck-rootless', uid: 2345, subordinate: '100000:65536' };

/**
 * Docker as an ordinary user: Debian's dockerd-rootless.sh (rootlesskit, slirp4netns), the
 * user added to the root filesystem's own passwd and subuid files (in the engine's writable
 * layer, not the host's), its socket in the shared folder.
 */
function rootlessDockerd(engine: LabEngine): string[] {
  const { user, uid, subordinate } = ROOTLESS;
  const etc = join(engine.runDir, 'upper', 'etc');
  mkdirSync(etc, { recursive: true });
  const append = (file: string, line: string) =>
    writeFileSync(
      join(etc, file),
      `${readFileSync(join(engine.rootfs, 'etc', file), 'utf8').trimEnd()}\n${line}\n`,
    );
  append('passwd', `${user}:x:${uid}:${uid}::/home/${user}:/bin/sh`);
  append('group', `${user}:x:${uid}:`);
  append('subuid', `${user}:${subordinate}`);
  append('subgid', `${user}:${subordinate}`);
  const home = join(engine.runDir, 'upper', 'home', user);
  mkdirSync(home, { recursive: true });
  for (const dir of [home, join(engine.runDir, 'sock'), engine.dataDir]) chownSync(dir, uid, uid);
  engine.env.DOCKER_HOST = `unix://${join(engine.runDir, 'sock', 'docker.sock')}`;
  engine.openTun = true;
  return [
    'setpriv',
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    'env',
    `HOME=/home/${user}`,
    `USER=${user}`,
    `XDG_RUNTIME_DIR=${join(engine.runDir, 'sock')}`,
    'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    '/usr/share/docker.io/contrib/dockerd-rootless.sh',
    '--data-root',
    join(engine.dataDir, 'docker'),
  ];
}

function podmanService(engine: LabEngine): string[] {
  engine.libpodParentExisted = existsSync('/sys/fs/cgroup/memory/libpod_parent');
  // Where the kit gives the engine the CA of its registry: /etc/containers/certs.d inside.
  mkdirSync(join(engine.runDir, 'certs.d'), { recursive: true });
  engine.env.KIT_ENGINE_CERTS_DIR = join(engine.runDir, 'certs.d');
  // Podman in a chroot here: runc (crun refuses hybrid cgroups), cgroupfs, events in a file,
  // and ulimits no higher than ours (runc may not raise them).
  // Podman 4 lowers its own process limit to 32768, and runc, below it, may not raise one.
  const limits = [
    ['nofile', 'n', Number.POSITIVE_INFINITY],
    ['nproc', 'u', 32768],
  ].flatMap(([name, flag, cap]) => {
    const hard = execFileSync('bash', ['-c', `ulimit -H${flag}`], { encoding: 'utf8' }).trim();
    const value = Math.min(Number(hard), cap as number);
    return /^\d+$/.test(hard) ? [`"${name}=${value}:${value}"`] : [];
  });
  const conf = [
    '[containers]',
    `default_ulimits = [${limits.join(', ')}]`,
    '[engine]',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    'runtime = "runc"',
    '',
  ].join('\n');
  mkdirSync(join(engine.runDir, 'upper', 'etc', 'containers'), { recursive: true });
  writeFileSync(join(engine.runDir, 'upper', 'etc', 'containers', 'containers.conf'), conf);
  return [
    'env',
    'PODMAN_IGNORE_CGROUPSV1_WARNING=1',
    'podman',
    '--root',
    join(engine.dataDir, 'storage'),
    '--runroot',
    '/run/containers/storage',
    'system',
    'service',
    '--time=0',
    engine.env.DOCKER_HOST as string,
  ];
}

/** Starts the engine in its own session (a Ctrl-C at the terminal is the runner's to handle, not the engine's). */
function start(engine: LabEngine, command: string[]): ChildProcess {
  const shared = [engine.dataDir, join(engine.runDir, 'sock')].join(':');
  const out = openSync(engine.log, 'a');
  const child = spawn(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      join(__dirname, 'enter.sh'),
      engine.rootfs,
      engine.runDir,
      engine.netns,
      shared,
      '--',
      ...command,
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, LAB_OPEN_TUN: engine.openTun ? '1' : '' },
    },
  );
  child.unref();
  return child;
}

async function waitUntilAnswering(engine: LabEngine, child: ChildProcess): Promise<void> {
  const api = engineApi(engine, 2000);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  // A ping that fails is tried again; its error ends the timeout's message.
  const answers = async () => {
    if (exited()) return 'exited';
    await api.ping();
    return 'answers';
  };
  const outcome = await waitFor(answers, {
    timeoutMs: 90_000,
    intervalMs: 100,
    describe: (last) => `the engine did not answer on ${engine.env.DOCKER_HOST}${last ? ` (${last})` : ''}`,
  }).catch((error: unknown) => {
    throw new EngineFailed(engine.kind, messageOf(error), logTail(engine));
  });
  if (outcome === 'exited') {
    throw new EngineFailed(
      engine.kind,
      `the engine exited (${child.exitCode ?? child.signalCode}) before it answered`,
      logTail(engine),
    );
  }
}

/**
 * A client of the engine's API on its socket, each call failing after `timeoutMs` (an engine
 * starting or stuck may take the connection and not answer). Not connectTo: that has no timeout.
 */
function engineApi(engine: LabEngine, timeoutMs: number): Docker {
  return new Docker({
    socketPath: (engine.env.DOCKER_HOST as string).slice('unix://'.length),
    timeout: timeoutMs,
  });
}

/**
 * The docker CLI of the engine's own suite, run through the root filesystem's loader and
 * libraries (they may be newer than this machine's), with its buildx plugin where the suite
 * has one, in a config folder of the engine's own.
 */
function writeCli(engine: LabEngine): void {
  const { rootfs } = engine;
  const loader = ['lib64', 'lib']
    .flatMap((dir) =>
      existsSync(join(rootfs, dir)) ? readdirSync(join(rootfs, dir)).map((f) => join(dir, f)) : [],
    )
    .find((file) => /^lib(64)?\/ld-linux[^/]*\.so\.\d+$/.test(file));
  const triplet = readdirSync(join(rootfs, 'usr', 'lib')).find((d) => /-linux-gnu/.test(d));
  if (!loader || !triplet) throw new Error(`${rootfs} has no dynamic loader to run its docker CLI with`);
  const libraries = [join(rootfs, 'lib', triplet), join(rootfs, 'usr', 'lib', triplet)].join(':');
  const wrapper = (binary: string) =>
    `#!/bin/sh\nexec ${join(rootfs, loader)} --library-path ${libraries} ${binary} "$@"\n`;
  const write = (path: string, binary: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, wrapper(binary));
    chmodSync(path, 0o755);
  };
  write(engine.env.KIT_DOCKER_CLI as string, join(rootfs, 'usr', 'bin', 'docker'));
  mkdirSync(engine.env.DOCKER_CONFIG as string, { recursive: true });
  const buildx = join(rootfs, 'usr', 'libexec', 'docker', 'cli-plugins', 'docker-buildx');
  if (existsSync(buildx))
    write(join(engine.env.DOCKER_CONFIG as string, 'cli-plugins', 'docker-buildx'), buildx);
}

/** The last lines of the engine's log. */
export function logTail(engine: LabEngine, lines = 8): string {
  try {
    return readFileSync(engine.log, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Whether the engine's process still runs. */
export function isRunning(engine: LabEngine): boolean {
  return engine.pid !== undefined && alive(engine.pid);
}

/** What taking an engine down could not undo; empty when nothing is left. */
export interface Leftovers {
  processes: string[];
  problems: string[];
}

/**
 * Takes an engine down and removes everything it was: its processes (the engine first, given
 * a moment to stop its containers, then every process tied to it), its network namespace
 * (and with it its bridges and firewall rules), its cgroups, its run and data folders.
 * Safe to call on a half-made engine, and twice.
 */
export async function takeDown(engine: LabEngine): Promise<Leftovers> {
  const problems: string[] = [];
  const fromPeers: string[] = [];
  for (const peer of engine.peers ?? []) {
    const left = await takeDown(peer);
    problems.push(...left.problems);
    fromPeers.push(...left.processes);
  }
  const ourContainers = engine.product === 'podman' ? await containerIds(engine) : [];
  if (engine.pid !== undefined && alive(engine.pid)) {
    process.kill(engine.pid, 'SIGTERM');
    await waitFor(async () => (alive(engine.pid as number) ? undefined : true), {
      timeoutMs: 10_000,
      describe: () => 'the engine did not stop',
    }).catch(() => {});
  }
  const ties = { pid: engine.pid, mntNs: engine.mntNs, netNs: engine.netNs };
  let left = engineProcesses(ties);
  const deadline = Date.now() + 10_000;
  while (left.length > 0 && Date.now() < deadline) {
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = engineProcesses(ties).filter((p) => alive(p.pid));
  }
  if (existsSync(`/run/netns/${engine.netns}`)) {
    const removed = await execa('ip', ['netns', 'delete', engine.netns], { reject: false });
    if (removed.exitCode !== 0) problems.push(`network namespace ${engine.netns}: ${removed.stderr}`);
  }
  rmSync(netnsEtc(engine.netns), { recursive: true, force: true });
  try {
    rmdirSync('/etc/netns'); // only when no other namespace has a folder there
  } catch {
    // not empty, or not there
  }
  if (engine.cgroupParent) removeCgroup(engine.cgroupParent, problems);
  if (engine.product === 'podman') {
    for (const id of ourContainers) removeCgroup(join('libpod_parent', `libpod-${id}`), problems, true);
    if (engine.libpodParentExisted === false) removeCgroup('libpod_parent', problems, true);
  }
  // There should be none (the engine's mounts are in its own namespace); rm must not go into one.
  for (const mount of mountsUnder([engine.runDir, engine.dataDir]))
    await execa('umount', ['-l', mount], { reject: false });
  if (left.length === 0) {
    rmSync(engine.dataDir, { recursive: true, force: true });
    rmSync(engine.runDir, { recursive: true, force: true });
  }
  return { processes: [...fromPeers, ...left.map((p) => `${p.pid} ${p.command}`)], problems };
}

/** The IDs of every container the engine has (for Podman's cgroups, which outlive a killed conmon). */
async function containerIds(engine: LabEngine): Promise<string[]> {
  if (engine.pid === undefined || !alive(engine.pid)) return [];
  return (
    await engineApi(engine, 5000)
      .listContainers({ all: true })
      .catch(() => [])
  ).map((c) => c.Id);
}

/**
 * Removes a cgroup (and the cgroups under it) from every hierarchy, deepest first. rmdir only
 * removes an empty cgroup, so one still in use by anybody stays. `optional`: absent is fine.
 */
function removeCgroup(relative: string, problems: string[], optional = false): void {
  const roots = ['/sys/fs/cgroup', ...readdirSync('/sys/fs/cgroup').map((d) => join('/sys/fs/cgroup', d))];
  const remove = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) remove(join(dir, entry.name));
    }
    rmdirSync(dir);
  };
  for (const root of roots) {
    const dir = join(root, relative);
    try {
      if (statSync(dir).isDirectory()) remove(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && !(optional && code === 'EBUSY')) {
        problems.push(`cgroup ${dir}: ${code}`);
      }
    }
  }
}

function saveState(engine: LabEngine): void {
  // Written aside and renamed into place: labEngines never reads a half-written file (and
  // so never misses an engine).
  const file = join(engine.runDir, STATE_FILE);
  writeFileSync(`${file}.new`, `${JSON.stringify(engine, null, 2)}\n`);
  renameSync(`${file}.new`, file);
}

/** Every lab engine on this machine, brought up by anyone, from their state files. */
export function labEngines(): LabEngine[] {
  if (!existsSync(LAB_RUN)) return [];
  return readdirSync(LAB_RUN).flatMap((id) => {
    try {
      return [JSON.parse(readFileSync(join(LAB_RUN, id, STATE_FILE), 'utf8')) as LabEngine];
    } catch {
      return [];
    }
  });
}

/** Whether an engine's owner (the process meant to take it down) has died without doing so. */
export function isOrphan(engine: LabEngine): boolean {
  return engine.owner !== undefined && engine.owner.host === hostname() && !alive(engine.owner.pid);
}

/** What was left, as one line, or '' when nothing was. */
export function describeLeftovers(left: Leftovers): string {
  return [...left.processes.map((p) => `process ${p}`), ...left.problems].join('; ');
}

/** Takes down engines whose owner died without doing so (a matrix killed with SIGKILL). */
export async function sweepOrphans(say: (line: string) => void): Promise<void> {
  for (const engine of labEngines().filter(isOrphan)) {
    const left = describeLeftovers(await takeDown(engine));
    say(`took down ${engine.id}, left by a run that died${left ? `; could not remove ${left}` : ''}`);
  }
}
