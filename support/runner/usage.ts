import { kitCommand, type Verb } from '../common/commands';

/** The kit's runner scripts that answer `--help`: the verbs, and the checkout's own commands. */
export type Script =
  | Verb
  | 'bench'
  | 'test:falsified'
  | 'test:dry'
  | 'test:flaky-drill'
  | 'check:translations';

/** A verb's one-line summary, for the installed command's overview. */
export const SUMMARIES: Record<Verb, string> = {
  test: 'verify every claim on the engine at DOCKER_HOST; reports in ./reports',
  matrix: 'the suite on many engines, or --merge bundles from many machines, into one matrix',
  lab: 'engines in namespaces of their own: kinds, ls, up KIND, down ID|--all, run KIND',
  book: "the claims as a browsable site with each engine's verdict and transcripts",
  compare: 'what changed between two conformance.json files',
  clean: "remove the kit's cached images from the engine, and the lab's root filesystems",
};

/** How the user runs `script` with `args`, here: the installed command, or npm in a checkout. */
function command(script: Script, args: string): string {
  if (script.includes(':') || script === 'bench') return `npm run ${script}${args ? ` -- ${args}` : ''}`;
  return kitCommand(script as Verb, args);
}

const EXIT_LINE =
  'Exit: 0 done as expected, 1 not as expected, 2 bad input (one line), 3 the kit failed, 130/143 interrupted.';

