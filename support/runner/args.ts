import parse from '@cucumber/tag-expressions';
import { messageOf, SetupError } from '../kit/errors';

/** The values of every `--tags X`, `--tags=X` and `-t X` in cucumber's arguments. */
export function tagExpressionsIn(argv: readonly string[]): string[] {
  const expressions: string[] = [];
  argv.forEach((arg, i) => {
    if ((arg === '--tags' || arg === '-t') && argv[i + 1] !== undefined)
      expressions.push(argv[i + 1] as string);
    else if (arg.startsWith('--tags=')) expressions.push(arg.slice('--tags='.length));
  });
  return expressions;
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
  const profiles: string[] = [];
  argv.forEach((arg, i) => {
    if ((arg === '--profile' || arg === '-p') && argv[i + 1] !== undefined)
      profiles.push(argv[i + 1] as string);
    else if (arg.startsWith('--profile=')) profiles.push(arg.slice('--profile='.length));
  });
  return profiles;
}

/** Fails with one line when a profile is not one of those in cucumber.js. */
export function checkProfiles(argv: readonly string[], known: readonly string[]): void {
  for (const profile of profilesIn(argv)) {
    if (!known.includes(profile)) {
      throw new SetupError(
        `Unknown profile "${profile}".`,
        `The profiles (in cucumber.js) are: ${known.join(', ')}; e.g. npm test -- --profile ci.`,
      );
    }
  }
}
