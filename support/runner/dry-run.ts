import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenarioRuns } from '../reports/messages';
import { ownReports, ROOT } from '../reports/writers';
import { EXIT, runCommand } from './command';
import { cucumberBin } from './scripts';

/**
 * `npm run test:dry`: cucumber-js --dry-run, failing when a step is undefined or ambiguous
 * (cucumber-js 13 reports them in a dry run but still exits 0). Touches no engine; the profile's
 * reports go to reports/self-test/dry-run/, never over a run's.
 */
function main(argv: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'dck-dry-'));
  const messages = join(dir, 'dry-run.ndjson');
  const bin = cucumberBin();
  const run = spawnSync(
    process.execPath,
    [bin, '--dry-run', '--format', 'summary', '--format', `message:${messages}`, ...argv],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, KIT_REPORTS_DIR: ownReports('dry-run') } },
  );
  const bad = readScenarioRuns(messages).flatMap((run) =>
    run.steps
      .filter((step) => step.status === 'UNDEFINED' || step.status === 'AMBIGUOUS')
      .map((step) => `${step.status.toLowerCase()} step: ${run.uri}: ${step.text}`),
  );
  rmSync(dir, { recursive: true, force: true });
  for (const line of new Set(bad)) console.error(`docker-conformance-kit: ${line}`);
  return run.status !== EXIT.ok || bad.length > 0 ? EXIT.notAsExpected : EXIT.ok;
}

runCommand('test:dry', 'the dry run', main);
