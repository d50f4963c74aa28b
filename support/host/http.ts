import { connect } from 'node:net';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One HTTP GET with a deadline; rejects when nothing answers (refused, reset, timeout). */
export async function httpGet(url: string, timeoutMs = 3000): Promise<HttpAnswer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, body: await response.text() };
}

/** Reads what a plain TCP server says first; rejects when nothing answers. */
export async function readGreeting(host: string, port: number, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${host}:${port}`)));
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('end', () => resolve(data.trim()));
    socket.on('error', reject);
  });
}
