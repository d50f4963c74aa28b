import { readlinkSync } from 'node:fs';
import type Docker from 'dockerode';
import { messageOf } from '../common/errors';
import { COMMAND_EXIT } from '../common/exit';
import { log } from '../common/log';
import { discardContainer } from './objects';
import { demux } from './stream';

/** Whether the kit runs on the engine's host, or why it does not. */
export type EngineHost = { here: true } | { here: false; why: string };

const NAMESPACES = ['net', 'pid'] as const;

/**
 * Whether this process shares the engine host's network and PID namespaces, so that the
 * engine's published ports are on this loopback and its containers' host PIDs are in this
 * /proc. The endpoint alone cannot say: a socket mounted into a CI job's container, or the
 * socket of Docker Desktop's VM, is local and yet not the engine's host. So a container in
 * the host's namespaces (`--network host --pid host`) names them, and the kit compares.
 * Rootless Docker's "host" namespaces are rootlesskit's (`rootlesskit`), never this
 * machine's; rootless Podman's are its user's, and are compared like any engine's.
 */
export async function findEngineHost(
  docker: Docker,
  image: string,
  labels: Record<string, string>,
  rootlesskit = false,
): Promise<EngineHost> {
  if (rootlesskit) {
    return {
      here: false,
      why: "the engine is rootless: its containers' host network and host PID namespace are rootlesskit's, not this machine's",
    };
  }
  let ours: string[];
  try {
    ours = NAMESPACES.map((ns) => readlinkSync(`/proc/self/ns/${ns}`));
  } catch {
    return { here: false, why: 'this machine has no /proc/self/ns, so the engine runs elsewhere (in a VM?)' };
  }
  let theirs: string[];
  try {
    theirs = await hostNamespaces(docker, image, labels);
  } catch (error) {
    return { here: false, why: `a container in the host's namespaces could not run (${messageOf(error)})` };
  }
  log.kit('engine host namespaces %o, ours %o', theirs, ours);
  if (theirs.join(' ') === ours.join(' ')) return { here: true };
  return {
    here: false,
    why: `the kit runs in other namespaces (${ours.join(' ')}) than the engine's host (${theirs.join(' ')}): in a container, or the engine in a VM`,
  };
}

/** `docker run --rm --network host --pid host IMAGE sh -c 'readlink /proc/self/ns/…'`, through the API. */
async function hostNamespaces(
  docker: Docker,
  image: string,
  labels: Record<string, string>,
): Promise<string[]> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['sh', '-c', NAMESPACES.map((ns) => `readlink /proc/self/ns/${ns}`).join('; ')],
    Labels: labels,
    HostConfig: { NetworkMode: 'host', PidMode: 'host' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const output = demux((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer).trim();
    if (StatusCode !== COMMAND_EXIT.success) throw new Error(`it exited with ${StatusCode}: ${output}`);
    return output.split('\n').map((line) => line.trim());
  } finally {
    await discardContainer(docker, container.id).catch(() => {});
  }
}
