import { COMMAND_EXIT, SUCCESS } from '../common/exit';
import { inSubnet } from '../common/ipv4';

/** One `-A CHAIN …` line of `iptables -t nat -S`, split into its options. */
interface Rule {
  text: string;
  chain: string;
  args: string[];
}

/** Splits an iptables rule as a shell would: `--comment "a b"` is one argument. */
function splitArgs(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function parseRules(listing: string): Rule[] {
  return listing
    .split('\n')
    .filter((line) => line.startsWith('-A '))
    .map((text) => {
      const [, chain = '', ...args] = splitArgs(text);
      return { text, chain, args };
    });
}

/**
 * What a rule does with every packet from `address` that leaves for another host: its target,
 * or undefined when it matches only some of them (a destination, an output interface, a
 * protocol, a mark). Negated destinations and interfaces (`! -d 224.0.0.0/4`, `! -o docker0`:
 * not multicast, not back into the network) and comments do not narrow outbound traffic.
 */
function targetFor(rule: Rule, address: string): string | undefined {
  let target: string | undefined;
  for (let i = 0; i < rule.args.length; i++) {
    const [arg, value] = [rule.args[i], rule.args[i + 1] ?? ''];
    if (arg === '!' && (value === '-d' || value === '-o')) i += 2;
    else if (arg === '-s' && inSubnet(address, value.includes('/') ? value : `${value}/32`)) i += 1;
    else if (arg === '-m' && value === 'comment' && rule.args[i + 2] === '--comment') i += 3;
    else if (arg === '-j') {
      target = value;
      i += 1;
    } else return undefined;
  }
  return target;
}

/**
 * The NAT rules that masquerade every packet `address` sends out of the host: Docker's
 * `-s SUBNET ! -o BRIDGE -j MASQUERADE` in POSTROUTING, or a jump per container or network
 * into a chain of the engine's that masquerades (CNI's and netavark's). Empty when none does.
 */
export function masqueradePath(listing: string, address: string, chain = 'POSTROUTING', depth = 0): string[] {
  if (depth > 8) return [];
  const rules = parseRules(listing);
  for (const rule of rules.filter((r) => r.chain === chain)) {
    const target = targetFor(rule, address);
    if (target === 'MASQUERADE') return [rule.text];
    if (target === 'ACCEPT' || target === 'RETURN') return [];
    if (target && rules.some((r) => r.chain === target)) {
      const rest = masqueradePath(listing, address, target, depth + 1);
      if (rest.length > 0) return [rule.text, ...rest];
    }
  }
  return [];
}

/** What a firewall tool listed: its command, exit code and output. */
export interface RuleListing {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** How a program of the host ran: its exit code (none when it did not run), output, and the signal that ended it. */
export interface ToolRun {
  exitCode?: number;
  stdout: string;
  stderr: string;
  signal?: string;
  /** The program is not on the host at all. */
  missing?: boolean;
}

/** Runs a program of the engine's host (on this machine, or through the kit's helper container). */
export type RunTool = (argv: readonly string[]) => Promise<ToolRun>;

/**
 * What `command` lists on a host without `tool`: no rules, and that the host has no such tool.
 * No engine could have written rules with a tool the host lacks, so that is no rules, not an
 * unreadable listing.
 */
export function withoutTool(tool: string, command: string): RuleListing {
  return { command, exitCode: SUCCESS, stdout: '', stderr: `no ${tool} on this host` };
}

/** The host's NAT rules as `iptables -t nat -S` lists them (none, saying so, on a host without iptables). */
export async function iptablesNat(run: RunTool): Promise<RuleListing> {
  const result = await run(['iptables', '-t', 'nat', '-S']);
  if (result.missing) return withoutTool('iptables', 'iptables -t nat -S');
  return {
    command: 'iptables -t nat -S',
    exitCode: result.exitCode ?? COMMAND_EXIT.failure,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}
