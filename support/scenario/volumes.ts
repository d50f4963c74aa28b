import { labelArgs } from '../hygiene/labels';
import type { Parts } from './parts';

/** A named volume of this scenario's. */
export interface Volume {
  name: string;
}

/** `docker volume create`, labelled, removed when the scenario ends. */
export async function createVolume(parts: Parts, alias: string): Promise<Volume> {
  const name = parts.names.name(alias);
  const { docker, recorder } = parts;
  await recorder.act({
    command: ['docker', 'volume', 'create', ...labelArgs(recorder.labels), name],
    via: 'api',
    run: (labels) => docker.createVolume({ Name: name, Labels: labels }),
    makes: {
      describe: `remove volume ${name}`,
      run: () => docker.getVolume(name).remove(),
      attachedTo: true,
    },
    output: () => name,
  });
  return { name };
}
