import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Docker from 'dockerode';
import { filesImage, sharedLibraries } from '../fixtures/files-image';
import type { LabEngine } from './lab-engine';

/** Where the kit finds the engine's socket in its container: mounted in, as CI executors and devcontainers do. */
const SOCKET_INSIDE = '/var/run/docker.sock';
/** The static busybox the kit's base image is made of (scripts/setup installs it): the container's shell. */
const BUSYBOX = '/bin/busybox';
/** What the kit's container takes from the environment it is started with. */
const PASSED = /^(KIT_|TS_NODE_|DEBUG$|CI$|FORCE_COLOR$|DOCKER_CONFIG$|DOCKER_CLI_HINTS$)/;

/**
 * The image the kit runs in on a lab engine of the `in-container` stance: busybox and the
 * shared libraries this machine's node loads, made offline like the kit's other images; the
 * kit, node and the engine's CLI are bind-mounted at their own paths when it runs.
 */
export async function prepareKitImage(engine: LabEngine, progress: (line: string) => void): Promise<void> {
  const docker = new Docker({ socketPath: socketOf(engine) });
  engine.kitImage = await filesImage(
    docker,
    {
      repository: 'docker-conformance-kit/kit-runner',
      files: [BUSYBOX, ...sharedLibraries(process.execPath)],
      links: { '/bin/sh': 'busybox', '/bin/env': 'busybox' },
      folders: ['/tmp', '/var/run'],
      changes: ['CMD ["sh"]'],
    },
    progress,
  );
}

function socketOf(engine: LabEngine): string {
  return (engine.env.DOCKER_HOST as string).slice('unix://'.length);
}

/**
 * What the kit's container needs of this machine, which the engine must see at the same paths
 * to mount it (it runs in a mount namespace of its own): the kit's checkout (and its reports),
 * node, the engine's CLI with its bundle, root filesystem and config, and the tools folder (the
 * registry binary the kit makes its registry image of). Called before the engine starts.
 */
export function shareWithKit(engine: LabEngine): void {
  const tools = join(engine.runDir, 'tools');
  mkdirSync(tools, { recursive: true });
  if (existsSync(REGISTRY_BINARY)) copyFileSync(REGISTRY_BINARY, join(tools, 'docker-registry'));
  const reports = process.env.KIT_REPORTS_DIR;
  engine.kitShares = [
    // A release bundle's binaries, which the engine's CLI runs from.
    ...(engine.shared ?? []),
    process.cwd(),
    dirname(process.execPath),
    engine.rootfs,
    join(engine.runDir, 'bin'),
    engine.env.DOCKER_CONFIG as string,
    tools,
    ...(reports && isAbsolute(reports) && !reports.startsWith(`${process.cwd()}/`) ? [reports] : []),
  ];
  for (const dir of engine.kitShares) mkdirSync(dir, { recursive: true });
  engine.shared = [...new Set([...(engine.shared ?? []), ...engine.kitShares])];
}

/** Debian's registry binary, which the kit makes its registry image of. */
const REGISTRY_BINARY = '/usr/bin/docker-registry';

/**
 * `docker run` of `argv` (node and the kit's runner) in a container of the engine, its socket
 * mounted in, with what shareWithKit shares at their own paths and the kit's settings passed
 * in. Removed when it ends (--rm).
 */
export function runInContainer(engine: LabEngine, argv: string[], env: NodeJS.ProcessEnv): string[] {
  if (!engine.kitImage || !engine.kitShares)
    throw new Error(`${engine.id} was not brought up to run the kit inside`);
  const mounts = [`${socketOf(engine)}:${SOCKET_INSIDE}`, ...engine.kitShares.map((dir) => `${dir}:${dir}`)];
  const passed = Object.entries(env).filter(([key, value]) => PASSED.test(key) && value !== undefined);
  return [
    engine.env.KIT_DOCKER_CLI as string,
    'run',
    '--rm',
    '--name',
    `dck-lab-kit-${engine.id}`,
    '--label',
    `docker-conformance-kit.lab=${engine.id}`,
    ...mounts.flatMap((mount) => ['-v', mount]),
    '-w',
    process.cwd(),
    '-e',
    `DOCKER_HOST=unix://${SOCKET_INSIDE}`,
    '-e',
    'HOME=/tmp',
    '-e',
    `PATH=/bin:/usr/bin:${join(engine.runDir, 'tools')}`,
    ...passed.flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    engine.kitImage,
    ...argv,
  ];
}
