import type Docker from 'dockerode';
import { waitFor } from '../common/wait';
import { isNotFound } from './errors';

// The kit's own bookkeeping on the engine (not a scenario's observation, so not in any
// transcript): looking an image up, throwing a container, a network or an image away.

/** The image's ID, or undefined when the engine does not have it. */
export async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch {
    return undefined;
  }
}

/**
 * Removes a container at once, running or not, with its anonymous volumes: what `docker rm -f`
 * does on Docker (SIGKILL, then remove). Podman's compatible API would first stop it with its
 * stop timeout, 10 s for a PID 1 that ignores SIGTERM, so the kit kills it first.
 */
export async function discardContainer(docker: Docker, id: string): Promise<void> {
  const container = docker.getContainer(id);
  await container.kill().catch(() => {}); // not running, or gone: the remove says which
  await container.remove({ force: true, v: true });
}

/**
 * Removes an image by force (`docker rmi -f`: every tag of it when `ref` is an ID, this tag
 * when it is a name); an image the engine does not have is gone already (a build that failed
 * tagged none).
 */
export async function discardImage(docker: Docker, ref: string): Promise<void> {
  await docker
    .getImage(ref)
    .remove({ force: true })
    .catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/**
 * Removes a network and waits until the engine no longer has it: a swarm manager answers
 * the removal of an overlay network that another node used before its own copy is gone.
 */
export async function discardNetwork(docker: Docker, idOrName: string): Promise<void> {
  await docker.getNetwork(idOrName).remove();
  await waitFor(
    async () => {
      try {
        await docker.getNetwork(idOrName).inspect();
        return undefined;
      } catch (error) {
        if (isNotFound(error)) return 'gone';
        throw error;
      }
    },
    {
      timeoutMs: 30_000,
      describe: (last) => `network ${idOrName} was removed but is still there${last ? `: ${last}` : ''}`,
    },
  );
}
