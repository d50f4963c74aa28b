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
        `Bad tag expression "${expression}": ${messageOf(error).split('\n')[0]}.`,
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
