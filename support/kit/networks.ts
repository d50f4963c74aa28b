import type { ContainerRef } from './containers';
import { labelArgs } from './labels';
import type { Scope } from './scope';
import { commandLine } from './transcript';

export interface NetworkInfo {
  name: string;
  subnet: string;
}

/** A container's attachment to one network: its address there and the gateway it routes through. */
export interface Endpoint {
  address: string;
  gateway: string;
}

/** Creates a user-defined bridge network, labelled, removed when the scenario ends. */
export async function createNetwork(scope: Scope, alias: string): Promise<string> {
  const name = scope.names.name(alias);
  const network = await scope.docker.createNetwork({ Name: name, Driver: 'bridge', Labels: scope.labels });
  scope.cleanup.push(`remove network ${name}`, () => network.remove());
  record(scope, ['docker', 'network', 'create', ...labelArgs(scope.labels), name], network.id);
  return name;
}

/**
 * A network's IPv4 subnet, as `docker network inspect` shows it. (Not its
 * gateway: the default bridge's IPAM config names one only when it was configured; a
 * container's endpoint always does, see `endpointOn`.)
 */
export async function networkInfo(scope: Scope, name: string): Promise<NetworkInfo> {
  const inspect = (await scope.docker.getNetwork(name).inspect()) as {
    Id: string;
    IPAM?: { Config?: { Subnet?: string }[] };
  };
  const configs = inspect.IPAM?.Config ?? [];
  record(
    scope,
    ['docker', 'network', 'inspect', '--format', '{{json .IPAM.Config}} {{.Id}}', name],
    `${JSON.stringify(configs)} ${inspect.Id}`,
  );
  const subnet = configs.find((c) => c.Subnet && !c.Subnet.includes(':'))?.Subnet;
  if (!subnet) throw new Error(`the engine reports no IPv4 subnet for network ${name}`);
  return { name, subnet };
}

/** `docker network connect`. */
export async function connectNetwork(scope: Scope, network: string, container: ContainerRef): Promise<void> {
  await scope.docker.getNetwork(network).connect({ Container: container.id });
  record(scope, ['docker', 'network', 'connect', network, container.name], '');
}

/**
 * The container's IPv4 address and gateway on `network`, or, when none is named, on the one
 * network it is attached to: the engine's default for a container run without --network
 * (`bridge` on Docker, `podman` on Podman).
 */
export async function endpointOn(scope: Scope, container: ContainerRef, network?: string): Promise<Endpoint> {
  const inspect = await scope.docker.getContainer(container.id).inspect();
  const networks = inspect.NetworkSettings.Networks ?? {};
  const names = Object.keys(networks);
  const name = network ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined) {
    throw new Error(
      `${container.name} is attached to ${names.join(', ') || 'no network'}, not to one network`,
    );
  }
  const settings = networks[name];
  const endpoint = { address: settings?.IPAddress ?? '', gateway: settings?.Gateway ?? '' };
  record(
    scope,
    [
      'docker',
      'inspect',
      '--format',
      `{{with index .NetworkSettings.Networks "${name}"}}{{.IPAddress}} {{.Gateway}}{{end}}`,
      container.name,
    ],
    `${endpoint.address} ${endpoint.gateway}`,
  );
  return endpoint;
}

/** The container's IPv4 address on `network`, or on its only network (see `endpointOn`). */
export async function addressOn(scope: Scope, container: ContainerRef, network?: string): Promise<string> {
  return (await endpointOn(scope, container, network)).address;
}

/** Whether `address` (IPv4) lies in `subnet` (CIDR). */
export function inSubnet(address: string, subnet: string): boolean {
  const [base, bits] = subnet.split('/');
  const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  if (!base || bits === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
}

function record(scope: Scope, argv: string[], stdout: string): void {
  scope.transcript.record({ command: commandLine(argv), via: 'api', exitCode: 0, stdout, stderr: '' });
}
