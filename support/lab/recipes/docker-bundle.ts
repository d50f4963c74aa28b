import { join } from 'node:path';
import { ensureBundle } from '../bundle';
import { writeClients } from '../lab-engine';
import { dockerCleanUp, dockerd } from './debian-docker';
import type { Recipe } from './recipe';

/**
 * A Docker release from its static bundle (Docker's download layout: docker/dockerd,
 * docker/docker, docker/docker-proxy, and maybe containerd, runc, docker-init): the bundle's
 * binaries first on the engine's PATH, and what it lacks, with the userland around it
 * (iptables, nft, buildx), from the kind's suite. The kit drives it with the bundle's own CLI.
 */
export const dockerBundle: Recipe = {
  needs: { cgroupV2: false, registryCa: false },
  async prepare(engine, kind) {
    if (!kind.bundle) throw new Error(`${kind.name} names no release bundle`);
    const bin = await ensureBundle(kind.bundle);
    engine.shared = [...(engine.shared ?? []), bin];
    // The CLI runs on the host, the engine inside: the same bundle folder, seen at one path.
    writeClients(engine, join(bin, 'docker'));
    return [
      'env',
      `PATH=${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      ...dockerd(engine, kind),
    ];
  },
  whenMisnamed: (kind) =>
    `Name the column for the release the bundle holds (docker-X.Y=bundle:PATH), or give ${kind.name} a bundle of that release.`,
  cleanUp: dockerCleanUp,
};
