import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
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

/**
 * One HTTP(S) request with a deadline, trusting `ca` (a PEM file) besides the usual CAs: the
 * kit's requests to its own registry, which may serve TLS with a certificate of its own.
 */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; ca?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const client = url.startsWith('https:') ? https : http;
  const ca = options.ca ? readFileSync(options.ca) : undefined;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca, timeout: options.timeoutMs ?? 5000 },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 5000} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}
