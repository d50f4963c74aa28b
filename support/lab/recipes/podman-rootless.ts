import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabEngine, writeClients, writeInside } from '../lab-engine';
import { alive } from '../processes';
import { onUnifiedHierarchy, restoreUnifiedCgroups, writeConf } from './podman';
import type { Recipe } from './recipe';
import { asRootlessUser, type RootlessUser } from './rootless-user';

/** The user rootless Podman runs as. */
const ROOTLESS: RootlessUser = { name: 'dck-podman', uid: 2346, subordinate: '200000:65536' };

/**
 * Podman from a Debian suite as most of its users run it: an ordinary user's `podman system
 * service`, with the release's default rootless network (pasta since Podman 5), the user
 * added to the root filesystem's own passwd and subuid files (in the engine's writable layer,
 * not the host's). `cgroupV2`: Podman 6, which refuses cgroup v1 (see podmanCgroupV2).
 */
export function podmanRootless(cgroupV2: boolean): Recipe {
  return {
    needs: { cgroupV2, registryCa: true },
    async prepare(engine) {
      writeClients(engine, join(engine.rootfs, 'usr', 'bin', 'docker'));
      if (!cgroupV2) {
        // runc: crun refuses hybrid cgroups. On cgroup v1 a rootless engine has no cgroups at all.
        writeConf(engine, ['runtime = "runc"'], []);
        return rootlessService(engine);
      }
      // Rootless Podman with cgroupfs makes its containers no cgroups there.
      onUnifiedHierarchy(engine);
      return rootlessService(engine);
    },
    whenMisnamed: (kind) =>
      `Debian's ${kind.suite} now ships another release: give it a kind of its own in support/lab/kinds.ts.`,
    cleanUp: (engine, problems) => {
      killStrays(engine, problems);
      restoreUnifiedCgroups(engine, problems);
    },
  };
}

/**
 * Ends the engine's processes that the lab's ties miss. netavark starts aardvark-dns (a user
 * network's resolver) in Podman's rootless network namespace, and it leaves its parent: it is
 * in neither the engine's network nor its mount namespace, and descends from none of its
 * processes. Its root is still the engine's: its mounts name the engine's writable layer.
 */
function killStrays(engine: LabEngine, problems: string[]): void {
  const strays = processesMounting(`upperdir=${join(engine.runDir, 'upper')},`);
  for (const pid of strays) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  const deadline = Date.now() + 5000;
  let left = strays.filter(alive);
  while (left.length > 0 && Date.now() < deadline) {
    pause(50);
    left = left.filter(alive);
  }
  for (const pid of left)
    problems.push(`process ${pid} (${commandOf(pid)}), in the engine's root filesystem`);
}

/** The processes whose mount table has a mount with `option` (this process's own excepted). */
function processesMounting(option: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/mountinfo`, 'utf8').includes(option);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

/** Blocks for `ms` (a recipe's clean-up is synchronous). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return 'gone';
  }
}

/**
 * The user's `podman system service` on a socket in the shared folder, its storage under the
 * engine's data root, seen at the same path from the host.
 */
function rootlessService(engine: LabEngine): string[] {
  // The kit's registry is a container on the engine's loopback, over plain HTTP: Podman, unlike
  // Docker, trusts no such registry unless told (any port of 127.0.0.1 matches this location).
  writeInside(
    engine,
    '/etc/containers/registries.conf.d/50-docker-conformance-kit.conf',
    '[[registry]]\nlocation = "127.0.0.1"\ninsecure = true\n',
  );
  return [
    ...asRootlessUser(engine, ROOTLESS, 'podman.sock'),
    'PODMAN_IGNORE_CGROUPSV1_WARNING=1',
    'podman',
    '--root',
    join(engine.dataDir, 'storage'),
    'system',
    'service',
    '--time=0',
    engine.env.DOCKER_HOST,
  ];
}
