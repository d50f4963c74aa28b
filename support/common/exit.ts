/** The exit code of a command that succeeded, as a shell's `&&` reads it (the kit's own are in runner/command.ts). */
export const SUCCESS = 0;

/** Whether a command the kit ran (the docker CLI, a host tool) succeeded. */
export function succeeded(run: { exitCode?: number }): boolean {
  return run.exitCode === SUCCESS;
}
