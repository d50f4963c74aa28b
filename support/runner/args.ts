import { spawnSync } from 'node:child_process';
import parse from '@cucumber/tag-expressions';
import { kitCommand, type Verb } from '../common/commands';
import { messageOf, SetupError } from '../common/errors';
import { LANGS, type Lang } from '../reports/i18n/lang';
import { SELF_TEST_ENV, SELF_TEST_PROFILES } from '../run/self-test';
import { EXIT } from './command';
import { runnerScript } from './scripts';

/** The values of an option given as `--long X`, `--long=X` or `-s X`. */
function optionValues(argv: readonly string[], long: string, short: string): string[] {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    if ((arg === long || arg === short) && argv[i + 1] !== undefined) values.push(argv[i + 1] as string);
    else if (arg.startsWith(`${long}=`)) values.push(arg.slice(long.length + 1));
  });
  return values;
}

/**
 * One of the kit's own options, `--long X` or `--long=X`, taken out of the arguments: its last
 * value (empty when `--long` ends them), whether it was given, and the rest in order.
 */
export function takeOption(argv: readonly string[], long: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === long) value = argv[++i] ?? '';
    else if (arg.startsWith(`${long}=`)) value = arg.slice(long.length + 1);
    else rest.push(arg);
  }
  return value === undefined ? { rest } : { value, rest };
}

/**
 * `--lang X` of the book and the matrix, `en` when absent, and the arguments without it. A
 * language the kit is not written in is one line.
 */
export function langOption(argv: readonly string[], command: Verb): { lang: Lang; rest: string[] } {
  const { value, rest } = takeOption(argv, '--lang');
  if (value === undefined) return { lang: 'en', rest };
  const lang = LANGS.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!lang) {
    throw new SetupError(
      `--lang ${value || '(nothing)'}: the kit is written in ${LANGS.join(' and ')} only.`,
      `Use ${kitCommand(command, '--lang pt-BR')}, or leave --lang out for English.`,
    );
  }
  return { lang, rest };
}

/** The values of every `--tags X`, `--tags=X` and `-t X` in cucumber's arguments. */
export function tagExpressionsIn(argv: readonly string[]): string[] {
  return optionValues(argv, '--tags', '-t');
}

/** Fails with one line when a tag expression does not parse, before anything touches the engine. */
export function checkTagExpressions(argv: readonly string[]): void {
  for (const expression of tagExpressionsIn(argv)) {
    try {
      parse(expression);
    } catch (error) {
      throw new SetupError(
        `Bad tag expression "${expression}": ${messageOf(error).split('\n')[0]?.replace(/\.+$/, '')}.`,
        `Write it as cucumber does, e.g. --tags "@claim:PRT-04" or --tags "@ports and not @needs:registry".`,
      );
    }
  }
}

/** Whether the arguments ask cucumber for something that needs no engine. */
export function needsNoEngine(argv: readonly string[]): boolean {
  return argv.some((arg) =>
    ['--dry-run', '-d', '--help', '-h', '--version', '-v', '--i18n-languages'].includes(arg),
  );
}

/** The values of every `--profile X`, `--profile=X` and `-p X`. */
export function profilesIn(argv: readonly string[]): string[] {
  return optionValues(argv, '--profile', '-p');
}

/**
 * Fails with one line when a profile is not one of those in cucumber.js, or is a self-test's
 * asked for outside its own runner (whose reports would stand where the user's verdicts do).
 */
export function checkProfiles(argv: readonly string[], known: readonly string[]): void {
  for (const profile of profilesIn(argv)) {
    if (!known.includes(profile)) {
      throw new SetupError(
        `Unknown profile "${profile}".`,
        `The profiles (in cucumber.js) are: ${known.join(', ')}; e.g. ${kitCommand('test', '--profile ci')}.`,
      );
    }
    const selfTest = SELF_TEST_PROFILES[profile];
    if (selfTest && process.env[SELF_TEST_ENV] !== profile) {
      throw new SetupError(
        `The profile "${profile}" is the kit's self-test (${selfTest.why}), not a verdict on the engine.`,
        `Run it with ${selfTest.runner}, which writes its reports in a folder of their own and leaves yours as they are.`,
      );
    }
  }
}

/**
 * Fails with cucumber-js's own one-line message when the arguments or profiles do not resolve
 * (an unknown option, a count that is not one, bad JSON), before anything touches the engine.
 */
export function checkCucumberOptions(argv: readonly string[], root: string): void {
  const check = spawnSync(process.execPath, [...runnerScript('cucumber-options'), ...argv], {
    cwd: root,
    encoding: 'utf8',
  });
  if (check.status === EXIT.ok) return;
  const said = `${check.stderr}${check.error ? messageOf(check.error) : ''}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/([^.!?)])$/, '$1.');
  if (check.status === EXIT.selectsNothing) {
    throw new SetupError(
      said,
      'Select with tags the features have (see the README, "Tags"), e.g. --tags @claim:PRT-04.',
    );
  }
  throw new SetupError(
    `cucumber-js refuses these options: ${said || `its check exited with ${check.status}.`}`,
    'See `npx cucumber-js --help` for its options, and the README for the profiles and tags.',
  );
}
