import { resolve } from 'node:path';
import type { Verb } from '../common/commands';

/** The installed command's name, as the kit's own messages name it. */
const COMMAND = 'npx docker-conformance-kit';

const VERBS: Record<Verb, { script: string; summary: string; help: string }> = {
  test: {
    script: 'main',
    summary: 'verify every claim on the engine at DOCKER_HOST; reports in ./reports',
    help: `Usage: ${COMMAND} test [CUCUMBER OPTIONS]

Runs every claim's scenarios on the engine at DOCKER_HOST (or the current docker context)
and writes a result bundle into ./reports (KIT_REPORTS_DIR): conformance.{md,json},
junit.xml, cucumber.ndjson and .html, allure-results/.

  --tags EXPR        only the scenarios EXPR selects: "@claim:PRT-04", "@networks and not @serial"
  --profile NAME     ci (every step printed), parallel (KIT_PARALLEL workers), default
  --dry-run          check that every step is defined; touches no engine
  --retry N          run a failing scenario again, up to N times

Environment: DOCKER_HOST, KIT_DOCKER_CLI, KIT_ENGINE_ID (the engine's column in a merged
matrix), KIT_REPORTS_DIR, KIT_REGISTRY, KIT_ONLINE; see the README, "Configuration".
Exit: 0 every claim holds, 1 a claim failed or a scenario broke, 2 bad input or no engine,
3 the kit failed, 130/143 interrupted.`,
  },
  matrix: {
    script: 'matrix',
    summary: 'the suite on many engines, or --merge bundles from many machines, into one matrix',
    help: `Usage: ${COMMAND} matrix [ENGINE...] [--parallel N] [-- TEST OPTIONS]
       ${COMMAND} matrix --merge PATH... [--engines a,b,c] [--allow-mixed]

Runs the suite on each engine (lab kinds the kit brings up, as root; DOCKER_HOST URLs;
docker contexts; ID=URL; docker-X.Y=bundle:PATH for a Docker release's static bundle) and
writes ./reports/matrix/matrix.{md,json,html}, judged against expectations/<engine>.yaml.

--merge reads result bundles (reports folders of ${COMMAND} test, folders of them, tar
archives) from other machines instead: two bundles of one engine ID are two attempts
(flaky where they disagree); --engines names the engines expected (one without a bundle
is "not reported"); bundles of different kits are refused unless --allow-mixed.

Exit: 0 every outcome as expected, 1 not as expected, 2 bad input, 3 the kit failed.`,
  },
  lab: {
    script: 'lab',
    summary: 'engines in namespaces of their own: kinds, ls, up KIND, down ID|--all, run KIND',
    help: `Usage: ${COMMAND} lab kinds | ls | up KIND | down ID...|--all | run KIND [-- COMMAND...]

Brings up engines offline from Debian's suites or a Docker release bundle, each in a
network and mount namespace of its own (needs root). run brings one up, runs COMMAND
inside its namespace (${COMMAND} test by default) and takes it down.`,
  },
  book: {
    script: 'book',
    summary: "the claims as a browsable site with each engine's verdict and transcripts",
    help: `Usage: ${COMMAND} book

Builds ./reports/book/: a page per claim with the notes' words, what really happens, the
verdict on each engine of the last matrix (or the last run) and its transcripts.`,
  },
  compare: {
    script: 'compare',
    summary: 'what changed between two conformance.json files',
    help: `Usage: ${COMMAND} compare A.json B.json

Lists the claims whose outcome differs between two runs' conformance.json.`,
  },
  clean: {
    script: 'clean',
    summary: "remove the kit's cached images from the engine, and the lab's root filesystems",
    help: `Usage: ${COMMAND} clean [images | lab]

Removes what carries the kit's labels from the engine (never anything else), and the lab's
cached root filesystems and unpacked bundles when no lab engine is up.`,
  },
};

const OVERVIEW = `docker-conformance-kit: what people believe about Docker, verified claim by claim on live engines.

Usage: ${COMMAND} <verb> [options]     ${COMMAND} <verb> --help for a verb's own

${Object.entries(VERBS)
  .map(([verb, v]) => `  ${verb.padEnd(9)}${v.summary}`)
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
    process.exit(0);
  }
  if (verb === undefined) {
    process.stderr.write(
      `docker-conformance-kit: no verb given. Use one of ${Object.keys(VERBS).join(', ')} (${COMMAND} --help).\n`,
    );
    process.exit(2);
  }
  const known = VERBS[verb as Verb];
  if (!known) {
    process.stderr.write(
      `docker-conformance-kit: there is no verb "${verb}". Use one of ${Object.keys(VERBS).join(', ')} (${COMMAND} --help).\n`,
    );
    process.exit(2);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${known.help}\n`);
    process.exit(0);
  }
  process.env.KIT_INVOKED_AS = COMMAND;
  // The caller's folder, not the installed package's.
  process.env.KIT_REPORTS_DIR = resolve(process.cwd(), process.env.KIT_REPORTS_DIR || 'reports');
  process.argv = [process.argv[0] as string, known.script, ...rest];
  require(`./${known.script}`);
}

main(process.argv.slice(2));
