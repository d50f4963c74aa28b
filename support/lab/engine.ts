import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
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
import { succeeded } from '../common/exit';
import { waitFor } from '../common/wait';
import { imageStoreOf } from '../engine/fingerprint';
import { prepareKitImage, shareWithKit } from './in-container';
import { DIND_PORT, type EngineKind, requireParts } from './kinds';
import { EngineFailed, LAB_DATA, LAB_RUN, type LabEngine } from './lab-engine';
import { mountsUnder } from './mounts';
import { alive, engineProcesses } from './processes';
import { describeProduct, recipeOf } from './recipes';
import { ensureRootfs, rootfsPath } from './rootfs';
import { prepareSsh } from './ssh';
import { joinSwarm } from './swarm';

export { EngineFailed, type LabEngine } from './lab-engine';

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
  requireParts(kind);
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

async function bringUpOne(
  kind: EngineKind,
  options: { owned: boolean; progress: (line: string) => void },
): Promise<LabEngine> {
  const id = `${kind.name}-${randomBytes(2).toString('hex')}`;
  const runDir = join(LAB_RUN, id);
  const dataDir = join(LAB_DATA, id);
  const socket = join(runDir, 'sock', 'engine.sock');
  const recipe = recipeOf(kind);
  const engine: LabEngine = {
    id,
    kind: kind.name,
    title: kind.title,
    product: kind.product,
    recipe: kind.recipe,
    version: kind.version,
    rootfs: rootfsPath(kind.suite),
    netns: `dck-lab-${randomBytes(3).toString('hex')}`,
    stance: kind.stance,
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
    const address =
      kind.stance === 'dind' || kind.stance === 'ssh' ? await linkToHost(engine.netns) : undefined;
    if (kind.stance === 'dind') engine.endpoint = `tcp://${address}:${DIND_PORT}`;
    const sshd = kind.stance === 'ssh' && address ? await prepareSsh(engine, address) : [];
    engine.unifiedCgroup = recipe.needs.cgroupV2;
    if (recipe.needs.registryCa) {
      // Where the kit gives the engine the CA of its registry: /etc/containers/certs.d inside.
      mkdirSync(join(engine.runDir, 'certs.d'), { recursive: true });
      engine.env.KIT_ENGINE_CERTS_DIR = join(engine.runDir, 'certs.d');
    }
    const command = [...sshd, ...(await recipe.prepare(engine, kind))];
    if (kind.stance === 'in-container') shareWithKit(engine);
    const child = start(engine, command);
    engine.pid = child.pid;
    saveState(engine);
    await waitUntilAnswering(engine, child);
    engine.mntNs = `mnt:[${statSync(`/proc/${engine.pid}/ns/mnt`).ino}]`;
    saveState(engine);
    await requireWhatItsNameSays(engine, kind);
    if (kind.stance === 'in-container') {
      await prepareKitImage(engine, options.progress);
      saveState(engine);
    }
    return engine;
  } catch (error) {
    throw await failedBringingUp(engine, error);
  }
}

/**
 * Refuses an engine that is not what its kind's name says: another product, another version
 * (a suite that moved on: sid's docker.io becoming 29), or another image store than the kind
 * states. The recipe words the products and says what to do.
 */
async function requireWhatItsNameSays(engine: LabEngine, kind: EngineKind): Promise<void> {
  const api = engineApi(engine, 10_000);
  const [version, info] = await Promise.all([api.version(), api.info() as Promise<Record<string, unknown>>]);
  const components = (version as { Components?: { Name: string }[] }).Components ?? [];
  const product = components.some((c) => c.Name === 'Podman Engine') ? 'podman' : 'docker';
  const store = imageStoreOf(components, info);
  const sameVersion = version.Version === kind.version || version.Version.startsWith(`${kind.version}.`);
  if (product === kind.product && sameVersion && (!kind.imageStore || store === kind.imageStore)) return;
  const seen = describeProduct(product, version.Version, product === 'docker' ? store : undefined);
  const promised = describeProduct(kind.product, kind.version, kind.imageStore);
  throw new SetupError(
    `${kind.name} is not what its name says: the engine reports ${seen}, where the kind promises ${promised}.`,
    recipeOf(kind).whenMisnamed(kind),
  );
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

/**
 * A veth pair from the host into the engine's namespace, a /30 on each end (10.214.N.0/30, N > 0
 * one no host interface holds yet, nor another engine this process is bringing up), as a CI
 * job reaches a `docker:dind` service or another machine: the engine's address at its end.
 * Deleting the namespace deletes the pair.
 */
async function linkToHost(netns: string): Promise<string> {
  const ip = (...args: string[]) => execa('ip', args, { stdin: 'ignore' });
  const held = (await ip('-4', '-o', 'addr', 'show')).stdout;
  // 10.214.0.0/24 is the swarm kind's, between its two namespaces.
  const n = [...Array(256).keys()].find(
    (i) => i > 0 && !LINKS_TAKEN.has(i) && !held.includes(` 10.214.${i}.`),
  );
  if (n === undefined)
    throw new Error('every 10.214.N.0/30 link to a lab engine is taken: take some engines down');
  LINKS_TAKEN.add(n);
  const [host, inside] = [`10.214.${n}.1`, `10.214.${n}.2`];
  const name = `dckv-${netns.slice(-6)}`;
  await ip('link', 'add', name, 'type', 'veth', 'peer', 'name', 'kit0', 'netns', netns);
  await ip('addr', 'add', `${host}/30`, 'dev', name);
  await ip('link', 'set', name, 'up');
  await ip('-n', netns, 'addr', 'add', `${inside}/30`, 'dev', 'kit0');
  await ip('-n', netns, 'link', 'set', 'kit0', 'up');
  return inside;
}

/** The links this process has handed out, so engines brought up together never share one. */
const LINKS_TAKEN = new Set<number>();

/** The folder whose files `ip netns exec` mounts over /etc for processes in the namespace. */
function netnsEtc(netns: string): string {
  return join('/etc/netns', netns);
}

/** Starts the engine in its own session (a Ctrl-C at the terminal is the runner's to handle, not the engine's). */
function start(engine: LabEngine, command: string[]): ChildProcess {
  const shared = [engine.dataDir, join(engine.runDir, 'sock'), ...(engine.shared ?? [])].join(':');
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
      env: {
        ...process.env,
        LAB_OPEN_TUN: engine.openTun ? '1' : '',
        LAB_UNIFIED_CGROUP: engine.unifiedCgroup ? '1' : '',
      },
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
    if (!succeeded(removed)) problems.push(`network namespace ${engine.netns}: ${removed.stderr}`);
  }
  rmSync(netnsEtc(engine.netns), { recursive: true, force: true });
  try {
    rmdirSync('/etc/netns'); // only when no other namespace has a folder there
  } catch {
    // not empty, or not there
  }
  recipeOf(engine).cleanUp(engine, problems);
  // There should be none (the engine's mounts are in its own namespace); rm must not go into one.
  for (const mount of mountsUnder([engine.runDir, engine.dataDir]))
    await execa('umount', ['-l', mount], { reject: false });
  if (left.length === 0) {
    rmSync(engine.dataDir, { recursive: true, force: true });
    rmSync(engine.runDir, { recursive: true, force: true });
  }
  return { processes: [...fromPeers, ...left.map((p) => `${p.pid} ${p.command}`)], problems };
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
