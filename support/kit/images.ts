import { extract } from 'tar-stream';
import { daemonError, daemonStatus, discardContainer } from './containers';
import { imageId } from './fixtures';
import type { Scope } from './scope';
import { commandLine } from './transcript';

/** Whether the engine has `ref`, recorded as `docker image inspect`. */
export async function imagePresent(scope: Scope, ref: string): Promise<boolean> {
  const id = await imageId(scope.docker, ref);
  scope.transcript.record({
    command: commandLine(['docker', 'image', 'inspect', '--format', '{{.Id}}', ref]),
    via: 'api',
    exitCode: id ? 0 : 1,
    stdout: id ?? '',
    stderr: id ? '' : `Error: No such image: ${ref}`,
  });
  return id !== undefined;
}

/** The engine's answer to creating a container from `image` through the Engine API alone. */
export interface ApiAnswer {
  status: number;
  message: string;
  containerId?: string;
}

/** `POST /containers/create` with nothing but an image, as any API client would send it. */
export async function createThroughApi(scope: Scope, image: string, name: string): Promise<ApiAnswer> {
  const body = JSON.stringify({ Image: image, Labels: scope.labels });
  const command = commandLine([
    ...curlTo(scope.context.engine.endpoint, `/containers/create?name=${name}`),
    ...['-X', 'POST', '-H', 'Content-Type: application/json', '-d', body],
  ]);
  let answer: ApiAnswer;
  try {
    const container = await scope.docker.createContainer({ name, Image: image, Labels: scope.labels });
    scope.cleanup.push(`remove container ${name}`, () => discardContainer(scope.docker, container.id));
    answer = { status: 201, message: `{"Id":"${container.id}"}`, containerId: container.id };
  } catch (error) {
    answer = {
      status: daemonStatus(error) ?? 0,
      message: daemonError(error).replace(/^Error response from daemon: /, ''),
    };
  }
  scope.transcript.record({
    command,
    via: 'api',
    exitCode: 0,
    stdout: `HTTP ${answer.status}\n${answer.message}`,
    stderr: '',
  });
  return answer;
}

/** `curl` aimed at an Engine API path, over the engine's socket or TCP address. */
function curlTo(endpoint: string, path: string): string[] {
  if (endpoint.startsWith('unix://')) {
    return ['curl', '-s', '--unix-socket', endpoint.slice('unix://'.length), `http://localhost${path}`];
  }
  return ['curl', '-s', `${endpoint.replace(/^tcp:/, 'http:').replace(/\/$/, '')}${path}`];
}

/** An image's ID and its layers' digests (`RootFS.Layers`). */
export interface ImageLayers {
  id: string;
  layers: string[];
}

/** The image's ID and layer digests, as `docker image inspect` shows them. */
export async function imageLayers(scope: Scope, ref: string): Promise<ImageLayers> {
  const inspect = await scope.docker.getImage(ref).inspect();
  const result = { id: inspect.Id, layers: inspect.RootFS?.Layers ?? [] };
  scope.transcript.record({
    command: commandLine(['docker', 'image', 'inspect', '--format', '{{.Id}} {{json .RootFS.Layers}}', ref]),
    via: 'api',
    exitCode: 0,
    stdout: `${result.id} ${JSON.stringify(result.layers)}`,
    stderr: '',
  });
  return result;
}

/**
 * What an engine adds to every container's root filesystem, whatever its image holds: mount
 * points for the kernel's file systems and the engine's own files (Docker's `.dockerenv`
 * and `/etc/hosts`…, Podman's `/run/.containerenv`).
 */
export const ENGINE_ADDED =
  /^(\.dockerenv|\.containerenv|dev|dev\/.*|proc|sys|run|run\/.*|etc|etc\/(hostname|hosts|resolv\.conf|mtab))$/;

/**
 * Every path in a fresh container's root filesystem made from `image` (`bin/busybox`): the
 * image's files plus the mount points the engine adds, read from `docker export` of a
 * container that was created and never started.
 */
export async function imageFiles(scope: Scope, image: string): Promise<string[]> {
  const name = scope.names.name('export');
  const container = await scope.docker.createContainer({ name, Image: image, Labels: scope.labels });
  scope.cleanup.push(`remove container ${name}`, () => discardContainer(scope.docker, container.id));
  const entries = new Set<string>();
  const untar = extract();
  untar.on('entry', (header, stream, next) => {
    const path = header.name.replace(/^\.?\//, '').replace(/\/$/, '');
    if (path) entries.add(path);
    stream.on('end', next);
    stream.resume();
  });
  const tar = await container.export();
  await new Promise<void>((resolve, reject) => {
    untar.on('finish', resolve);
    untar.on('error', reject);
    tar.pipe(untar);
  });
  await container.remove({ force: true });
  const sorted = [...entries].sort();
  scope.transcript.record({
    command: `docker export $(docker create ${image}) | tar -t`,
    via: 'api',
    exitCode: 0,
    stdout: `${sorted.length} paths: ${sorted.slice(0, 40).join(' ')}${sorted.length > 40 ? ' …' : ''}`,
    stderr: '',
  });
  return sorted;
}
