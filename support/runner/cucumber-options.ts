import { loadConfiguration } from '@cucumber/cucumber/api';
import { profilesIn } from './args';

/**
 * Resolves cucumber-js's configuration (cucumber.js, the profiles, the arguments) as the real
 * run will, and exits 2 with cucumber's own message when it does not resolve. Run as a child
 * by `checkCucumberOptions`: cucumber's argument parser exits the process on a bad option.
 */
const argv = process.argv.slice(2);
loadConfiguration({ profiles: profilesIn(argv), provided: argv }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
