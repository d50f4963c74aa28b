import { resolve } from 'node:path';
import type { Verb } from '../common/commands';
import { EXIT } from './command';
import { SUMMARIES } from './usage';

/** The installed command's name, as the kit's own messages name it. */
const COMMAND = 'npx docker-conformance-kit';

/** Each verb's runner script, beside this file. */
const SCRIPTS: Record<Verb, string> = {
  test: 'main',
  matrix: 'matrix',
  lab: 'lab',
  book: 'book',
  compare: 'compare',
  clean: 'clean',
};

const OVERVIEW = `docker-conformance-kit: what people believe about Docker, verified claim by claim on live engines.

Usage: ${COMMAND} <verb> [options]     ${COMMAND} <verb> --help for a verb's own

${Object.entries(SUMMARIES)
  .map(([verb, summary]) => `  ${verb.padEnd(9)}${summary}`)
  .join('\n')}

Reports go to ./reports (KIT_REPORTS_DIR). Exit codes, the same for every verb: 0 done as
expected, 1 not as expected, 2 bad input (one line saying what to do), 3 the kit failed,
130/143 interrupted.`;

/**
 * The installed command: `docker-conformance-kit VERB ARGS` runs the verb's runner as
 * `npm run VERB -- ARGS` does in a checkout, its reports under the caller's folder.
 */
function main(argv: string[]): void {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(`${OVERVIEW}\n`);
    process.exit(EXIT.ok);
  }
  if (verb === undefined) {
    process.stderr.write(
      `docker-conformance-kit: no verb given. Use one of ${Object.keys(SCRIPTS).join(', ')} (${COMMAND} --help).\n`,
    );
    process.exit(EXIT.badInput);
  }
  const script = SCRIPTS[verb as Verb];
  if (!script) {
    process.stderr.write(
      `docker-conformance-kit: there is no verb "${verb}". Use one of ${Object.keys(SCRIPTS).join(', ')} (${COMMAND} --help).\n`,
    );
    process.exit(EXIT.badInput);
  }
  // The verb's script answers --help itself, naming this command.
  process.env.KIT_INVOKED_AS = COMMAND;
  // The caller's folder, not the installed package's.
  process.env.KIT_REPORTS_DIR = resolve(process.cwd(), process.env.KIT_REPORTS_DIR || 'reports');
  process.argv = [process.argv[0] as string, script, ...rest];
  require(`./${script}`);
}

main(process.argv.slice(2));
