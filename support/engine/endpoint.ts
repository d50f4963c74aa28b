import Docker from 'dockerode';

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/** The endpoint the kit talks to, as the docker CLI would name it. */
export function engineEndpoint(): string {
  return process.env.DOCKER_HOST || DEFAULT_SOCKET;
}

/** A dockerode client for DOCKER_HOST (dockerode reads DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
export function connectEngine(): Docker {
  return new Docker();
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

/**
 * The host on which ports published by the engine are reached from here: KIT_PUBLISHED_HOST
 * (for a kit in a container of its own: the engine host's address as the container sees it),
 * else the endpoint's host.
 */
export function publishedHost(endpoint = engineEndpoint()): string {
  return process.env.KIT_PUBLISHED_HOST || endpointHost(endpoint);
}

/** Whether the endpoint can be on this machine at all: a socket, or a loopback address. */
export function isLocalEndpoint(endpoint: string): boolean {
  if (endpoint.startsWith('unix://') || endpoint.startsWith('npipe://')) return true;
  const host = endpointHost(endpoint);
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
