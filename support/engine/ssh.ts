import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Duplex } from 'node:stream';
import { COMMAND_EXIT } from '../common/exit';

/**
 * An `ssh://[USER@]HOST[:PORT]` endpoint as the docker CLI reaches it: the `ssh` on PATH (with
 * the user's own configuration, keys and known hosts) runs `docker system dial-stdio` on the
 * far side, whose standard input and output are the connection to that side's engine.
 */
export interface SshEndpoint {
  host: string;
  user?: string;
  port?: string;
}

/** The parts of an ssh:// endpoint, or a reason it is not one the CLI could use. */
export function parseSshEndpoint(endpoint: string): SshEndpoint | { invalid: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { invalid: 'it is not a URL' };
  }
  if (url.protocol !== 'ssh:') return { invalid: 'it is not an ssh:// URL' };
  if (!url.hostname) return { invalid: 'it names no host' };
  if (url.password)
    return { invalid: 'it carries a password, which ssh:// endpoints do not take (use a key)' };
  if ((url.pathname && url.pathname !== '/') || url.search)
    return { invalid: 'it has a path, which ssh:// endpoints do not take' };
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    user: url.username || undefined,
    port: url.port || undefined,
  };
}

/** This process's folder for its ssh master's control socket, forwarded sockets and CLI shim; removed at its exit. */
let own: string | undefined;
function ownDir(): string {
  if (own) return own;
  sweepDeadDirs();
  own = mkdtempSync(join(tmpdir(), `dck-ssh-${process.pid}-`));
  const dir = own;
  process.once('exit', () => {
    // The master (and its forwarded socket) goes with the process that started it.
    for (const target of masters)
      spawnSync('ssh', [...multiplex(), ...destination(target, ['-O', 'exit'])], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
const masters: SshEndpoint[] = [];

/**
 * Removes the folders of processes that died without their exit handler (killed by a signal):
 * `dck-ssh-PID-…` whose PID no longer runs. Their masters end by themselves (ControlPersist).
 */
function sweepDeadDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^dck-ssh-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/**
 * One master connection per endpoint and process, shared by all of the kit's connections, the
 * API's and the CLI's (each a channel of it): the handshake is paid once, not per request. It
 * is told to exit when the process does; a minute's persistence is the safety net.
 */
function multiplex(): string[] {
  return [
    '-o',
    'ControlMaster=auto',
    '-o',
    `ControlPath=${join(ownDir(), 'master-%C')}`,
    '-o',
    'ControlPersist=60',
    // A password prompt would wait for nobody: a key, an agent, or a clear refusal.
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=10',
  ];
}

/** `[-l USER] [-p PORT] OPTIONS… -- HOST COMMAND…`: the far side as ssh names it. */
function destination(target: SshEndpoint, options: string[], command: string[] = []): string[] {
  return [
    ...(target.user ? ['-l', target.user] : []),
    ...(target.port ? ['-p', target.port] : []),
    ...options,
    '--',
    target.host,
    ...command,
  ];
}

/** The arguments of `ssh` for one connection to the far side's engine, as the docker CLI makes it. */
export function sshArgs(target: SshEndpoint): string[] {
  return [...multiplex(), ...destination(target, ['-T'], ['docker', 'system', 'dial-stdio'])];
}

/**
 * The far side engine's socket forwarded to a socket here, over the master connection: each
 * of the kit's API connections is then a channel of it, with no process started on either
 * side. Only where the far side's docker CLI names a unix socket (`docker context inspect`);
 * otherwise undefined, and each connection runs `docker system dial-stdio` as the CLI does.
 */
function forwardedSocket(target: SshEndpoint): Promise<string | undefined> {
  const run = (options: string[], command: string[] = []) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('ssh', [...multiplex(), ...destination(target, options, command)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (c: Buffer) => {
        stdout += c;
      });
      child.stderr.on('data', (c: Buffer) => {
        stderr += c;
      });
      child.on('error', (error) => resolve({ code: -1, stdout, stderr: error.message }));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  return (async () => {
    const context = await run(
      ['-T'],
      ['docker', 'context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'],
    );
    if (context.code !== COMMAND_EXIT.success)
      throw new Error(`ssh exited ${context.code}: ${context.stderr.trim() || 'no message'}`);
    masters.push(target);
    const remote = context.stdout.trim();
    if (!remote.startsWith('unix://')) return undefined;
    const local = join(ownDir(), `engine-${masters.length}.sock`);
    const forward = await run(['-O', 'forward', '-L', `${local}:${remote.slice('unix://'.length)}`]);
    return forward.code === COMMAND_EXIT.success ? local : undefined;
  })();
}

/** A child's standard input and output as a socket, for Node's HTTP client. */
class StdioSocket extends Duplex {
  private stderr = '';

  constructor(private readonly child: ChildProcess) {
    super({ allowHalfOpen: true });
    const { stdout, stdin, stderr } = child;
    if (!stdout || !stdin || !stderr) throw new Error('ssh was started without its standard streams');
    stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) stdout.pause();
    });
    // The far side's end is the connection's end only when ssh ends well; otherwise ssh's reason.
    stdout.on('end', () => {
      const ended = () => (this.child.exitCode ? this.destroy(this.failure()) : this.push(null));
      if (this.child.exitCode !== null) ended();
      else this.child.once('close', ended);
    });
    stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    stdin.on('error', () => {}); // a far side that is gone: the exit says why
    child.on('error', (error) => this.destroy(error));
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.child.stdin?.write(chunk, (error) => {
      if (!error) return done();
      // ssh is gone (EPIPE): what it said on its way out is the reason.
      if (this.child.exitCode !== null) return done(this.failure());
      this.child.once('close', () => done(this.failure()));
    });
  }

  private failure(): Error {
    return new Error(`ssh exited ${this.child.exitCode}: ${this.stderr.trim() || 'no message'}`);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.child.stdin?.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill();
    done(error);
  }

  // What Node's HTTP client asks of a socket; a pipe has nothing to set.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }

  /** A connection kept alive between requests must not keep the process alive (the agent unrefs it while idle). */
  ref(): this {
    this.child.ref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr])
      (stream as unknown as { ref?: () => void } | null)?.ref?.();
    return this;
  }
  unref(): this {
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr])
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    return this;
  }
}

