import { constants } from 'node:os';
import { messageOf, SetupError } from '../common/errors';
import { endedBySignal } from '../common/exit';
import { type Script, usageOf, wantsHelp } from './usage';

/**
 * The kit's own exit codes: what every verb tells the shell that ran it, and what the options
 * check (cucumber-options.ts, run as a child before a run) tells the runner. One table for the
 * codes the kit gives; the codes it reads from the commands it runs are the other
 * (COMMAND_EXIT in common/exit.ts).
 */
export const EXIT = {
  /** Done, and every outcome as expected (or, for npm test, every scenario passed); the options resolve. */
  ok: 0,
  /** Done, and something is not as expected: a claim failed, drift, a leak. */
  notAsExpected: 1,
  /** Bad input, or nothing to run against: one line saying what to do (cucumber-js refuses the options). */
  badInput: 2,
  /** The kit itself failed, or the engine went away for good: one line. */
  kitFailed: 3,
  /**
   * The options check's alone, never a verb's: a tag selection matches no scenario (the
   * closest tags are on stderr), and the runner says so as bad input. Not 1, which is what a
   * child that crashed exits.
   */
  selectsNothing: 4,
  /** Interrupted by Ctrl-C (SIGINT) or by SIGTERM, after cleaning up: as a shell gives a process those signals ended. */
  SIGINT: endedBySignal(constants.signals.SIGINT),
  SIGTERM: endedBySignal(constants.signals.SIGTERM),
} as const;

/** The exit code of a run ended by `signal`. */
export function exitCodeOf(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT;
}

/**
 * The exit code of a child process that exited with `code` or was ended by `signal`, as a shell
 * gives it (128 + the signal's number: 130 for SIGINT, 143 for SIGTERM, 137 for SIGKILL).
 */
export function exitOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? constants.signals[signal] : undefined;
  return number === undefined ? EXIT.kitFailed : endedBySignal(number);
}

/** Whether an exit code says the run was interrupted. */
export function wasInterrupted(code: number): boolean {
  return code === EXIT.SIGINT || code === EXIT.SIGTERM;
}

/**
 * Ctrl-C and SIGTERM for a verb's whole life, the same way everywhere: each signal is handed to
 * `onSignal` with how many came so far (the first asks the work to stop and clean up, the
 * second may force it); a third exits at once.
 */
export function catchSignals(onSignal: (signal: NodeJS.Signals, count: number) => void): void {
  let count = 0;
  const handle = (signal: NodeJS.Signals) => {
    count++;
    if (count >= 3) process.exit(exitCodeOf(signal));
    onSignal(signal, count);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

/**
 * Runs a command's `main` on its arguments and exits with the code it returns. `--help` (or
 * `-h`) prints the script's usage and exits 0 before `main` touches anything. A SetupError
 * (bad input, nothing to run against) is one line and exit 2; anything else is the command
 * itself failing, one line and exit 3 (with the stack when DEBUG is set).
 */
export function runCommand(
  script: Script,
  what: string,
  main: (argv: string[]) => number | Promise<number>,
): void {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(`${usageOf(script)}\n`);
    process.exit(EXIT.ok);
  }
  // Through a promise, so a `main` that throws at once ends the same way as one that rejects.
  Promise.resolve(argv)
    .then(main)
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        if (error instanceof SetupError) {
          process.stderr.write(`docker-conformance-kit: ${error.message}\n`);
          process.exit(EXIT.badInput);
        }
        process.stderr.write(`docker-conformance-kit: ${what} itself failed: ${messageOf(error)}\n`);
        if (process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
        process.exit(EXIT.kitFailed);
      },
    );
}
