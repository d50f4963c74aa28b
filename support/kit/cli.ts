import { execa } from 'execa';
import { log } from './log';
import { commandLine, type Transcript } from './transcript';

export interface CliResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The docker CLI the kit drives: `KIT_DOCKER_CLI`, else `docker` on PATH. */
export function dockerCli(): string {
  return process.env.KIT_DOCKER_CLI || 'docker';
}

/**
 * Runs the real `docker` CLI against the engine at DOCKER_HOST and records it in the
 * transcript. Never throws for a non-zero exit: the exit code is the observation.
 */
export async function runDocker(
  transcript: Transcript,
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<CliResult> {
  const command = commandLine(['docker', ...args]);
  log.cli('%s', command);
  const result = await execa(dockerCli(), args, {
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    stdin: 'ignore',
    env: { DOCKER_CLI_HINTS: 'false' },
  });
  const exitCode = result.exitCode ?? (result.timedOut ? 124 : 1);
  const stderr = result.timedOut ? `${result.stderr}\n(timed out by the kit)` : result.stderr;
  transcript.record({ command, via: 'cli', exitCode, stdout: result.stdout, stderr });
  if (result.failed && result.exitCode === undefined && !result.timedOut) {
    throw new Error(`could not run the docker CLI (${dockerCli()}): ${result.shortMessage}`);
  }
  return { command, exitCode, stdout: result.stdout, stderr };
}
