import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { SetupError } from '../common/errors';
import { currentContextName, dockerConfigDir, readContext } from './context';
import { parseSshEndpoint, sshAgent } from './ssh';

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/** Where the engine under test is, and how the CLI is pointed at the same one. */
export interface Endpoint {
  /** `unix:///…`, `tcp://…`, `ssh://…`. */
  host: string;
  /** Where the endpoint came from, as the fingerprint says it. */
  source: string;
  /** TLS material, when the endpoint wants it. */
  tls?: { ca?: string; cert?: string; key?: string; verify: boolean };
  /** What the docker CLI's environment needs to talk to the same engine. */
  cliEnv: Record<string, string>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The endpoint exactly as the docker CLI resolves it: DOCKER_HOST (with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH); else the current context (DOCKER_CONTEXT, then the config's
 * currentContext), with its TLS material; else the default socket.
 */
export function resolveEndpoint(env: Env = process.env): Endpoint {
  if (env.DOCKER_HOST) {
    const certs = env.DOCKER_CERT_PATH || dockerConfigDir(env);
    const verify = Boolean(env.DOCKER_TLS_VERIFY);
    const tls = verify
      ? { ca: join(certs, 'ca.pem'), cert: join(certs, 'cert.pem'), key: join(certs, 'key.pem'), verify }
      : undefined;
    return { host: env.DOCKER_HOST, source: 'DOCKER_HOST', tls, cliEnv: {} };
  }
  const name = currentContextName(env);
  const from = env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : `${join(dockerConfigDir(env), 'config.json')}`;
  if (name === 'default') {
    return {
      host: DEFAULT_SOCKET,
      source: 'the default socket (no DOCKER_HOST, context "default")',
      cliEnv: {},
    };
  }
  const context = readContext(name, env);
  if (!context) {
    throw new SetupError(
      `The docker context "${name}" (named by ${from}) does not exist.`,
      'Choose one that `docker context ls` lists (docker context use NAME), or set DOCKER_HOST.',
    );
  }
  const { ca, cert, key } = context.tls;
  const tls = ca || cert || key ? { ca, cert, key, verify: !context.skipTlsVerify } : undefined;
  return {
    host: context.host,
    source: `docker context "${name}" (named by ${from})`,
    tls,
    cliEnv: { DOCKER_CONTEXT: name },
  };
}

/** The one line that refuses an ssh:// endpoint the CLI could not use either. */
function badSshEndpoint(endpoint: Endpoint, why: string): SetupError {
  return new SetupError(
    `The engine's endpoint ${endpoint.host} (from ${endpoint.source}) is not one ssh can reach: ${why}.`,
    'Give it as ssh://[USER@]HOST[:PORT], with a key ssh finds (ssh-agent or ~/.ssh/config), as `docker -H ssh://…` takes it.',
  );
}

/** Refuses, in one line, an ssh:// endpoint that names no host or carries what ssh does not take. */
export function requireUsableEndpoint(endpoint: Endpoint = resolveEndpoint()): void {
  if (endpoint.host.startsWith('ssh://')) sshTargetOf(endpoint);
}

/** Where an ssh:// endpoint leads, or the one line that refuses it. */
function sshTargetOf(endpoint: Endpoint) {
  const target = parseSshEndpoint(endpoint.host);
  if ('invalid' in target) throw badSshEndpoint(endpoint, target.invalid);
  return target;
}

/** A dockerode client for the endpoint the CLI would use. */
export function connectEngine(endpoint: Endpoint = resolveEndpoint()): Docker {
  // As the CLI does: through `ssh … docker system dial-stdio`, with the user's own ssh.
  if (endpoint.host.startsWith('ssh://')) {
    const target = sshTargetOf(endpoint);
    return new Docker({
      protocol: 'http',
      host: 'docker',
      port: 80,
      agent: sshAgent(target),
    } as Docker.DockerOptions);
  }
  // dockerode reads DOCKER_HOST and its TLS variables itself, as the CLI does.
  if (endpoint.source === 'DOCKER_HOST') return new Docker();
  if (endpoint.host.startsWith('unix://'))
    return new Docker({ socketPath: endpoint.host.slice('unix://'.length) });
  const url = new URL(endpoint.host.replace(/^tcp:/, endpoint.tls ? 'https:' : 'http:'));
  if (url.protocol === 'unix:') return new Docker({ socketPath: url.pathname });
  const read = (file?: string) => (file ? readFileSync(file) : undefined);
  return new Docker({
    protocol: url.protocol === 'ssh:' ? 'ssh' : endpoint.tls ? 'https' : 'http',
    host: url.hostname,
    port: url.port || (url.protocol === 'ssh:' ? 22 : endpoint.tls ? 2376 : 2375),
    username: url.username || undefined,
    ca: read(endpoint.tls?.ca),
    cert: read(endpoint.tls?.cert),
    key: read(endpoint.tls?.key),
  } as Docker.DockerOptions);
}

/** A dockerode client for another endpoint than the one under test (a swarm's other node). */
export function connectTo(host: string): Docker {
  return connectEngine({ host, source: 'KIT_SWARM_PEER', cliEnv: {} });
}

/** The host named by an endpoint URL (tcp://, http(s)://, ssh://); 127.0.0.1 for a socket. */
export function endpointHost(endpoint: string): string {
  if (!/^(?:tcp|http|https|ssh):\/\//.test(endpoint)) return '127.0.0.1';
  try {
    // tcp:// is not a scheme URL knows the host of; http:// parses the same way.
    return new URL(endpoint.replace(/^tcp:/, 'http:')).hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  } catch {
    return '127.0.0.1';
  }
}

/** Whether the endpoint can be on this machine at all: a socket, or a loopback address. */
export function isLocalEndpoint(endpoint: string): boolean {
  if (endpoint.startsWith('unix://') || endpoint.startsWith('npipe://')) return true;
  const host = endpointHost(endpoint);
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
