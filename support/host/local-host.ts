import { AsyncLocalStorage } from 'node:async_hooks';
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { commandLine } from '../common/shell';
import { type HostAccess, type Ran, withRan } from './host-access';
import { httpGet, readGreeting } from './http';
import { iptablesNat, type RunTool } from './nat';
import { byteCounters, hostNameservers, interfaceNames, interfaceWithIndex, outwardInterfaces } from './net';
import { nftRuleset } from './nft';
import { freePort, holdPort } from './ports';
import { commandLineOf, hostPidOf, signalProcess } from './processes';
import { diskUsage } from './storage';

/** The programs the look under way has run here (see LocalHost.traced). */
const toolsRun = new AsyncLocalStorage<string[]>();

/** Runs a program of this machine, as the host's own tools run: its exit code, output, or that it is not there. */
const runHere: RunTool = async (argv) => {
  toolsRun.getStore()?.push(commandLine(argv));
  const [program = '', ...args] = argv;
  const result = await execa(program, args, { reject: false });
  if ((result as { code?: string }).code === 'ENOENT') return { missing: true, stdout: '', stderr: '' };
  return {
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr || (result.exitCode === undefined ? (result.shortMessage ?? '') : ''),
    signal: result.signal,
  };
};

/**
 * The engine's host when the kit runs on it, in its namespaces: its /proc, /sys and files are
 * this machine's, its tools run here, its ports are this loopback's.
 */
export class LocalHost implements HostAccess {
  readonly observedFrom = 'this-machine' as const;
  readonly freePortBasis = 'the kernel just handed it out';

  /**
   * A program of the host's the look ran (iptables, nft) is shown as it ran; what the kit read
   * from its own process is shown as what one types on this host for the same.
   */
  async traced<T>(onEngineHost: string, read: () => Promise<T>) {
    const tools: string[] = [];
    const ran = (): Ran =>
      tools.length > 0
        ? { command: tools.join(' ; '), observedFrom: this.observedFrom, onEngineHost, exact: true }
        : { command: onEngineHost, observedFrom: this.observedFrom, exact: false };
    try {
      return { value: await toolsRun.run(tools, read), ran: ran() };
    } catch (error) {
      throw withRan(error, ran());
    }
  }

  async hostPidOf(enginePid: number, mark: string) {
    return hostPidOf(enginePid, mark);
  }

  async commandLine(pid: number) {
    return commandLineOf(pid);
  }

  async signal(pid: number, signal: string) {
    signalProcess(pid, signal);
  }

  iptablesNat() {
    return iptablesNat(runHere);
  }

  /** With KIT_NFT (a lab engine's own nft, which can list what that engine writes) when it is set. */
  nftRuleset() {
    return nftRuleset(runHere, process.env.KIT_NFT || 'nft');
  }

  async interfaceWithIndex(index: string) {
    return interfaceWithIndex(index);
  }

  async byteCounters(names: readonly string[]) {
    return new Map(names.map((name) => [name, byteCounters(name)]));
  }

  async outwardInterfaces() {
    return outwardInterfaces();
  }

  async interfaceNames() {
    return interfaceNames();
  }

  async nameservers(): Promise<string[] | undefined> {
    return hostNameservers();
  }

  async rootDirectory(): Promise<string[] | undefined> {
    return readdirSync('/').sort();
  }

  async program(names: readonly string[]) {
    const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
    for (const name of names) {
      const dir = dirs.find((d) => existsSync(join(d, name)));
      if (dir) return { name, path: join(dir, name) };
    }
    return undefined;
  }

  readFile(path: string) {
    return readFile(path);
  }

  async exists(path: string) {
    return existsSync(path);
  }

  async listable(path: string) {
    try {
      accessSync(path, constants.R_OK | constants.X_OK);
      readdirSync(path);
      return true;
    } catch {
      return false;
    }
  }

  async rootLowerDirs(pid: number) {
    const root = readFileSync(`/proc/${pid}/mountinfo`, 'utf8')
      .split('\n')
      .find((line) => line.split(' ')[4] === '/');
    return lowerDirsOf(root, pid).map((dir) => realpathSync(dir));
  }

  async diskUsage(dirs: readonly string[]) {
    return diskUsage([...dirs]);
  }

  fetch(url: string, timeoutMs = 3000) {
    return httpGet(url, timeoutMs).then(
      (a) => ({ ok: a.status === 200, text: a.body }),
      (error: Error) => ({
        ok: false,
        text: `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}`,
      }),
    );
  }

  greeting(host: string, port: number) {
    return readGreeting(host, port).catch((error: Error) => `no answer: ${error.message}`);
  }

  freePort() {
    return freePort();
  }

  holdPort(greeting: string, port: number) {
    return holdPort(greeting, port);
  }
}

/**
 * The machine of a rootless engine, read from outside its namespaces: its processes are in
 * this /proc, but its network and files are rootlesskit's, so what this machine's resolver
 * and root directory hold is not what the engine's containers share.
 */
export class RootlessEngineMachine extends LocalHost {
  override async nameservers() {
    return undefined;
  }

  override async rootDirectory() {
    return undefined;
  }
}

/** The lower directories of a root mount line of /proc/PID/mountinfo, top first; throws when it is not an overlay. */
export function lowerDirsOf(rootMount: string | undefined, pid: number): string[] {
  if (!rootMount) throw new Error(`no root mount in /proc/${pid}/mountinfo`);
  const lower = /lowerdir=([^,]+)/.exec(rootMount)?.[1];
  if (!lower) throw new Error(`the root of process ${pid} is not an overlay mount: ${rootMount}`);
  return lower.split(':');
}
