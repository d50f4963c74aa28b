import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** What a command run in a container printed, byte for byte, and how it ended. */
export interface ExecResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * `docker exec ID CMD…` through the Engine API, its output kept as bytes (a file read through
 * it may be binary: a bolt database). The kit's own plumbing: the caller records what it shows.
 */
export async function execIn(docker: Docker, id: string, cmd: readonly string[]): Promise<ExecResult> {
  const exec = await docker.getContainer(id).exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) => {
    const pass = new PassThrough();
    pass.on('data', (chunk: Buffer) => into.push(chunk));
    return pass;
  };
  docker.modem.demuxStream(stream, sink(out), sink(err));
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() };
}
