import { messageOf, SetupError } from '../common/errors';

/**
 * Runs a command's `main` on its arguments and exits with the code it returns. A SetupError
 * (bad input, nothing to run against) is one line and exit 2; anything else is the command
 * itself failing, one line and exit 3 (with the stack when DEBUG is set).
 */
export function runCommand(what: string, main: (argv: string[]) => number | Promise<number>): void {
  // Through a promise, so a `main` that throws at once ends the same way as one that rejects.
  Promise.resolve(process.argv.slice(2))
    .then(main)
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        if (error instanceof SetupError) {
          process.stderr.write(`docker-conformance-kit: ${error.message}\n`);
          process.exit(2);
        }
        process.stderr.write(`docker-conformance-kit: ${what} itself failed: ${messageOf(error)}\n`);
        if (process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
        process.exit(3);
      },
    );
}
