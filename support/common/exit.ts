/**
 * The exit codes of the commands the kit runs or shows in a transcript, as a shell reads them:
 * the docker CLI, a host's tools, a program in a container, curl and wget as a transcript shows
 * them. One table for every code the kit reads; the kit's own exit codes, what its verbs tell
 * the shell that ran them, are the other table (EXIT in runner/command.ts). No file compares an
 * exit code with a bare number (support/test/architecture.test.ts).
 */
export const COMMAND_EXIT = {
  /** It succeeded (`&&` goes on). */
  success: 0,
  /** It failed, or found nothing (`grep`, `test -e`). */
  failure: 1,
  /** curl could not connect to the host (nothing listens, or nothing answered). */
  curlCouldNotConnect: 7,
  /** timeout (coreutils' and busybox's) ended the command it ran when its time was up. */
  timedOut: 124,
  /** `docker run` failed before the container ran (the engine refused it). */
  dockerRunFailed: 125,
  /** The program is not there. */
  notFound: 127,
} as const;

/** A run's exit code of success, as a shell gives it. */
export const SUCCESS = COMMAND_EXIT.success;

/** What a shell adds to a signal's number for a process that signal ended (SIGKILL: 137). */
const SIGNALLED = 128;
/** Linux's highest signal number (SIGRTMAX): an exit code above 128 + it is a program's own (ssh's 255). */
const LAST_SIGNAL = 64;

/** Whether a command the kit ran (the docker CLI, a host tool) succeeded. */
export function succeeded(run: { exitCode?: number }): boolean {
  return run.exitCode === SUCCESS;
}

/** The exit code a command shown in a transcript would have: success when `ok`, else failure. */
export function exitCodeIf(ok: boolean): number {
  return ok ? COMMAND_EXIT.success : COMMAND_EXIT.failure;
}

/** The exit code a shell gives a process ended by the signal numbered `signal` (128 + N). */
export function endedBySignal(signal: number): number {
  return SIGNALLED + signal;
}

/** The number of the signal that ended a process, read from the exit code a shell gave it; else undefined. */
export function signalOf(exitCode: number): number | undefined {
  return exitCode > SIGNALLED && exitCode <= SIGNALLED + LAST_SIGNAL ? exitCode - SIGNALLED : undefined;
}
