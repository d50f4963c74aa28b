import { type ChildProcess, spawn } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { messageOf, SetupError } from '../common/errors';
import { sayReason } from '../common/reasons-en';
import { cliVersion } from '../engine/cli';
import { describeEngine, type EngineFingerprint } from '../engine/fingerprint';
import { describeObjects } from '../hygiene/sweep';
import { driftOf, type Expectations, readExpectations } from '../matrix/expectations';
import { type ConformanceReport, describeTotals } from '../reports/conformance';
import {
  clearReports,
  ownReports,
  REPORTS,
  REPORTS_SHOWN,
  ROOT,
  requireWritableReports,
  writeReports,
} from '../reports/writers';
import { bundleFacts } from '../run/bundle-facts';
import { readCatalog } from '../run/claims';
import { describeOutage, type Outage, readOutage, readOutages } from '../run/outage';
import { CONTEXT_ENV, type PreparedRun, prepareRun, removeRunEverywhere } from '../run/run-context';
import { kitVersion } from '../run/run-facts';
import { checkSettings } from '../run/settings';
import { describeStandpoint } from '../run/standpoint';
import {
  checkCucumberOptions,
  checkProfiles,
  checkTagExpressions,
  needsNoEngine,
  profilesIn,
  tagExpressionsIn,
  takeOption,
} from './args';
import { catchSignals, EXIT, exitCodeOf, exitOf, runCommand } from './command';
import { cucumberBin } from './scripts';

/**
 * `npm test`: prepares a run once (engine fingerprint, sweep, fixtures, registry), runs
 * cucumber-js with the arguments given, then removes what the run left, checks for leaks
 * and writes the conformance summary. Interrupted (Ctrl-C, SIGTERM), it cleans up first.
 */
async function main(given: string[]): Promise<number> {
  const started = new Date();
  // The kit's own option, not cucumber's: a run judged against a file of expected outcomes.
  const { expectations: expectationsFile, rest: argv } = kitOptions(given);
  const expectations = expectationsFile
    ? readExpectations(expectationsFile, new Set(readCatalog(ROOT).map((c) => c.id)))
    : undefined;
  requireWritableReports();
  checkTagExpressions(argv);
  checkProfiles(argv, Object.keys(require(join(ROOT, 'cucumber.js'))));
  checkSettings();
  checkCucumberOptions(argv, ROOT);
  // A dry run (or cucumber's --version) writes its reports in a folder of its own, never over a run's.
  if (needsNoEngine(argv)) return runCucumber(argv, { KIT_REPORTS_DIR: ownReports('dry-run') });
  const cli = await cliVersion();

  clearReports();
  const progress = (line: string) => process.stderr.write(`  ${line}\n`);
  catchRunSignals();
  const prepared = await prepareRun(progress, printEngine);
  const { context } = prepared;
  if (signalled) {
    say('interrupted while preparing the run');
    await finishRun(prepared, true);
    return exitCodeOf(signalled);
  }
  if (prepared.swept.length > 0) {
    say(
      `removed ${prepared.swept.length} object(s) left by runs that died: ${describeObjects(prepared.swept)}`,
    );
  }
  say(`where the kit stands: ${describeStandpoint(context.standpoint)}`);
  say(`base image: ${context.base.ref} (${context.base.source})`);
  say(
    `registry: ${'address' in context.registry ? `${context.registry.address}, ${context.registry.source}` : `none — ${sayReason(context.registry.unavailable)}`}`,
  );
  say(
    `run id: ${context.runId} (every object this run makes is labelled docker-conformance-kit.run=${context.runId})`,
  );

  const extra: [string, string][] = [
    ['Where the kit stands', describeStandpoint(context.standpoint)],
    ['Run id', context.runId],
    ['Base image', `${context.base.ref} (${context.base.source})`],
    [
      'Registry',
      'address' in context.registry
        ? context.registry.address
        : `none (${sayReason(context.registry.unavailable)})`,
    ],
  ];
  const environment = [
    ...describeEngine(context.engine),
    ['Docker CLI', `${cli.version} (${cli.path})`],
    ...extra,
  ];
  const code = await runCucumber(argv, {
    [CONTEXT_ENV]: JSON.stringify(context),
    KIT_ENVIRONMENT_INFO: JSON.stringify(Object.fromEntries(environment)),
  });
  const interrupted = signalled !== undefined;
  const outage = readOutage(REPORTS);
  const survived = readOutages(REPORTS).filter((o) => o.backAfterSeconds !== undefined);
  // An engine that went away keeps what the run made: the next run's sweep removes it. One that
  // came back may have kept what the scenario in flight made (that scenario is an error naming
  // the outage): removed now, and the outage's, not a leak of the kit's.
  const leaked = outage
    ? await stopServices(prepared).then(() => [])
    : await finishRun(prepared, interrupted, survived);

  const report = writeReports(
    context.runId,
    context.engine,
    interrupted,
    {
      kit: kitVersion(ROOT),
      cli,
      startedAt: started.toISOString(),
      seconds: Math.round((Date.now() - started.getTime()) / 1000),
      selection: { tags: tagExpressionsIn(argv), profiles: profilesIn(argv) },
      leaks: leaked,
      ...bundleFacts(ROOT, context.engine),
      ...(outage ? { outage } : {}),
      ...(survived.length > 0 ? { outagesSurvived: survived } : {}),
    },
    environment as [string, string][],
  );
  say(`claims: ${describeTotals(report.totals)} — see ${join(REPORTS_SHOWN, 'conformance.md')}`);

  if (signalled) return exitCodeOf(signalled);
  if (outage) {
    process.stderr.write(`docker-conformance-kit: ${describeOutage(outage, notRunScenarios(report))}\n`);
    return EXIT.kitFailed;
  }
  if (leaked.length > 0) return EXIT.notAsExpected;
  if (expectations) return judgedAgainst(expectations, expectationsFile as string, report);
  return code;
}