const HELP: Record<Script, () => string> = {
  test: () => `Usage: ${command('test', '[--expectations FILE] [CUCUMBER OPTIONS]')}

Runs every claim's scenarios on the engine at DOCKER_HOST (or the current docker context)
and writes a result bundle into ./reports (KIT_REPORTS_DIR): conformance.{md,json},
junit.xml, cucumber.ndjson and .html, allure-results/.

  --tags EXPR        only the scenarios EXPR selects: "@claim:PRT-04", "@networks and not @serial"
  --profile NAME     ci (every step printed), parallel (KIT_PARALLEL workers), default
  --dry-run          check that every step is defined; touches no engine (reports in
                     ./reports/self-test/dry-run, never over a run's)
  --retry N          run a failing scenario again, up to N times
  --expectations FILE  judge the run against the outcomes FILE expects (the format of
                     expectations/*.yaml): exit 0 when every claim ends as it says, so a
                     job on an engine that diverges as expected is green

Environment: DOCKER_HOST, KIT_DOCKER_CLI, KIT_ENGINE_ID (the engine's column in a merged
matrix), KIT_REPORTS_DIR, KIT_REGISTRY, KIT_ONLINE; see the README, "Configuration".
Exit: 0 every claim holds (with --expectations: ends as expected), 1 a claim failed or a scenario broke, 2 bad input or no engine,
3 the kit failed, 130/143 interrupted.`,
  matrix: () => `Usage: ${command('matrix', '[ENGINE...] [--parallel N] [--lang en|pt-BR] [-- TEST OPTIONS]')}
       ${command('matrix', '--merge PATH... [--engines a,b,c] [--allow-mixed]')}

Runs the suite on each engine (lab kinds the kit brings up, as root; DOCKER_HOST URLs;
docker contexts; ID=URL; docker-X.Y=bundle:PATH for a Docker release's static bundle) and
writes ./reports/matrix/matrix.{md,json,html}, judged against expectations/<engine>.yaml;
matrix.pt-BR.html is the page in Brazilian Portuguese, and --lang pt-BR names it.

--merge reads result bundles (reports folders of ${command('test', '')}, folders of them, tar
archives) from other machines instead: two bundles of one engine ID are two attempts
(flaky where they disagree); --engines names the engines expected (one without a bundle
is "not reported"); bundles of different kits are refused unless --allow-mixed, and so is
a report of the kit's self-tests.

Exit: 0 every outcome as expected, 1 not as expected, 2 bad input, 3 the kit failed.`,
  lab: () => `Usage: ${command('lab', 'kinds | ls | up KIND | down ID...|--all | run KIND [-- COMMAND...]')}

Brings up engines offline from Debian's suites or a Docker release bundle, each in a
network and mount namespace of its own (needs root). run brings one up, runs COMMAND
inside its namespace (${command('test', '')} by default) and takes it down; its reports go to
./reports/lab/KIND, never over your own run's.

${EXIT_LINE}`,
  book: () => `Usage: ${command('book', '[--lang en|pt-BR]')}

Builds ./reports/book/: a page per claim with the notes' words, what really happens, the
verdict on each engine of the last matrix (or the last run of ${command('test', '')}) and its
transcripts. With neither, it says what to run first. A report of the kit's self-tests is
refused: its verdicts are not the engine's.

Both editions are written, each page linking to the other: English in ./reports/book/,
Brazilian Portuguese in ./reports/book/pt-BR/. --lang names the one to open.

${EXIT_LINE}`,
  compare: () => `Usage: ${command('compare', 'A.json B.json')}

Lists the claims whose outcome differs between two runs' conformance.json. A report of the
kit's self-tests is refused.

Exit: 0 the same outcomes, 1 some differ, 2 bad input, 3 the kit failed.`,
  clean: () => `Usage: ${command('clean', '[images | lab]')}

Removes what carries the kit's labels from the engine (never anything else), and the lab's
cached root filesystems and unpacked bundles when no lab engine is up.

${EXIT_LINE}`,
  bench: () => `Usage: ${command('bench', '')}
       ${command('bench', 'matrix [ENGINE...]')}

Times whole runs as a user sees them: cold (the kit's cached images removed first, then
built again), warm, and with two workers; KIT_BENCH_RUNS warm runs each (3). matrix times
one whole matrix. Its runs' reports and bench.md go to ./reports/bench, never over yours.

${EXIT_LINE}`,
  'test:falsified': () => `Usage: ${command('test:falsified', '[CUCUMBER OPTIONS]')}

Runs the falsified twins (support/test/falsified/: each claim's scenarios with the
observation made false) and passes only when every one fails, naming its claim. Its
reports go to ./reports/self-test/falsified, never over your own run's.

${EXIT_LINE}`,
  'test:dry': () => `Usage: ${command('test:dry', '[CUCUMBER OPTIONS]')}

cucumber-js --dry-run over the features: fails when a step is undefined or ambiguous.
Touches no engine; its reports go to ./reports/self-test/dry-run.

${EXIT_LINE}`,
  'test:flaky-drill': () => `Usage: ${command('test:flaky-drill', '[CUCUMBER OPTIONS]')}

Fails the first attempt of the scenarios KIT_DRILL_FLAKY selects (@claim:CTR-01 unless set)
and retries once: every report must call them flaky. Its reports go to
./reports/self-test/flaky-drill, never over your own run's.

${EXIT_LINE}`,
  'check:translations': () => `Usage: ${command('check:translations', '[--stamp ID|FEATURE...|all]')}

Checks the Brazilian Portuguese edition against the English it translates: every claim of
features/claims.md has its row in features/claims.pt-BR.md, every feature its NAME.pt-BR.md
beside it with the same rules, every note written in English its translation, and every
Portuguese text the words of features/glossary.pt-BR.yaml, and no English changed since its
Portuguese was written. Each gap is a line naming the claim, feature or note. Reads files
only; writes nothing.

--stamp records that the Portuguese of the claims (IMG-05) or features
(features/images/layers.feature) named, or all, translates their English as it is now:
once a translator has brought it up to date. It rewrites the stamps only.

Exit: 0 the edition is whole, 1 something lacks its Portuguese, 3 the kit failed.`,
};

/** `script`'s usage, as `--help` prints it. */
export function usageOf(script: Script): string {
  return HELP[script]();
}

/** Whether the arguments ask for help: `--help` or `-h` before any `--` (after it they are another command's). */
export function wantsHelp(argv: readonly string[]): boolean {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  return own.includes('--help') || own.includes('-h');
}
