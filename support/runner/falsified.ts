import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioResults } from '../reports/conformance';
import { violationIn } from '../reports/details';
import { readScenarioRuns } from '../reports/messages';
import { ownReports, ROOT } from '../reports/writers';
import { taggedClaims } from '../run/claims';
import { EXIT, runCommand } from './command';
import { runSelfTest } from './self-test-run';

/**
 * `npm run test:falsified`: runs support/test/falsified/ (scenarios whose observation is made
 * false) through the kit, and passes only if every one of them failed with a ClaimViolation
 * naming its claim. A check that cannot fail would show up here as "passed". Its reports go to
 * reports/self-test/falsified/, never over the user's own run.
 */
function main(argv: string[]): number {
  const reports = ownReports('falsified');
  const status = runSelfTest('falsified', reports, argv);
  if (status === EXIT.badInput || !existsSync(join(reports, 'cucumber.ndjson'))) return EXIT.badInput;
  let wrong = 0;
  let failedAsExpected = 0;
  console.log('\nfalsified scenarios (each must fail, naming its claim):');
  for (const result of scenarioResults(readScenarioRuns(join(reports, 'cucumber.ndjson')))) {
    const claim = result.claims[0] ?? '?';
    const ok = result.outcome === 'failed' && violationIn(result.reason)?.claim === claim;
    const skipped = result.outcome === 'skipped';
    if (ok) failedAsExpected++;
    else if (!skipped) wrong++;
    console.log(
      `  ${ok ? 'fails as it must' : skipped ? 'skipped' : `WRONG (${result.outcome})`}  ${result.name}`,
    );
    console.log(`      ${result.detail}`);
  }
  const twins = taggedClaims(join(ROOT, 'support', 'test', 'falsified'));
  const untwinned = [...taggedClaims(join(ROOT, 'features'))].filter((id) => !twins.has(id)).sort();
  if (untwinned.length > 0) {
    console.log(`claims covered by features/ with no falsified twin: ${untwinned.join(' ')}`);
    wrong += untwinned.length;
  }
  console.log(`falsified: ${failedAsExpected} passed, ${wrong} failed`);
  return wrong === 0 && failedAsExpected > 0 ? EXIT.ok : EXIT.notAsExpected;
}

runCommand('test:falsified', 'the falsified run', main);
