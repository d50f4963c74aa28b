import type Docker from 'dockerode';
import { type Verdict, verdict } from './verdict';

// What CTR-05 and CTR-12 look for: what creating a container adds, and each one's own settings.

/** CTR-05: the engine reports the container's name and a 64-hex-digit ID. */
export const namedWithId = (name: string, inspect: { Name: string; Id: string }): Verdict =>
  verdict(
    inspect.Name === `/${name}` && /^[0-9a-f]{64}$/.test(inspect.Id),
    `name /${name} and a 64-hex-digit ID`,
    () => `name ${inspect.Name}, ID ${inspect.Id}`,
  );

/** CTR-05: at least one network, with an IPv4 address on each. */
export function onNetworks(networks: Record<string, { IPAddress: string }>): Verdict {
  const entries = Object.entries(networks);
  return verdict(
    entries.length > 0 && entries.every(([, n]) => /^\d+\.\d+\.\d+\.\d+$/.test(n.IPAddress)),
    'at least one network, with an IPv4 address on each',
    () => JSON.stringify(entries.map(([name, n]) => `${name}: ${n.IPAddress || 'no address'}`)),
  );
}

/** CTR-05: the published port, volume and memory limit the container was given. */
export function configured(
  inspect: { HostConfig: Docker.HostConfig; Mounts: Docker.ContainerInspectInfo['Mounts'] },
  given: { port: number; volume: string; memory: number },
): Verdict {
  const port = (inspect.HostConfig.PortBindings as Record<string, { HostPort: string }[]>)['80/tcp']?.[0]
    ?.HostPort;
  const mount = inspect.Mounts.find((m) => m.Destination === '/data');
  return verdict(
    port === String(given.port) && mount?.Name === given.volume && inspect.HostConfig.Memory === given.memory,
    `port ${given.port}→80, volume ${given.volume} at /data, memory ${given.memory}`,
    () => `port ${port}, volume ${mount?.Name} at ${mount?.Destination}, memory ${inspect.HostConfig.Memory}`,
  );
}

/** CTR-12: each container sees what was written to its own volume. */
export const ownVolume = (alias: string, owner: string): Verdict =>
  verdict(owner === alias, `/data/owner saying ${alias} in ${alias}`, () => `"${owner}"`);
