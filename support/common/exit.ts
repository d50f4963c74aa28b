/**
 * The exit codes of the commands the kit runs or shows in a transcript, as a shell reads them
 * (the kit's own are in runner/command.ts).
 */
export const COMMAND_EXIT = {
  /** It succeeded (`&&` goes on). */
  success: 0,
  /** It failed, or found nothing (`grep`, `test -e`). */
  failure: 1,
  /** `docker run` failed before the container ran (the engine refused it). */
  dockerRunFailed: 125,
  /** `curl` could not connect (what a transcript shows for a request that got no answer). */
  curlCouldNotConnect: 7,
  /** The program is not there. */
  notFound: 127,
  /** A shell's (and the engine's) exit code for a process ended by signal N is this plus N. */
  signalBase: 128,
} as const;

/** The signal that ended a command, from its exit code as a shell or the engine reports it (SIGSEGV: 139); undefined for a normal exit. */
export function endedBySignal(exitCode: number): string | undefined {
  return exitCode > COMMAND_EXIT.signalBase ? `signal ${exitCode - COMMAND_EXIT.signalBase}` : undefined;
}

/** A run's exit code of success, as a shell gives it. */
export const SUCCESS = COMMAND_EXIT.success;

/** Whether a command the kit ran (the docker CLI, a host tool) succeeded. */
export function succeeded(run: { exitCode?: number }): boolean {
  return run.exitCode === SUCCESS;
}

/** The exit code a command shown in a transcript would have: success when `ok`, else failure. */
export function exitCodeIf(ok: boolean): number {
  return ok ? COMMAND_EXIT.success : COMMAND_EXIT.failure;
}
