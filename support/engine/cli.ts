import { execa } from 'execa';
import { log } from '../common/log';
import { resolveEndpoint } from './endpoint';

/** What the docker CLI did: its exit code and output. */
export interface CliOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The docker CLI the kit drives: `KIT_DOCKER_CLI`, else `docker` on PATH. */
export function dockerCli(): string {
  return process.env.KIT_DOCKER_CLI || 'docker';
}

/**
 * Runs the real `docker` CLI against the engine under test. Never throws for a non-zero exit:
 * the exit code is the observation; only a CLI that cannot run at all throws.
 */
export async function runCli(
  args: readonly string[],
  timeoutMs = 60_000,
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<CliOutput> {
  log.cli('docker %s', args.join(' '));
  const result = await execa(dockerCli(), args, {
    reject: false,
    timeout: timeoutMs,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    // The engine the API talks to: the same context, where the endpoint came from one.
    env: { DOCKER_CLI_HINTS: 'false', ...resolveEndpoint().cliEnv, ...options.env },
  });
  if (result.failed && result.exitCode === undefined && !result.timedOut) {
    throw new Error(`could not run the docker CLI (${dockerCli()}): ${result.shortMessage}`);
  }
  return {
    exitCode: result.exitCode ?? (result.timedOut ? 124 : 1),
    stdout: result.stdout,
    stderr: result.timedOut
      ? `${result.stderr}\n(timed out by the kit after ${timeoutMs} ms)`
      : result.stderr,
  };
}
