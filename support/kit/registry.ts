import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type Docker from 'dockerode';
import { type EngineFingerprint, publishedHost } from './engine';
import { messageOf, SetupError } from './errors';
import { imageId } from './fixtures';
import type { Labels } from './labels';
import { log } from './log';
import { freePort } from './ports';
import { followStream, type Progress } from './progress';
import { REGISTRY_PORT, registryConfig, registryImageFrom } from './registry-image';
import { waitFor } from './wait';

/**
 * The registry scenarios push to and pull from, or why there is none. `address` is where the
 * engine reaches it (in image references); `fromKit`, where the kit's own process does, when
 * that differs (a registry container on a remote engine's loopback).
 */
export type RegistryInfo = { address: string; fromKit?: string; source: string } | { unavailable: string };

export interface StartedRegistry {
  info: RegistryInfo;
  stop: () => Promise<void>;
}

const REGISTRY_IMAGE = 'registry:2';

/**
 * A real registry (distribution) on loopback: KIT_REGISTRY if set (it must answer); else
 * the distribution binary on PATH (Debian's docker-registry) on a free port; else the
 * registry image, if the engine has it or can pull it. None: registry scenarios are skipped.
 */
export async function startRegistry(
  docker: Docker,
  engine: EngineFingerprint,
  labels: Labels,
  progress: Progress,
): Promise<StartedRegistry> {
  const given = process.env.KIT_REGISTRY;
  if (given) {
    try {
      await waitUntilServing(given, 3000);
    } catch (error) {
      throw new SetupError(
        `No registry serves at KIT_REGISTRY=${given} (${messageOf(error)}).`,
        `Start it (curl http://${given}/v2/ should answer), or unset KIT_REGISTRY to let the kit start one.`,
      );
    }
    const refused = await whyEngineCannotPull(docker, given);
    if (refused) {
      throw new SetupError(
        `The engine cannot pull from the registry at KIT_REGISTRY=${given} (${refused}).`,
        `${PLAIN_HTTP_REMEDY}, or unset KIT_REGISTRY to let the kit start one.`,
      );
    }
    return { info: { address: given, source: 'KIT_REGISTRY' }, stop: async () => {} };
  }
  const binary = findOnPath(['docker-registry', 'registry']);
  // A registry on our loopback is on the daemon's loopback only when the daemon is local.
  const started =
    binary && engine.local
      ? await startBinary(binary)
      : await startImage(docker, labels, {
          why: binary ? "the kit is not on the engine's host" : 'no registry binary on PATH',
          // The binary can serve in a container only on an engine of this machine's architecture.
          binary: binary && sameArch(engine) ? binary : undefined,
          progress,
        });
  if (!('address' in started.info)) return started;
  const refused = await whyEngineCannotPull(docker, started.info.address);
  if (!refused) return started;
  await started.stop();
  const unavailable = `the engine cannot pull from the kit's registry at ${started.info.address} (${refused}); ${PLAIN_HTTP_REMEDY} and set KIT_REGISTRY to it`;
  return { info: { unavailable }, stop: async () => {} };
}

/** What to do when an engine refuses to speak plain HTTP to a registry. */
const PLAIN_HTTP_REMEDY =
  "list the registry as insecure (dockerd's insecure-registries, Podman's /etc/containers/registries.conf)";

/**
 * Why the engine cannot pull from the registry at `address`, or undefined when it can. It
 * asks for a tag no registry of the kit's has: "not found" means the engine got there.
 * (Docker talks plain HTTP to 127.0.0.0/8 unasked; Podman only to registries listed as insecure.)
 */
async function whyEngineCannotPull(docker: Docker, address: string): Promise<string | undefined> {
  try {
    await followStream(docker, await docker.pull(`${address}/docker-conformance-kit/probe:absent`));
    return 'it pulled an image the registry cannot have';
  } catch (error) {
    const message = messageOf(error);
    return /manifest unknown|not found/i.test(message) ? undefined : message;
  }
}

