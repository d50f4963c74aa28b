import { join } from 'node:path';
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import { featureTags } from '../run/claims';
import { profilesIn } from './args';
import { EXIT } from './command';

/**
 * Resolves cucumber-js's configuration (cucumber.js, the profiles, the arguments) as the real
 * run will, and exits EXIT.badInput with cucumber's own message when it does not resolve;
 * then EXIT.selectsNothing when a tag selection matches no scenario, naming the tags the
 * features have that come closest. Run as a child by `checkCucumberOptions`: cucumber's argument parser exits the
 * process on a bad option.
 */
async function main(argv: string[]): Promise<number> {
  let sources: Awaited<ReturnType<typeof loadConfiguration>>['runConfiguration']['sources'];
  try {
    ({ sources } = (
      await loadConfiguration({ profiles: profilesIn(argv), provided: argv })
    ).runConfiguration);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.badInput;
  }
  if (!sources.tagExpression || (await loadSources(sources)).plan.length > 0) return EXIT.ok;
  const known = featureTags(join(process.cwd(), 'features'));
  const asked = sources.tagExpression.match(/@[^\s()]+/g) ?? [];
  const closest = [...new Set(asked.flatMap((tag) => nearest(tag, known)))];
  process.stderr.write(
    `The tags ${sources.tagExpression} match no scenario. ${closest.length ? `Closest tags the features have: ${closest.join(', ')}.` : `The features' tags: ${known.slice(0, 12).join(', ')}….`}\n`,
  );
  return EXIT.selectsNothing;
}

/** The known tags nearest to `tag` by edit distance (the three nearest, none farther than half its length). */
function nearest(tag: string, known: string[]): string[] {
  const scored = known.map((k) => [k, distance(tag.toLowerCase(), k.toLowerCase())] as const);
  return scored
    .filter(([, d]) => d <= Math.max(2, tag.length / 2))
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([k]) => k);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.badInput);
  },
);
