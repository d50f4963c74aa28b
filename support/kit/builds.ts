import { pack } from 'tar-stream';
import { labelArgs } from './labels';
import { followStream, streamText } from './progress';
import type { Scope } from './scope';

export interface BuiltImage {
  ref: string;
  id: string;
  /** What the builder printed, as `docker build` shows it. */
  output: string;
}

/**
 * Builds `dockerfile` (plus `files`, its build context) with the engine's builder, tagged
 * `ref` and labelled with the run's labels, so the image is removed with the scenario and
 * swept if the run dies. The transcript shows the equivalent `docker build`.
 */
export async function buildImage(
  scope: Scope,
  ref: string,
  dockerfile: string,
  options: { files?: Record<string, string | Buffer>; noCache?: boolean } = {},
): Promise<BuiltImage> {
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, dockerfile);
  for (const [name, content] of Object.entries(options.files ?? {})) tar.entry({ name }, content);
  tar.finalize();
  scope.cleanup.push(`remove image ${ref}`, async () => {
    await scope.docker.getImage(ref).remove({ force: true });
  });
  const stream = await scope.docker.buildImage(tar as unknown as NodeJS.ReadableStream, {
    t: ref,
    labels: scope.labels,
    rm: true,
    forcerm: true,
    nocache: options.noCache ?? false,
  });
  const output = streamText(await followStream(scope.docker, stream));
  const id = (await scope.docker.getImage(ref).inspect()).Id;
  const context = Object.keys(options.files ?? {}).length > 0 ? ' (with a build context)' : '';
  scope.transcript.record({
    command: `docker build ${labelArgs(scope.labels).join(' ')} -t ${ref} -${context} <<'EOF'\n${dockerfile.trimEnd()}\nEOF`,
    via: 'api',
    exitCode: 0,
    stdout: output,
    stderr: '',
  });
  return { ref, id, output };
}

/**
 * An image of this scenario's own on top of `from`: the run's labels only, no layer added,
 * but a new ID, so a pull of it from a registry is really a pull.
 */
export function buildScenarioImage(scope: Scope, from: string, ref: string): Promise<BuiltImage> {
  return buildImage(scope, ref, `FROM ${from}\n`);
}
