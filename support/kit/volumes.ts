import { labelArgs } from './labels';
import type { Scope } from './scope';
import { commandLine } from './transcript';

/** Creates a named volume, labelled, removed when the scenario ends (`docker volume create`). */
export async function createVolume(scope: Scope, alias: string): Promise<string> {
  const name = scope.names.name(alias);
  await scope.docker.createVolume({ Name: name, Labels: scope.labels });
  scope.cleanup.push(`remove volume ${name}`, () => scope.docker.getVolume(name).remove());
  scope.transcript.record({
    command: commandLine(['docker', 'volume', 'create', ...labelArgs(scope.labels), name]),
    via: 'api',
    exitCode: 0,
    stdout: name,
    stderr: '',
  });
  return name;
}
