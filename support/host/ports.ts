import { createServer, type Server } from 'node:net';

/**
 * A TCP port free on this host right now, chosen by the kernel. Ports are never hard-coded,
 * so parallel scenarios and runs do not collide.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '0.0.0.0', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('the kernel gave no port');
  return address.port;
}

/** A plain (non-Docker) process holding a host port: it answers every connection with `greeting`. */
export interface PortHolder {
  port: number;
  greeting: string;
  close: () => Promise<void>;
}

/**
 * Holds `port` (a free one when 0) on all IPv4 interfaces, the way any other program on the
 * host could; rejects with EADDRINUSE when something holds it already.
 */
export async function holdPort(greeting: string, port = 0): Promise<PortHolder> {
  const server: Server = createServer((socket) => socket.end(`${greeting}\n`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the kernel gave no port');
  return {
    port: address.port,
    greeting,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
