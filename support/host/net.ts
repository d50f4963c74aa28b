import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** Bytes received and sent by a network interface of the host, as the kernel counts them. */
export function byteCounters(name: string): { rx: number; tx: number } {
  const read = (what: string) => Number(readFileSync(`/sys/class/net/${name}/statistics/${what}`, 'utf8'));
  return { rx: read('rx_bytes'), tx: read('tx_bytes') };
}

/** The host's interfaces that carry a default route: where traffic leaves the host. */
export function outwardInterfaces(): string[] {
  const routes = readFileSync('/proc/net/route', 'utf8').split('\n').slice(1);
  const defaults = routes.map((r) => r.split('\t')).filter((f) => f[1] === '00000000');
  return [...new Set(defaults.map((f) => f[0] as string))];
}

/** The host interface whose index is `index` (a veth's peer), or undefined. */
export function interfaceWithIndex(index: string): string | undefined {
  return readdirSync('/sys/class/net').find(
    (name) => readFileSync(`/sys/class/net/${name}/ifindex`, 'utf8').trim() === index.trim(),
  );
}

/** The names of the host's network interfaces. */
export function interfaceNames(): string[] {
  return Object.keys(networkInterfaces());
}

/** The nameservers of the host's /etc/resolv.conf. */
export function hostNameservers(): string[] {
  return [...readFileSync('/etc/resolv.conf', 'utf8').matchAll(/^nameserver\s+(\S+)/gm)].map(
    (m) => m[1] as string,
  );
}
