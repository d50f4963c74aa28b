import { relative } from 'node:path';
import { ownReports } from '../reports/writers';
import { runCommand } from './command';
import { runSelfTest } from './self-test-run';

/**
 * `npm run test:flaky-drill`: the profile flaky-drill (the first attempt of the scenarios
 * KIT_DRILL_FLAKY selects fails on purpose, and is retried), its reports in
 * reports/self-test/flaky-drill/, where every report must call those scenarios flaky.
 */
function main(argv: string[]): number {
  const reports = ownReports('flaky-drill');
  const status = runSelfTest('flaky-drill', reports, argv);
  process.stdout.write(`docker-conformance-kit: the drill's reports: ${relative(process.cwd(), reports)}\n`);
  return status;
}

runCommand('test:flaky-drill', 'the flaky drill', main);
