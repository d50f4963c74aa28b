/** The daemon's message in an error from dockerode, as the CLI would print it. */
export function daemonError(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  const message = json?.message ?? (error instanceof Error ? error.message : String(error));
  return `Error response from daemon: ${message}`;
}

/** The HTTP status of a dockerode error, if the daemon answered. */
export function daemonStatus(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** Whether an error says the object is not there (already removed, never made). */
export function isNotFound(error: unknown): boolean {
  return daemonStatus(error) === 404 || /no such|not found/i.test(String((error as Error)?.message ?? error));
}

/** Node's codes for a connection that could not be made or was cut: the engine is not answering. */
const UNREACHABLE = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
/** Codes that mean the engine only when connecting (a missing file is ENOENT too). */
const ON_CONNECT = new Set(['ENOENT', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** Why an error from a call to the engine means the engine did not answer at all, or undefined when it answered. */
export function unreachable(error: unknown): string | undefined {
  if (daemonStatus(error) !== undefined) return undefined;
  const { code, message, syscall } = error as { code?: string; message?: string; syscall?: string };
  if (code && UNREACHABLE.has(code) && (!ON_CONNECT.has(code) || syscall === 'connect'))
    return `${code}${message ? `: ${message}` : ''}`;
  if (/socket hang up/i.test(message ?? '')) return 'the connection was cut (socket hang up)';
  return undefined;
}
