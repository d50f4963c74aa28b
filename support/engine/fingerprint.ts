import type Docker from 'dockerode';
import { setupHint } from '../common/commands';
import { messageOf, SetupError } from '../common/errors';
import { isLocalEndpoint, resolveEndpoint } from './endpoint';

/** The engine's own facts, as it reports them. */
interface EngineFacts {
  product: 'Docker Engine' | 'Podman';
  serverVersion: string;
  apiVersion: string;
  minApiVersion: string;
  os: string;
  arch: string;
  kernel: string;
  /** The engine host's name (`docker info` Name). */
  hostName: string;
  storageDriver: string;
  /** `classic` (the engine's own graph drivers), `containerd` (the containerd image store), or Podman's `containers/storage`. */
  imageStore: 'classic' | 'containerd' | 'containers/storage';
  cgroupVersion: string;
  /**
   * Which resource limits the engine can set: what it reports (`docker info` MemoryLimit,
   * PidsLimit), and where known better, whether its cgroups have those controllers
   * (`controllers`, from KIT_CGROUP_CONTROLLERS: Podman reports PidsLimit on any cgroup v2).
   */
  limits: { memory: boolean; pids: boolean; controllers?: string };
  rootless: boolean;
  dataRoot: string;
  swarm: string;
  /** Where the engine is: DOCKER_HOST, the current docker context's, or the default socket. */
  endpoint: string;
  /** Where the endpoint came from. */
  endpointSource: string;
  /** The builders the kit uses on it (filled in once the CLI is asked, see builders.ts). */
  builders?: string[];
}

/**
 * What the kit knows about the engine under test; printed first and written into every report.
 * `local`: the kit runs on the engine's host, in its network and PID namespaces (published
 * ports on our loopback, host PIDs in our /proc), first guessed from the endpoint, then observed
 * (see engine-host.ts); when it does not, `notLocal` says why.
 */
export type EngineFingerprint = EngineFacts & {
  /**
   * Whether the kit is on the engine's machine: it sees the engine's processes in its /proc and
   * its storage under its data root, though maybe not in its namespaces (a rootless engine).
   */
  sameMachine: boolean;
} & ({ local: true } | { local: false; notLocal: string });

/**
 * Asks the engine who it is. Fails within `timeoutMs` with a one-line SetupError when
 * nothing answers at DOCKER_HOST, so a run without an engine ends in seconds.
 */
export async function fingerprintEngine(docker: Docker, timeoutMs = 5000): Promise<EngineFingerprint> {
  const { host: endpoint, source: endpointSource } = resolveEndpoint();
  let version: Docker.DockerVersion;
  let info: Record<string, unknown>;
  try {
    [version, info] = await withTimeout(Promise.all([docker.version(), docker.info()]), timeoutMs);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const seen = status ? `something answered HTTP ${status}, not as an engine does` : messageOf(error);
    throw new SetupError(
      `No container engine answers at ${endpoint} (${seen}).`,
      `Start one (sudo systemctl start docker; ${setupHint()}), or point DOCKER_HOST at a running engine.`,
    );
  }
  const components = (version as { Components?: { Name: string }[] }).Components ?? [];
  const security = (info.SecurityOptions as string[] | undefined) ?? [];
  const swarm = info.Swarm as { LocalNodeState?: string; ControlAvailable?: boolean } | undefined;
  return {
    product: components.some((c) => c.Name === 'Podman Engine') ? 'Podman' : 'Docker Engine',
    serverVersion: version.Version,
    apiVersion: version.ApiVersion,
    minApiVersion: (version as { MinAPIVersion?: string }).MinAPIVersion ?? 'unknown',
    os: version.Os,
    arch: version.Arch,
    kernel: version.KernelVersion,
    hostName: String(info.Name ?? 'unknown'),
    storageDriver: String(info.Driver ?? 'unknown'),
    imageStore: imageStoreOf(components, info),
    cgroupVersion: String(info.CgroupVersion ?? 'unknown'),
    limits: limitsOf(info),
    rootless: security.some((option) => option.includes('rootless')),
    dataRoot: String(info.DockerRootDir ?? 'unknown'),
    swarm: swarm?.ControlAvailable ? 'manager' : (swarm?.LocalNodeState ?? 'inactive'),
    endpoint,
    endpointSource,
    sameMachine: isLocalEndpoint(endpoint),
    ...(isLocalEndpoint(endpoint) ? { local: true as const } : { local: false as const, notLocal: 'remote' }),
  };
}

/** The limits the engine can set: its own report, narrowed by the controllers its cgroups have when they are known. */
function limitsOf(info: Record<string, unknown>): EngineFacts['limits'] {
  const controllers = process.env.KIT_CGROUP_CONTROLLERS?.trim();
  const has = (name: string) => controllers === undefined || controllers.split(/\s+/).includes(name);
  return {
    memory: info.MemoryLimit !== false && has('memory'),
    pids: info.PidsLimit !== false && has('pids'),
    ...(controllers === undefined ? {} : { controllers: controllers || 'none' }),
  };
}

/** The fingerprint as `key: value` pairs, in the order people read them. */
export function describeEngine(engine: EngineFingerprint): [string, string][] {
  return [
    ['Engine', `${engine.product} ${engine.serverVersion}`],
    ['API version', `${engine.apiVersion} (minimum ${engine.minApiVersion})`],
    ['OS/Arch', `${engine.os}/${engine.arch}, kernel ${engine.kernel}`],
    ['Host name', engine.hostName],
    ['Storage driver', `${engine.storageDriver} (image store: ${engine.imageStore})`],
    ...(engine.builders ? [['Builders', engine.builders.join(', ')] as [string, string]] : []),
    [
      'Cgroup version',
      `${engine.cgroupVersion}${engine.limits.memory && engine.limits.pids ? '' : ` (no ${[!engine.limits.memory && 'memory', !engine.limits.pids && 'PIDs'].filter(Boolean).join(' or ')} limit)`}`,
    ],
    ['Rootless', engine.rootless ? 'yes' : 'no'],
    ['Data root', engine.dataRoot],
    ['Swarm', engine.swarm],
    [
      'Endpoint',
      `${engine.endpoint}, from ${engine.endpointSource}${engine.local ? '' : ` (not this machine: ${engine.notLocal})`}`,
    ],
  ];
}

/** One line naming the engine, for scenario reports. */
export function engineSummaryLine(engine: EngineFingerprint): string {
  return `${engine.product} ${engine.serverVersion} (API ${engine.apiVersion}, ${engine.os}/${engine.arch}, ${engine.storageDriver}, cgroup v${engine.cgroupVersion}${engine.rootless ? ', rootless' : ''}) at ${engine.endpoint}`;
}

/** Which image store the engine keeps images in, from its components and its driver's status. */
export function imageStoreOf(
  components: { Name: string }[],
  info: Record<string, unknown>,
): EngineFacts['imageStore'] {
  if (components.some((c) => c.Name === 'Podman Engine')) return 'containers/storage';
  const status = (info.DriverStatus as [string, string][] | undefined) ?? [];
  // The containerd store reports `driver-type io.containerd.snapshotter.v1`.
  return status.some(([key, value]) => key === 'driver-type' && value.startsWith('io.containerd.snapshotter'))
    ? 'containerd'
    : 'classic';
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
