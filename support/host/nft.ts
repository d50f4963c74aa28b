import { COMMAND_EXIT, SUCCESS, succeeded } from '../common/exit';
import { inSubnet } from '../common/ipv4';
import { type RuleListing, type RunTool, withoutTool } from './nat';

/** The host's nftables ruleset, as text and JSON, or why it could not be read. */
export type NftListing = RuleListing & { json: string; readable: boolean };

/**
 * The host's nftables ruleset: as JSON to read (`nft -j`), and as text with handles to show
 * (`nft -a`); none, saying so, on a host without nft. `readable` is false, with `stderr` saying
 * why, when nft could not run, failed or crashed: then nothing is known of the rules, which is
 * not the same as no rules (bookworm's nft 1.0.6 segfaults listing Docker 29's verdict maps).
 */
export async function nftRuleset(run: RunTool, nft = 'nft'): Promise<NftListing> {
  const [json, text] = await Promise.all([
    run([nft, '-j', 'list', 'ruleset']),
    run([nft, '-a', 'list', 'ruleset']),
  ]);
  if (json.missing)
    return { ...withoutTool('nft', 'nft -a list ruleset'), json: '{"nftables":[]}', readable: true };
  const failed = [json, text].find((r) => !succeeded(r));
  const why = failed
    ? failed.signal
      ? `${nft} crashed (${failed.signal})${failed.stderr ? `: ${failed.stderr}` : ''}`
      : failed.exitCode === undefined
        ? `${nft} could not run: ${failed.stderr || 'no such file'}`
        : `${nft} exited ${failed.exitCode}: ${failed.stderr}`
    : '';
  return {
    command: `${nft === 'nft' ? 'nft' : "nft (the engine's own)"} -a list ruleset`,
    exitCode: failed ? (failed.exitCode ?? COMMAND_EXIT.notFound) : SUCCESS,
    stdout: failed ? '' : text.stdout,
    stderr: why,
    json: failed ? '' : json.stdout,
    readable: !failed,
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
interface NftMap {
  family: string;
  table: string;
  name: string;
  map?: string;
  elem?: [unknown, Expr][];
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
    // A verdict map keyed by an interface (Docker 29: `iifname vmap @nat-postrouting-out-jumps`,
    // an element per bridge): the packet takes the element of its interface, if any.
    else if (kind === 'vmap' && typeof (body as { data?: unknown }).data === 'string')
      verdict = `map:${((body as { data: string }).data as string).replace(/^@/, '')}`;
    else return undefined;
  }
  return verdict;
}

/**
 * The nftables rules that masquerade every packet `address` sends out of the host: a rule of
 * a NAT postrouting chain, or a jump from one into a chain that masquerades (netavark's
 * `ip saddr SUBNET jump nv_…`, then `ip daddr != 224.0.0.0/4 masquerade`), directly or
 * through a verdict map's element (Docker 29's `iifname vmap @nat-postrouting-out-jumps`, then
 * `"docker0" : jump nat-postrouting-out__docker0`, then `ip saddr SUBNET masquerade`). Each
 * rule as `nft -a list ruleset` prints it, an element as `"KEY" : jump CHAIN`; empty when none does.
 */
export function nftMasqueradePath(json: string, text: string, address: string): string[] {
  const items = (JSON.parse(json) as { nftables?: Expr[] }).nftables ?? [];
  const chains = items.flatMap((i) => (i.chain ? [i.chain as NftChain] : []));
  const rules = items.flatMap((i) => (i.rule ? [i.rule as NftRule] : []));
  const maps = items.flatMap((i) => (i.map ? [i.map as NftMap] : []));
  const shown = (rule: NftRule) =>
    text
      .split('\n')
      .find((line) => line.trim().endsWith(`# handle ${rule.handle}`))
      ?.trim() ?? `${rule.chain} rule ${rule.handle}`;
  const follow = (from: NftChain, name: string, depth: number): string[] => {
    const target = chains.find((c) => c.family === from.family && c.table === from.table && c.name === name);
    return target ? walk(target, depth + 1) : [];
  };
  const walk = (chain: NftChain, depth: number): string[] => {
    if (depth > 8) return [];
    for (const rule of rules.filter(
      (r) => r.family === chain.family && r.table === chain.table && r.chain === chain.name,
    )) {
      const verdict = verdictFor(rule, address);
      if (verdict === 'masquerade') return [shown(rule)];
      if (verdict === 'accept' || verdict === 'return') return [];
      if (verdict?.startsWith('chain:')) {
        const rest = follow(chain, verdict.slice(6), depth);
        if (rest.length > 0) return [shown(rule), ...rest];
      }
      // No element of the map leads to a masquerade for the address: on to the next rule.
      if (verdict?.startsWith('map:')) {
        const map = maps.find(
          (m) => m.family === chain.family && m.table === chain.table && m.name === verdict.slice(4),
        );
        for (const [key, element] of map?.elem ?? []) {
          const target = (element.jump ?? element.goto) as { target?: string } | undefined;
          const rest = target?.target ? follow(chain, target.target, depth) : [];
          if (rest.length > 0)
            return [shown(rule), `${JSON.stringify(key)} : jump ${target?.target}`, ...rest];
        }
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
