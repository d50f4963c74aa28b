import { inSubnet } from '../common/ipv4';
import { masqueradePath } from '../host/nat';
import { nftMasqueradePath } from '../host/nft';
import type { NatRules } from '../scenario/host-view';
import { type Verdict, verdict } from './verdict';

// What the network claims (NET) look for, judged from what the steps saw.

const MiB = 1024 * 1024;

/** NET-01: attached to the network named bridge, and to it only. */
export const onBridgeOnly = (networks: string[]): Verdict =>
  verdict(
    networks.join(' ') === 'bridge',
    'the network "bridge" only',
    () => networks.join(' ') || 'no network',
  );

/** NET-01: the address lies in the network's subnet. */
export const inTheSubnet = (address: string, subnet: string): Verdict =>
  verdict(inSubnet(address, subnet), `an address in ${subnet}`, () => address || 'no address');

/**
 * NET-03: a rule, or a chain it jumps to, masquerades every packet from `address` leaving the
 * host, in iptables' NAT table or in an nftables NAT postrouting chain, whichever the engine
 * wrote. A listing that could not be read is the kit's error, never an empty ruleset: without
 * it the kit cannot say that no rule masquerades.
 */
export function masqueraded(rules: NatRules, address: string): Verdict & { path: string[] } {
  const expected = `a NAT postrouting rule, or a chain it jumps to, masquerading all outbound traffic from ${address}`;
  const iptables = 'rules' in rules.iptables ? rules.iptables.rules : '';
  const path = masqueradePath(iptables, address);
  if (path.length > 0) return { path, ...verdict(true, expected, () => '') };
  const nft = 'json' in rules.nft ? nftMasqueradePath(rules.nft.json, rules.nft.text, address) : [];
  if (nft.length > 0) return { path: nft, ...verdict(true, expected, () => '') };
  const unreadable = [
    'unreadable' in rules.iptables ? `iptables: ${rules.iptables.unreadable}` : '',
    'unreadable' in rules.nft ? `nft: ${rules.nft.unreadable}` : '',
  ].filter(Boolean);
  if (unreadable.length > 0) {
    throw new Error(
      `the kit could not read the NAT rules, so it cannot tell whether any masquerades ${address}: ${unreadable.join('; ')}`,
    );
  }
  const postrouting = iptables.split('\n').filter((rule) => rule.startsWith('-A POSTROUTING'));
  return {
    path: [],
    ...verdict(
      false,
      expected,
      () =>
        `none; iptables' POSTROUTING holds: ${postrouting.join(' | ') || 'nothing'}; no nftables postrouting chain masquerades it either`,
    ),
  };
}

/** NET-05: the client's veth carried the download. */
export const vethCarried = (bytes: number): Verdict =>
  verdict(bytes >= 4 * MiB, "at least 4 MiB through the client's veth", () => `${bytes} bytes`);

/** NET-05: the outward interfaces did not. */
export const outwardQuiet = (bytes: number): Verdict =>
  verdict(bytes < MiB, 'under 1 MiB on the outward interfaces', () => `${bytes} bytes`);

/** NET-04: the client reached the server neither by name nor by address. */
export const unreachable = (
  byName: string,
  byAddress: string,
  servedByName: boolean,
  servedByAddress: boolean,
): Verdict =>
  verdict(
    !servedByName && !servedByAddress,
    'no answer by name or address',
    () => `by name: ${byName}; by address: ${byAddress}`,
  );

/** NET-06: both names resolve to the server's address. */
export const bothResolveTo = (address: string, byName: string, byAlias: string): Verdict =>
  verdict(
    address !== '' && byName === address && byAlias === address,
    `both names resolving to the server's address (${address || 'it has none there'})`,
    () => `name → ${byName || 'nothing'}; alias → ${byAlias || 'nothing'}`,
  );

/** NET-07: the name does not resolve. */
export const unresolved = (resolved: string): Verdict =>
  verdict(resolved === '', 'no address for the name', () => `it resolved to ${resolved}`);

/** NET-08: the engine accepted --link (a refusal is the engine's answer, recorded as what was seen). */
export const linkAccepted = (refusal: string): Verdict =>
  verdict(false, 'the engine to accept --link', () => refusal);

/** NET-08: /etc/hosts maps the link's alias to the server's address. */
export function hostsMaps(hosts: string, address: string, alias: string): Verdict {
  const mapped = hosts
    .split('\n')
    .some((line) => line.split(/\s+/)[0] === address && line.split(/\s+/).includes(alias));
  return verdict(mapped, `a line "${address} ${alias} …" in /etc/hosts`, () => hosts.trim());
}

/** NET-09: the container on a user-defined network uses the embedded DNS server only. */
export const embeddedDns = (servers: string[]): Verdict =>
  verdict(
    servers.join(' ') === '127.0.0.11',
    'nameserver 127.0.0.11 only',
    () => `nameserver ${servers.join(' ')}`,
  );

/**
 * NET-09: the default-bridge container uses the host's nameservers, not 127.0.0.11. A host
 * resolver on loopback (systemd-resolved's 127.0.0.53) is replaced by its upstream servers,
 * so the lists are compared only when the host's are known (the kit is on the engine's host) and
 * not on loopback.
 */
export function hostResolvers(servers: string[], host: string[] | undefined): Verdict {
  const comparable = host !== undefined && host.length > 0 && host.every((ip) => !ip.startsWith('127.'));
  const holds =
    servers.length > 0 && !servers.includes('127.0.0.11') && (!comparable || servers.join() === host.join());
  return verdict(holds, `the host's nameservers${comparable ? ` (${host.join(', ')})` : ''}`, () =>
    servers.join(', '),
  );
}

/** NET-10: the server came back at another address. */
export const addressChanged = (before: string, after: string): Verdict =>
  verdict(before !== after, `another address than ${before}`, () => `the same address ${after}`);

/** NET-10: the name resolves to the current address. */
export const resolvesTo = (current: string, resolved: string): Verdict =>
  verdict(resolved === current, `the name resolving to ${current}`, () => resolved || 'nothing');

/** NET-11: an overlay network of swarm scope. */
export const overlayOfSwarm = (driver: string, scope: string): Verdict =>
  verdict(
    driver === 'overlay' && scope === 'swarm',
    'driver overlay, scope swarm',
    () => `driver ${driver}, scope ${scope}`,
  );
