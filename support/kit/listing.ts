import { runDocker } from './cli';
import { RUN_LABEL, SCENARIO_LABEL } from './labels';
import type { Scope } from './scope';

/**
 * The names `docker ps` (or `docker ps -a`) lists, with the real CLI, narrowed to this
 * scenario's containers by the kit's label so that others on the engine do not matter.
 */
export async function listedNames(scope: Scope, all: boolean): Promise<string[]> {
  const filters = [RUN_LABEL, SCENARIO_LABEL].flatMap((key) => [
    '--filter',
    `label=${key}=${scope.labels[key]}`,
  ]);
  const result = await runDocker(scope.transcript, [
    'ps',
    ...(all ? ['-a'] : []),
    ...filters,
    '--format',
    '{{.Names}}',
  ]);
  if (result.exitCode !== 0) throw new Error(`docker ps failed: ${result.stderr.trim()}`);
  return result.stdout.split('\n').filter(Boolean);
}