/**
 * An HTTP agent for the engine at the far side of an ssh:// endpoint: each connection a channel
 * of the master connection to the far side engine's forwarded socket, or else `ssh … docker
 * system dial-stdio`; kept alive between requests.
 */
export function sshAgent(target: SshEndpoint): Agent {
  const agent = new Agent({ keepAlive: true });
  let forwarded: Promise<string | undefined> | undefined;
  type Made = (error: Error | null, socket?: Duplex) => void;
  (agent as unknown as { createConnection: (o: unknown, made: Made) => undefined }).createConnection = (
    _options,
    made,
  ) => {
    forwarded ??= forwardedSocket(target);
    forwarded.then(
      (socket) =>
        made(
          null,
          socket
            ? connect(socket)
            : new StdioSocket(spawn('ssh', sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'] })),
        ),
      (error: Error) => {
        forwarded = undefined; // asked again on the next request
        made(error);
      },
    );
    return undefined;
  };
  return agent;
}

let shim: string | undefined;

/**
 * A folder to put first on the docker CLI's PATH, whose `ssh` is the user's own (the first
 * on PATH) with the kit's multiplexing options: the CLI's connections then share the API's
 * master connection instead of a handshake each. Made once per process, removed at its exit.
 */
export function sshShimDir(): string {
  if (shim) return shim;
  const real = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'ssh'))
    .find((file) => existsSync(file));
  if (!real) throw new Error('no ssh on PATH: an ssh:// endpoint needs it, as the docker CLI does');
  const dir = join(ownDir(), 'bin');
  mkdirSync(dir);
  writeFileSync(join(dir, 'ssh'), `#!/bin/sh\nexec ${real} ${multiplex().join(' ')} "$@"\n`, { mode: 0o755 });
  shim = dir;
  return dir;
}
