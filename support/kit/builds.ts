import { pack } from 'tar-stream';
import type { Labels } from './labels';
import { followStream, streamText } from './progress';
import type { Scope } from './scope';
import { removeScenarioImages } from './sweep';

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
  const sent = labelledDockerfile(dockerfile, scope.labels);
  tar.entry({ name: 'Dockerfile' }, sent);
  for (const [name, content] of Object.entries(options.files ?? {})) tar.entry({ name }, content);
  tar.finalize();
  scope.cleanup.push(`remove the images the build of ${ref} left`, () =>
    removeScenarioImages(scope.docker, scope.labels),
  );
  scope.cleanup.push(`remove image ${ref}`, async () => {
    await scope.docker.getImage(ref).remove({ force: true });
  });
  const stream = await scope.docker.buildImage(tar as unknown as NodeJS.ReadableStream, {
    t: ref,
    rm: true,
    forcerm: true,
    nocache: options.noCache ?? false,
  });
  const output = streamText(await followStream(scope.docker, stream));
  const id = (await scope.docker.getImage(ref).inspect()).Id;
  const context = Object.keys(options.files ?? {}).length > 0 ? ' (with a build context)' : '';
  scope.transcript.record({
    command: `docker build -t ${ref} -${context} <<'EOF'\n${sent.trimEnd()}\nEOF`,
    via: 'api',
    exitCode: 0,
    stdout: output,
    stderr: '',
  });
  return { ref, id, output };
}

/**
 * The Dockerfile with `labels` set right after each FROM. (`docker build --label` sets them
 * after the last instruction, so the intermediate images of a classic build that is
 * interrupted or fails would carry no run label, and no sweep could find them.)
 */
export function labelledDockerfile(dockerfile: string, labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  const label = `LABEL ${pairs.join(' ')}`;
  return dockerfile
    .split('\n')
    .flatMap((line) => (/^\s*FROM\s/i.test(line) ? [line, label] : [line]))
    .join('\n');
}

/**
 * An image of this scenario's own on top of `from`: the run's labels only, no layer added,
 * but a new ID, so a pull of it from a registry is really a pull.
 */
export function buildScenarioImage(scope: Scope, from: string, ref: string): Promise<BuiltImage> {
  return buildImage(scope, ref, `FROM ${from}\n`);
}
