import type Docker from 'dockerode';

/** Where the runner shows build and pull progress. */
export type Progress = (line: string) => void;

interface ProgressEvent {
  stream?: string;
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/**
 * Follows a build, pull, push or import stream to its end, passing readable lines to
 * `progress`. Rejects with the engine's message when the stream reports an error.
 */
export async function followStream(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  progress: Progress = () => {},
): Promise<ProgressEvent[]> {
  const events = await new Promise<ProgressEvent[]>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: ProgressEvent[]) => (error ? reject(error) : resolve(output)),
      (event: ProgressEvent) => {
        const text =
          event.stream ?? (event.status ? `${event.id ? `${event.id}: ` : ''}${event.status}` : '');
        for (const line of text.split('\n')) if (line.trim()) progress(line.replace(/\s+$/, ''));
      },
    );
  });
  const failed = events.find((event) => event.error || event.errorDetail);
  if (failed) throw new Error(failed.errorDetail?.message ?? failed.error);
  return events;
}

/** What the stream printed, as the CLI would have shown it. */
export function streamText(events: ProgressEvent[]): string {
  return events
    .map((e) => e.stream ?? (e.status ? `${e.id ? `${e.id}: ` : ''}${e.status}\n` : ''))
    .join('')
    .trim();
}

/** Strips the 8-byte frame headers of a non-TTY log or exec stream. */
export function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString();
}
