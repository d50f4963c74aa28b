import type Docker from 'dockerode';
import { labelArgs } from '../hygiene/labels';

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  hostIp?: string;
}

export interface VolumeMount {
  volume: string;
  target: string;
}

/**
 * The environment variable every container the kit runs carries, valued with the name the kit
 * gave it: the kit's own mark, never the engine's choice (as a hostname is: `--uts host`,
 * Podman's `utsns = "host"` and `--hostname` all give containers the same one). The web
 * fixture's page names it, so a check can tell which container answered.
 */
export const IDENTITY_ENV = 'KIT_CONTAINER';

/** What `docker run` is asked for: the options a user would type. */
export interface ContainerSpec {
  image: string;
  name: string;
  cmd?: string[];
  env: string[];
  ports: PortMapping[];
  volumes: VolumeMount[];
  memoryBytes?: number;
  pidsLimit?: number;
  hostPid?: boolean;
  /** `--network`: a network's name, `host`, or the default bridge when unset. */
  network?: string;
  networkAliases: string[];
  /** `--link NAME:ALIAS`, the legacy way to name a container on the default bridge. */
  links: string[];
}

export type ContainerOption = (spec: ContainerSpec) => void;

/** Runs `cmd` instead of the image's CMD. */
export const withCmd =
  (...cmd: string[]): ContainerOption =>
  (spec) => {
    spec.cmd = cmd;
  };

/** Sets an environment variable in the container. */
export const withEnv =
  (key: string, value: string | number): ContainerOption =>
  (spec) => {
    spec.env.push(`${key}=${value}`);
  };

/** Publishes `containerPort` on `hostPort` of the engine's host (all interfaces unless `hostIp`). */
export const withPublishedPort =
  (hostPort: number, containerPort: number, hostIp?: string): ContainerOption =>
  (spec) => {
    spec.ports.push({ hostPort, containerPort, hostIp });
  };

/** Mounts a named volume at `target`. */
export const withVolume =
  (volume: string, target: string): ContainerOption =>
  (spec) => {
    spec.volumes.push({ volume, target });
  };

/** Limits memory (and memory plus swap) to `bytes`. */
export const withMemoryLimit =
  (bytes: number): ContainerOption =>
  (spec) => {
    spec.memoryBytes = bytes;
  };

/** Limits how many processes the container may have at once. */
export const withPidsLimit =
  (limit: number): ContainerOption =>
  (spec) => {
    spec.pidsLimit = limit;
  };

/** Joins the host's PID namespace (`--pid host`), to look at the host's processes. */
export const withHostPidNamespace = (): ContainerOption => (spec) => {
  spec.hostPid = true;
};

/** Attaches the container to `network` (a user-defined network's name, or `host`). */
export const withNetwork =
  (network: string, ...aliases: string[]): ContainerOption =>
  (spec) => {
    spec.network = network;
    spec.networkAliases.push(...aliases);
  };

/** `--link name:alias`: an /etc/hosts entry for another container on the default bridge. */
export const withLink =
  (container: string, alias: string): ContainerOption =>
  (spec) => {
    spec.links.push(`${container}:${alias}`);
  };

/** A spec for a container called `name`, of `image`. */
export function containerSpec(
  name: string,
  image: string,
  options: readonly ContainerOption[],
): ContainerSpec {
  const spec: ContainerSpec = {
    image,
    name,
    env: [`${IDENTITY_ENV}=${name}`],
    ports: [],
    volumes: [],
    networkAliases: [],
    links: [],
  };
  for (const option of options) option(spec);
  return spec;
}

/** The `docker run` arguments that describe a spec (without `-d`, the image's command last). */
export function runArgs(spec: ContainerSpec, labels: Record<string, string>): string[] {
  const memory =
    spec.memoryBytes === undefined
      ? []
      : ['--memory', `${spec.memoryBytes}b`, '--memory-swap', `${spec.memoryBytes}b`];
  return [
    '--name',
    spec.name,
    ...labelArgs(labels),
    ...spec.env.flatMap((e) => ['-e', e]),
    ...spec.ports.flatMap((p) => ['-p', `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort}:${p.containerPort}`]),
    ...spec.volumes.flatMap((v) => ['-v', `${v.volume}:${v.target}`]),
    ...memory,
    ...(spec.pidsLimit === undefined ? [] : ['--pids-limit', String(spec.pidsLimit)]),
    ...(spec.hostPid ? ['--pid', 'host'] : []),
    ...(spec.network ? ['--network', spec.network] : []),
    ...spec.networkAliases.flatMap((a) => ['--network-alias', a]),
    ...spec.links.flatMap((l) => ['--link', l]),
    spec.image,
    ...(spec.cmd ?? []),
  ];
}

/** The Engine API's create body for a spec. */
export function createBody(
  spec: ContainerSpec,
  labels: Record<string, string>,
): Docker.ContainerCreateOptions {
  const bindings: Docker.PortMap = {};
  const exposed: Record<string, object> = {};
  for (const port of spec.ports) {
    const key = `${port.containerPort}/tcp`;
    exposed[key] = {};
    bindings[key] = [
      ...(bindings[key] ?? []),
      { HostIp: port.hostIp ?? '', HostPort: String(port.hostPort) },
    ];
  }
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.cmd,
    Env: spec.env,
    Labels: labels,
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Binds: spec.volumes.map((v) => `${v.volume}:${v.target}`),
      Memory: spec.memoryBytes,
      MemorySwap: spec.memoryBytes,
      PidsLimit: spec.pidsLimit,
      PidMode: spec.hostPid ? 'host' : undefined,
      NetworkMode: spec.network,
      Links: spec.links.length > 0 ? spec.links : undefined,
    },
    NetworkingConfig:
      spec.network && spec.networkAliases.length > 0
        ? { EndpointsConfig: { [spec.network]: { Aliases: spec.networkAliases } } }
        : undefined,
  };
}
