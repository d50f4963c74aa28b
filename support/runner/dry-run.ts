import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './reports';

/**
 * `npm run test:dry`: cucumber-js --dry-run, failing when a step is undefined or ambiguous
 * (cucumber-js 13 reports them in a dry run but still exits 0). Touches no engine.
 */
function main(): number {
  const dir = mkdtempSync(join(tmpdir(), 'dck-dry-'));
  const messages = join(dir, 'dry-run.ndjson');
  const bin = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const run = spawnSync(
    process.execPath,
    [bin, '--dry-run', '--format', 'summary', '--format', `message:${messages}`, ...process.argv.slice(2)],
    { cwd: ROOT, stdio: 'inherit' },
  );
  const envelopes = readFileSync(messages, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  rmSync(dir, { recursive: true, force: true });
  const texts = new Map<string, string>();
  for (const e of envelopes)
    for (const step of e.pickle?.steps ?? []) texts.set(step.id, `${e.pickle.uri}: ${step.text}`);
  const pickleStepOf = new Map<string, string>();
  for (const e of envelopes)
    for (const step of e.testCase?.testSteps ?? []) pickleStepOf.set(step.id, step.pickleStepId);
  const bad = envelopes
    .filter((e) => ['UNDEFINED', 'AMBIGUOUS'].includes(e.testStepFinished?.testStepResult.status))
    .map(
      (e) =>
        `${e.testStepFinished.testStepResult.status.toLowerCase()} step: ${texts.get(pickleStepOf.get(e.testStepFinished.testStepId) ?? '')}`,
    );
  for (const line of new Set(bad)) console.error(`docker-conformance-kit: ${line}`);
  return run.status !== 0 || bad.length > 0 ? 1 : 0;
}

process.exit(main());
