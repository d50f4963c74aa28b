import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIND_PORT, type EngineKind } from '../kinds';
import { type LabEngine, removeCgroup, writeClients, writeInside } from '../lab-engine';
import type { Recipe } from './recipe';
import { asRootlessUser, type RootlessUser } from './rootless-user';
import { isObject, jsonSetting } from './user-settings';

/** Docker from a Debian suite: dockerd, or dockerd-rootless.sh, and the suite's CLI and buildx. */
export const debianDocker: Recipe = {
  needs: { cgroupV2: false, registryCa: false },
  async prepare(engine, kind) {
    writeClients(engine, join(engine.rootfs, 'usr', 'bin', 'docker'));
    if (kind.mirror) startMirror(engine);
    return kind.rootless ? rootlessDockerd(engine) : dockerd(engine, kind);
  },
  whenMisnamed: (kind) =>
    `Debian's ${kind.suite} now ships another release: give it a kind of its own in support/lab/kinds.ts.`,
  cleanUp: dockerCleanUp,
};

/** A Docker engine leaves the cgroup its containers went under. */
export function dockerCleanUp(engine: LabEngine, problems: string[]): void {
  if (engine.cgroupParent) removeCgroup(engine.cgroupParent, problems);
}

/**
 * dockerd with a data root, socket and cgroup parent of the engine's own, configured by
 * daemon.json in its writable layer (Docker 26 takes no --feature on the command line): the
 * kind's image store stated, unless it is the release's default, left to the engine.
 */
export function dockerd(engine: LabEngine, kind: EngineKind, binary = 'dockerd'): string[] {
  engine.cgroupParent = `dck-lab-${engine.id}`;
  const config = {
    ...(kind.imageStore && !kind.storeIsDefault
      ? { features: { 'containerd-snapshotter': kind.imageStore === 'containerd' } }
      : {}),
    ...(kind.firewall ? { 'firewall-backend': kind.firewall } : {}),
    ...(kind.mirror ? { 'registry-mirrors': [`http://${MIRROR}`] } : {}),
    ...extraDaemonConfig(),
  };
  writeInside(engine, '/etc/docker/daemon.json', `${JSON.stringify(config)}\n`);
  return [
    binary,
    '--data-root',
    join(engine.dataDir, 'docker'),
    '--host',
    engine.env.DOCKER_HOST as string,
    '--cgroup-parent',
    `/${engine.cgroupParent}`,
    // Containers still running when the engine is taken down get 2 s, not 15.
    '--shutdown-timeout',
    '2',
    // As docker:dind serves: plain tcp on every address, which recent releases refuse without --tls=false.
    ...(kind.stance === 'dind' ? ['--host', `tcp://0.0.0.0:${DIND_PORT}`, '--tls=false'] : []),
    // Where the far side's `docker system dial-stdio` looks for it, for an engine reached over ssh.
    ...(kind.stance === 'ssh' ? ['--host', 'unix:///var/run/docker.sock'] : []),
  ];
}

/**
 * Settings of the user's for every lab Docker's daemon.json (KIT_LAB_DAEMON_JSON, a JSON
 * object): a configuration to try, or a fault to drill (`{"userland-proxy-path": "/bin/false"}`
 * makes the engine refuse every published port).
 */
export function extraDaemonConfig(): Record<string, unknown> {
  return (
    jsonSetting<Record<string, unknown>>(
      'KIT_LAB_DAEMON_JSON',
      isObject,
      'daemon.json settings as one JSON object',
      '{"userland-proxy-path":"/bin/false"}',
    ) ?? {}
  );
}

/** Where a mirror kind's engine finds its mirror of the default registry, in its network namespace. */
const MIRROR = '127.0.0.1:5000';

/**
 * A registry (Debian's docker-registry, from this machine) in the engine's network namespace
 * at 127.0.0.1:5000, its access log in the run folder: the engine's mirror of Docker Hub. It
 * is a process of the namespace, so taking the engine down ends it.
 */
function startMirror(engine: LabEngine): void {
  const config = join(engine.runDir, 'mirror.yml');
  const log = join(engine.runDir, 'mirror-access.log');
  writeFileSync(
    config,
    `version: 0.1\nlog: { level: warn, accesslog: { disabled: false } }\nstorage: { filesystem: { rootdirectory: ${join(engine.dataDir, 'mirror')} }, delete: { enabled: true } }\nhttp: { addr: "${MIRROR}" }\n`,
  );
  const out = openSync(log, 'a');
  spawn('ip', ['netns', 'exec', engine.netns, 'docker-registry', 'serve', config], {
    detached: true,
    stdio: ['ignore', out, 'ignore'],
  }).unref();
  engine.env.KIT_REGISTRY_MIRROR = MIRROR;
  engine.env.KIT_REGISTRY_MIRROR_LOG = log;
}

/** The user a rootless Docker runs as. */
const ROOTLESS: RootlessUser = { name: 'dck-rootless', uid: 2345, subordinate: '100000:65536' };

/**
 * Docker as an ordinary user: Debian's dockerd-rootless.sh (rootlesskit, slirp4netns), its
 * socket in the shared folder.
 */
function rootlessDockerd(engine: LabEngine): string[] {
  return [
    ...asRootlessUser(engine, ROOTLESS, 'docker.sock'),
    '/usr/share/docker.io/contrib/dockerd-rootless.sh',
    '--data-root',
    join(engine.dataDir, 'docker'),
  ];
}