/** `--expectations FILE` (or `=FILE`) taken out of the arguments cucumber gets. */
function kitOptions(argv: string[]): { expectations?: string; rest: string[] } {
  const { value, rest } = takeOption(argv, '--expectations');
  if (value === '')
    throw new SetupError(
      '--expectations names no file.',
      'Give it one: --expectations expectations/docker-29.7.yaml.',
    );
  return { expectations: value && resolve(value), rest };
}

/** The run judged against expectations: 0 when every claim ended as they say, else each drift, and 1. */
function judgedAgainst(expectations: Expectations, file: string, report: ConformanceReport): number {
  const drift = driftOf(report.claims, expectations);
  for (const d of drift) say(`not as expected: ${d.claim}: ${d.drift}`);
  say(
    drift.length === 0
      ? `every outcome as expected by ${relative(process.cwd(), file) || file}`
      : `${drift.length} outcome(s) not as expected by ${relative(process.cwd(), file) || file}`,
  );
  return drift.length === 0 ? EXIT.ok : EXIT.notAsExpected;
}

/** How many scenarios a run that lost its engine never ran. */
function notRunScenarios(report: ConformanceReport): number {
  return report.claims.flatMap((c) => c.scenarios).filter((s) => s.outcome === 'not run').length;
}

async function stopServices(prepared: PreparedRun): Promise<void> {
  await prepared
    .stopServices()
    .catch((error) => say(`could not stop the registry or the helper container: ${messageOf(error)}`));
}

/** Stops the registry, removes everything labelled with this run, and names what leaked (outlived its scenario). */
async function finishRun(
  prepared: PreparedRun,
  interrupted: boolean,
  survived: Outage[] = [],
): Promise<string[]> {
  await stopServices(prepared);
  // After an interrupt, requests the daemon had already accepted may still land: wait for quiet.
  const quietMs = interrupted ? 2000 : 0;
  const { found: left, failures } = await removeRunEverywhere(prepared, { quietMs });
  for (const failure of failures) say(`could not remove ${failure}`);
  if (left.length === 0) return [];
  // What the scenario in flight during an outage the engine came back from made is the outage's.
  const inFlight = new Set(survived.map((o) => o.scenarioLabel).filter(Boolean));
  const outages = left.filter((o) => inFlight.has(o.scenario));
  if (outages.length > 0) {
    const during = survived.map((o) => `${o.claim} (back after ${o.backAfterSeconds} s)`).join(', ');
    say(
      `the engine went away during ${during}: removed ${outages.length} object(s) the scenario in flight could not: ${describeObjects(outages)}`,
    );
  }
  const rest = left.filter((o) => !inFlight.has(o.scenario));
  if (rest.length === 0) return [];
  if (interrupted) {
    process.stdout.write('\n');
    say(`interrupted: removed ${rest.length} object(s) the run had made: ${describeObjects(rest)}`);
    return [];
  }
  say(
    `leak: ${rest.length} object(s) outlived the scenarios that made them: ${describeObjects(rest)} (now removed)`,
  );
  return rest.map((o) => `${o.kind} ${o.name}${o.scenario ? ` (scenario ${o.scenario})` : ''}`);
}

let child: ChildProcess | undefined;
let signalled: NodeJS.Signals | undefined;

function runCucumber(argv: string[], env: Record<string, string>): Promise<number> {
  const bin = cucumberBin();
  return new Promise<number>((resolve) => {
    child = spawn(process.execPath, [bin, ...argv], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (code, signal) => resolve(exitOf(code, signal)));
  });
}

/**
 * Ctrl-C and SIGTERM are caught for the runner's whole life: the first is passed to cucumber
 * and the run cleans up before exiting; a second kills cucumber; a third exits at once.
 */
function catchRunSignals(): void {
  catchSignals((signal, count) => {
    signalled = signal;
    if (child && child.exitCode === null && child.signalCode === null)
      child.kill(count > 1 ? 'SIGKILL' : signal);
  });
}

function printEngine(engine: EngineFingerprint): void {
  process.stdout.write('docker-conformance-kit — engine under test\n');
  for (const [key, value] of describeEngine(engine))
    process.stdout.write(`  ${`${key}:`.padEnd(16)}${value}\n`);
}

function say(line: string): void {
  process.stdout.write(`docker-conformance-kit: ${line}\n`);
}

runCommand('test', 'the harness', main);
