import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** Bytes received and sent by a network interface of the host, as the kernel counts them. */
export function byteCounters(name: string): { rx: number; tx: number } {
  const read = (what: string) => Number(readFileSync(`/sys/class/net/${name}/statistics/${what}`, 'utf8'));
  return { rx: read('rx_bytes'), tx: read('tx_bytes') };
}

/** The host's interfaces that carry a default route: where traffic leaves the host. */
export function outwardInterfaces(): string[] {
  return defaultRouteInterfaces(readFileSync('/proc/net/route', 'utf8'));
}

/** The interfaces of a routing table (/proc/net/route's text) that carry a default route. */
export function defaultRouteInterfaces(routeTable: string): string[] {
  const defaults = routeTable
    .split('\n')
    .slice(1)
    .map((r) => r.split('\t'))
    .filter((f) => f[1] === '00000000');
  return [...new Set(defaults.map((f) => f[0] as string))];
}

/**
 * The host interface whose index is `index` (a veth's peer), or undefined. Interfaces come and
 * go while it reads (another scenario's container ends): one deleted before its index is read
 * is left out.
 */
export function interfaceWithIndex(index: string, sysClassNet = '/sys/class/net'): string | undefined {
  return readdirSync(sysClassNet).find((name) => indexOf(`${sysClassNet}/${name}`) === index.trim());
}

function indexOf(interfaceDir: string): string | undefined {
  try {
    return readFileSync(`${interfaceDir}/ifindex`, 'utf8').trim();
  } catch (error) {
    // The kernel answers ENOENT, ENODEV or EINVAL for an interface being deleted.
    if (['ENOENT', 'ENODEV', 'EINVAL'].includes((error as NodeJS.ErrnoException).code ?? ''))
      return undefined;
    throw error;
  }
}

/** The names of the host's network interfaces. */
export function interfaceNames(): string[] {
  return Object.keys(networkInterfaces());
}

/** The nameservers of the host's /etc/resolv.conf. */
export function hostNameservers(): string[] {
  return nameserversIn(readFileSync('/etc/resolv.conf', 'utf8'));
}

/** The nameservers a resolv.conf's text names. */
export function nameserversIn(resolvConf: string): string[] {
  return [...resolvConf.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1] as string);
}