async function startBinary(binary: string): Promise<StartedRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'dck-registry-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  writeFileSync(join(dir, 'config.yml'), registryConfig(address, join(dir, 'data')));
  const child: ChildProcess = spawn(binary, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const stop = async () => {
    // A Ctrl-C reaches the whole process group, so the registry may be gone already.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(address, 10_000, () => child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    await stop();
    return {
      info: { unavailable: `${binary} did not start: ${messageOf(error)} ${stderr.trim()}` },
      stop: async () => {},
    };
  }
  log.registry('%s serving at %s', binary, address);
  return { info: { address, source: `${binary} (distribution) on a free port` }, stop };
}

/** How to get a registry image: why the binary is not used directly, and the binary, if one can serve in a container. */
interface ImageOptions {
  why: string;
  binary?: string;
  progress: Progress;
}

/**
 * A registry in a container on the engine: the registry:2 image if the engine has it; else
 * an image of the registry binary on this machine (no internet needed); else registry:2 pulled.
 */
async function startImage(docker: Docker, labels: Labels, options: ImageOptions): Promise<StartedRegistry> {
  const { why, binary, progress } = options;
  const unavailable = (reason: string): StartedRegistry => ({
    info: { unavailable: `${why}, and ${reason}` },
    stop: async () => {},
  });
  let image = REGISTRY_IMAGE;
  if (!(await imageId(docker, REGISTRY_IMAGE))) {
    let imported = "no registry binary of the engine's architecture here to import";
    if (binary) {
      try {
        image = await registryImageFrom(docker, binary, progress);
      } catch (error) {
        imported = `importing ${binary} failed (${messageOf(error)})`;
      }
    }
    if (image === REGISTRY_IMAGE) {
      try {
        await followStream(docker, await docker.pull(REGISTRY_IMAGE));
      } catch (error) {
        return unavailable(`${imported}, and ${REGISTRY_IMAGE} could not be pulled (${messageOf(error)})`);
      }
      // Some engines (Podman) end a failed pull's stream without an error message.
      if (!(await imageId(docker, REGISTRY_IMAGE)))
        return unavailable(`${imported}, and the pull of ${REGISTRY_IMAGE} brought no image`);
    }
  }
  // testcontainers waits for the registry's API. Its reaper pulls from Docker Hub, so it is
  // off: the kit's labels and sweep do the reaping.
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  // Where the kit reaches the container's ports; this also spares testcontainers a probe that pulls.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= publishedHost();
  const { GenericContainer, Wait } = await import('testcontainers');
  try {
    const container = await new GenericContainer(image)
      .withLabels(labels)
      .withExposedPorts(REGISTRY_PORT)
      .withWaitStrategy(Wait.forHttp('/v2/', REGISTRY_PORT))
      .start();
    // The engine pulls from its own loopback, where the container's port is published.
    const port = container.getMappedPort(REGISTRY_PORT);
    const made = image === REGISTRY_IMAGE ? `the ${REGISTRY_IMAGE} image` : `${image}, made from ${binary}`;
    return {
      info: {
        address: `127.0.0.1:${port}`,
        fromKit: `${container.getHost()}:${port}`,
        source: `${made} (${why})`,
      },
      stop: async () => {
        await container.stop({ remove: true, removeVolumes: true });
      },
    };
  } catch (error) {
    return unavailable(`${image} did not start (${messageOf(error)})`);
  }
}

/** Whether the engine runs on this machine's architecture (Docker says amd64 where Node says x64). */
function sameArch(engine: EngineFingerprint): boolean {
  const ours = ({ x64: 'amd64', ia32: '386' } as Record<string, string>)[process.arch] ?? process.arch;
  return engine.arch === ours;
}

async function waitUntilServing(address: string, timeoutMs: number, gaveUp: () => boolean = () => false) {
  const url = `http://${address}/v2/`;
  await waitFor(
    async () => {
      if (gaveUp()) throw new Error('the registry process exited');
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) }).catch((error: unknown) => {
        // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout…) is its cause.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(cause?.code ?? cause?.message ?? messageOf(error));
      });
      // A registry answers /v2/ with 200, or 401 when it wants credentials.
      if (response.status === 200 || response.status === 401) return true;
      throw new Error(`answered HTTP ${response.status}, not as a registry does (200 or 401)`);
    },
    { timeoutMs, describe: (last) => `GET ${url}: ${last ?? 'no answer'}` },
  );
}

function findOnPath(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}
