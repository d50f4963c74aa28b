import { spawnSync } from 'node:child_process';
import { ROOT } from '../reports/writers';
import { SELF_TEST_ENV } from '../run/self-test';
import { EXIT, exitOf } from './command';
import { runnerScript } from './scripts';

/**
 * Runs the kit's test verb with the self-test `profile`, its reports in `reports` (a folder of
 * the kit's own, not the user's), and returns its exit code.
 */
export function runSelfTest(profile: string, reports: string, argv: string[]): number {
  const run = spawnSync(process.execPath, [...runnerScript('main'), '--profile', profile, ...argv], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, KIT_REPORTS_DIR: reports, [SELF_TEST_ENV]: profile },
  });
  return run.error ? EXIT.kitFailed : exitOf(run.status, run.signal);
}
