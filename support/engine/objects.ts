import type Docker from 'dockerode';

// The kit's own bookkeeping on the engine (not a scenario's observation, so not in any
// transcript): looking an image up, throwing a container away.

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
