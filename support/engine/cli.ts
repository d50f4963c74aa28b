import { delimiter } from 'node:path';
import { execa } from 'execa';
import { setupHint } from '../common/commands';
import { SetupError } from '../common/errors';
import { COMMAND_EXIT, succeeded } from '../common/exit';
import { log } from '../common/log';
import { resolveEndpoint } from './endpoint';
import type { EngineFingerprint } from './fingerprint';
import { sshShimDir } from './ssh';

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
  const endpoint = resolveEndpoint();
  // Over ssh://, the CLI's ssh shares the kit's master connection (see ssh.ts).
  const path = endpoint.host.startsWith('ssh://')
    ? { PATH: `${sshShimDir()}${delimiter}${process.env.PATH ?? ''}` }
    : {};
  const result = await execa(dockerCli(), args, {
    reject: false,
    timeout: timeoutMs,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    // The engine the API talks to: the same context, where the endpoint came from one.
    env: { DOCKER_CLI_HINTS: 'false', ...endpoint.cliEnv, ...path, ...options.env },
  });
  if (result.failed && result.exitCode === undefined && !result.timedOut) {
    throw new Error(`could not run the docker CLI (${dockerCli()}): ${result.shortMessage}`);
  }
  return {
    exitCode: result.exitCode ?? (result.timedOut ? COMMAND_EXIT.timedOut : COMMAND_EXIT.failure),
    stdout: result.stdout,
    stderr: result.timedOut
      ? `${result.stderr}\n(timed out by the kit after ${timeoutMs} ms)`
      : result.stderr,
  };
}

/**
 * The docker CLI's own version (`docker --version`, which asks no engine). A CLI that is not
 * there, or does not run, is refused in one line before anything else happens.
 */
export async function cliVersion(): Promise<{ path: string; version: string }> {
  const path = dockerCli();
  const run = await execa(path, ['--version'], { reject: false, stdin: 'ignore', timeout: 10_000 });
  const version = /version\s+([^\s,]+)/i.exec(run.stdout)?.[1];
  if (!succeeded(run) || !version) {
    const why =
      run.exitCode === undefined
        ? (run as { code?: string }).code === 'ENOENT'
          ? 'no such file'
          : (run.shortMessage ?? 'it could not run').split('\n')[0]
        : `it said: ${(run.stderr || run.stdout).trim().split('\n')[0] || `exit code ${run.exitCode}`}`;
    throw new SetupError(
      `The docker CLI ${path} does not run (${why}).`,
      `Install one (${setupHint()}), or point KIT_DOCKER_CLI at a working docker binary.`,
    );
  }
  return { path, version };
}

/**
 * Refuses, in one line, a CLI and an engine that cannot talk: the CLI asking the engine for its
 * version fails though the engine answers the kit's API (Docker 29.0–29.2 refuse clients below
 * API 1.44, and their CLI refuses engines below it). Every scenario that drives the CLI would
 * otherwise fail for it.
 */
export async function requireCliTalksTo(engine: EngineFingerprint): Promise<void> {
  const asked = await runCli(['version', '--format', '{{.Server.APIVersion}}'], 20_000);
  if (succeeded(asked) && asked.stdout.trim() !== '') return;
  const cli = await cliVersion();
  const said =
    (asked.stderr || asked.stdout).trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${asked.exitCode}`;
  throw new SetupError(
    `The docker CLI ${cli.path} (${cli.version}) and the engine at ${engine.endpoint} (${engine.product} ${engine.serverVersion}, API ${engine.apiVersion}, minimum ${engine.minApiVersion}) cannot talk: \`docker version\` said "${said}".`,
    `Point KIT_DOCKER_CLI at a docker CLI that speaks an API from ${engine.minApiVersion} to ${engine.apiVersion} (the engine's own release's CLI does).`,
  );
}
