import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';

/** Whether an operation being timed is under way in this async context. */
const within = new AsyncLocalStorage<boolean>();

/**
 * Where the time of a run goes, for `npm run bench`: where KIT_OP_TIMINGS names a file (the
 * bench's own, never a user's report), each operation on the engine or the host appends one
 * line, `{"kind":"cli docker run","ms":271.4,"scenario":"w0-s3"}`. Elsewhere nothing is written
 * and nothing is measured.
 */
export async function timed<T>(kind: string, scenario: string, run: () => Promise<T>): Promise<T> {
  const file = process.env.KIT_OP_TIMINGS;
  // An operation within another (a wait inside a docker run) is the outer one's time.
  if (!file || within.getStore()) return run();
  const started = performance.now();
  try {
    return await within.run(true, run);
  } finally {
    const ms = Math.round((performance.now() - started) * 10) / 10;
    appendFileSync(file, `${JSON.stringify({ kind, ms, scenario })}\n`);
  }
}

/** One operation as timed() wrote it. */
export interface OpTiming {
  kind: string;
  ms: number;
  scenario: string;
}

/** The kind of an operation from the command it shows: how it ran and the program with, for docker, its subcommand (`api docker inspect`). */
export function opKind(how: string, command: string): string {
  const words = command.replace(/^[A-Z_]+=\S+ /, '').split(' ');
  const [program = '', sub = '', subsub = ''] = words;
  if (program === 'docker') {
    const management = ['image', 'container', 'network', 'volume', 'buildx', 'system'];
    return `${how} docker ${management.includes(sub) && /^[a-z]+$/.test(subsub) ? `${sub} ${subsub}` : sub}`;
  }
  return `${how} ${program}`;
}
