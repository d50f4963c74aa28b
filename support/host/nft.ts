import { execa } from 'execa';
import { inSubnet } from '../common/ipv4';
import type { RuleListing } from './nat';

/** The host's nftables ruleset: as JSON to read (`nft -j`), and as text with handles to show (`nft -a`). */
export async function nftRuleset(): Promise<RuleListing & { json: string }> {
  const [json, text] = await Promise.all([
    execa('nft', ['-j', 'list', 'ruleset'], { reject: false }),
    execa('nft', ['-a', 'list', 'ruleset'], { reject: false }),
  ]);
  const exitCode = json.exitCode ?? 127;
  return {
    command: 'nft -a list ruleset',
    exitCode,
    stdout: exitCode === 0 ? text.stdout : '',
    stderr: exitCode === 0 ? '' : json.stderr || (json.shortMessage ?? 'nft could not run'),
    json: exitCode === 0 ? json.stdout : '{"nftables":[]}',
  };
}

type Expr = Record<string, unknown>;
interface NftRule {
  family: string;
  table: string;
  chain: string;
  handle: number;
  expr: Expr[];
}
interface NftChain {
  family: string;
  table: string;
  name: string;
  hook?: string;
  type?: string;
}

/** What a match compares: `ip saddr`, `ip daddr`, `oifname`, or something else. */
function subject(left: unknown): string {
  const payload = (left as { payload?: { field?: string } })?.payload;
  if (payload?.field) return payload.field;
  const meta = (left as { meta?: { key?: string } })?.meta;
  return meta?.key ?? 'other';
}

/** Whether a match's right-hand side (an address or a prefix) holds `address`. */
function holdsAddress(right: unknown, address: string): boolean {
  if (typeof right === 'string') return right === address;
  const prefix = (right as { prefix?: { addr: string; len: number } })?.prefix;
  return prefix ? inSubnet(address, `${prefix.addr}/${prefix.len}`) : false;
}

/**
 * What a rule does with every packet from `address` leaving the host: its verdict (masquerade,
 * jump/goto CHAIN, accept, return), or undefined when it matches only some of them. As with
 * iptables, negated destinations and output interfaces (not multicast, not back into the
 * network) and counters or comments do not narrow outbound traffic.
 */
function verdictFor(rule: NftRule, address: string): string | undefined {
  let verdict: string | undefined;
  for (const e of rule.expr) {
    const [kind, body] = Object.entries(e)[0] ?? ['', undefined];
    if (kind === 'match') {
      const { op, left, right } = body as { op: string; left: unknown; right: unknown };
      const what = subject(left);
      if (op === '!=' && (what === 'daddr' || what === 'oifname' || what === 'oif')) continue;
      if (op === '==' && what === 'saddr' && holdsAddress(right, address)) continue;
      return undefined;
    }
    if (kind === 'counter' || kind === 'comment') continue;
    if (kind === 'masquerade' || kind === 'accept' || kind === 'return') verdict = kind;
    else if (kind === 'jump' || kind === 'goto') verdict = `chain:${(body as { target: string }).target}`;
    else return undefined;
  }
  return verdict;
}

/**
 * The nftables rules that masquerade every packet `address` sends out of the host: a rule of
 * a NAT postrouting chain, or a jump from one into a chain that masquerades (netavark's
 * `ip saddr SUBNET jump nv_…`, then `ip daddr != 224.0.0.0/4 masquerade`). Each rule as
 * `nft -a list ruleset` prints it; empty when none does.
 */
export function nftMasqueradePath(json: string, text: string, address: string): string[] {
  const items = (JSON.parse(json) as { nftables?: Expr[] }).nftables ?? [];
  const chains = items.flatMap((i) => (i.chain ? [i.chain as NftChain] : []));
  const rules = items.flatMap((i) => (i.rule ? [i.rule as NftRule] : []));
  const shown = (rule: NftRule) =>
    text
      .split('\n')
      .find((line) => line.trim().endsWith(`# handle ${rule.handle}`))
      ?.trim() ?? `${rule.chain} rule ${rule.handle}`;
  const walk = (chain: NftChain, depth: number): string[] => {
    if (depth > 8) return [];
    for (const rule of rules.filter(
      (r) => r.family === chain.family && r.table === chain.table && r.chain === chain.name,
    )) {
      const verdict = verdictFor(rule, address);
      if (verdict === 'masquerade') return [shown(rule)];
      if (verdict === 'accept' || verdict === 'return') return [];
      if (verdict?.startsWith('chain:')) {
        const target = chains.find(
          (c) => c.family === chain.family && c.table === chain.table && c.name === verdict.slice(6),
        );
        const rest = target ? walk(target, depth + 1) : [];
        if (rest.length > 0) return [shown(rule), ...rest];
      }
    }
    return [];
  };
  for (const chain of chains.filter((c) => c.hook === 'postrouting' && c.type === 'nat')) {
    const path = walk(chain, 0);
    if (path.length > 0) return path;
  }
  return [];
}
