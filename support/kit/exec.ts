import { PassThrough } from 'node:stream';
import type { CliResult } from './cli';
import type { ContainerRef } from './containers';
import type { Scope } from './scope';
import { commandLine } from './transcript';

/** Runs `cmd` inside a running container (`docker exec`), returning its exit code and output. */
export async function execIn(scope: Scope, ref: ContainerRef, cmd: string[]): Promise<CliResult> {
  const command = commandLine(['docker', 'exec', ref.name, ...cmd]);
  const exec = await scope.docker
    .getContainer(ref.id)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = collect();
  const err = collect();
  scope.docker.modem.demuxStream(stream, out.sink, err.sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  const result = { command, exitCode: ExitCode ?? -1, stdout: out.text(), stderr: err.text() };
  scope.transcript.record({ ...result, via: 'api' });
  return result;
}

/** `sh -c SCRIPT` in a running container. */
export function shellIn(scope: Scope, ref: ContainerRef, script: string): Promise<CliResult> {
  return execIn(scope, ref, ['sh', '-c', script]);
}

function collect(): { sink: PassThrough; text: () => string } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString() };
}
