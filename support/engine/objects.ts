import type Docker from 'dockerode';
import { waitFor } from '../common/wait';
import { isNotFound } from './errors';

// The kit's own bookkeeping on the engine (not a scenario's observation, so not in any
// transcript): looking an image up, throwing a container or a network away.

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
