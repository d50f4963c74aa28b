import { succeeded } from '../common/exit';
import type { Reason } from '../common/reasons';
import { cliVersion, runCli } from './cli';
import type { EngineFingerprint } from './fingerprint';

/** The builders a run can use: the engine's own through its API, and BuildKit where the engine and CLI offer it. */
export interface Builders {
  /** What builds through the Engine API: Docker's legacy builder, or Podman's buildah. */
  api: string;
  /** How the CLI reaches BuildKit (`docker buildx build`, or Docker 20.10's `DOCKER_BUILDKIT=1 docker build`), or why it cannot. */
  buildkit: { via: 'buildx' | 'DOCKER_BUILDKIT=1'; version: string } | { unavailable: Reason };
}

/** Which builders the engine and the docker CLI offer. */
export async function findBuilders(engine: EngineFingerprint): Promise<Builders> {
  if (engine.product === 'Podman') {
    return {
      api: 'buildah',
      buildkit: { unavailable: { code: 'podman-builds-with-buildah' } },
    };
  }
  const buildx = await runCli(['buildx', 'version']).catch(() => undefined);
  if (buildx !== undefined && succeeded(buildx))
    return {
      api: 'legacy',
      buildkit: { via: 'buildx', version: buildx.stdout.trim().split(/\s+/)[1] ?? '?' },
    };
  // The classic CLI drives the engine's embedded BuildKit itself, from 18.09 on.
  const client = await cliVersion().then(
    (cli) => cli.version,
    () => undefined,
  );
  const [major = 0, minor = 0] = (client ?? '').split('.').map(Number);
  if (client && (major > 18 || (major === 18 && minor >= 9)) && major < 23) {
    return { api: 'legacy', buildkit: { via: 'DOCKER_BUILDKIT=1', version: `docker CLI ${client}` } };
  }
  return {
    api: 'legacy',
    buildkit: {
      unavailable: { code: 'cli-without-buildx' },
    },
  };
}

/** The builders, as the fingerprint lists them. */
export function describeBuilders(builders: Builders): string[] {
  const buildkit =
    'via' in builders.buildkit
      ? [
          `BuildKit (${builders.buildkit.via === 'buildx' ? `buildx ${builders.buildkit.version}` : `DOCKER_BUILDKIT=1, ${builders.buildkit.version}`})`,
        ]
      : [];
  return [builders.api, ...buildkit];
}
