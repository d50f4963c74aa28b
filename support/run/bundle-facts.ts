import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arch, hostname, release, type } from 'node:os';
import { join, relative } from 'node:path';
import { SetupError } from '../common/errors';
import type { EngineFingerprint } from '../engine/fingerprint';
import { featureFiles } from './claims';

type Env = Readonly<Record<string, string | undefined>>;

/** What an engine column may be called: the matrix's IDs and expectations files use the same names. */
export const ENGINE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** What makes a run's reports a bundle that can be merged anywhere: which engine, on which machine, of which catalog and features. */
export interface BundleFacts {
  engineId: string;
  host: { name: string; os: string; arch: string; ci?: string };
  hashes: { catalog: string; features: string };
}

/** KIT_ENGINE_ID, refused in one line when it cannot name a column. */
export function checkEngineId(env: Env = process.env): void {
  const id = env.KIT_ENGINE_ID;
  if (id !== undefined && id !== '' && !ENGINE_ID.test(id)) {
    throw new SetupError(
      `KIT_ENGINE_ID="${id}" cannot name an engine's column.`,
      'Use letters, digits, dots, dashes and underscores (at most 63), starting with a letter or digit: docker-29.7, prod-east-1.',
    );
  }
}

/** The bundle's facts for a run of the kit under `root` on `engine`. */
export function bundleFacts(root: string, engine: EngineFingerprint, env: Env = process.env): BundleFacts {
  return {
    engineId: env.KIT_ENGINE_ID || derivedEngineId(engine),
    host: { name: hostname(), os: `${type()} ${release()}`, arch: arch(), ...ciJob(env) },
    hashes: contentHashes(root),
  };
}

/** An engine's column name from what it reports: docker-29.7-containerd, docker-28.5-rootless, podman-6.1. */
export function derivedEngineId(engine: EngineFingerprint): string {
  const [major = '0', minor = '0'] = engine.serverVersion.split(/[.+-]/);
  const product = engine.product === 'Podman' ? 'podman' : 'docker';
  const extras = [
    engine.imageStore === 'containerd' ? 'containerd' : '',
    engine.rootless ? 'rootless' : '',
  ].filter(Boolean);
  return [`${product}-${major}.${minor}`, ...extras].join('-');
}

/** sha256 of the claim catalog, and of every feature file (their paths and texts, in order). */
export function contentHashes(root: string): BundleFacts['hashes'] {
  const features = createHash('sha256');
  for (const file of featureFiles(join(root, 'features')).sort()) {
    features
      .update(`${relative(root, file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  }
  return {
    catalog: createHash('sha256')
      .update(readFileSync(join(root, 'features', 'claims.md')))
      .digest('hex'),
    features: features.digest('hex'),
  };
}

/** The CI job the run is part of, where the CI says so in its environment. */
function ciJob(env: Env): { ci?: string } {
  if (env.GITHUB_ACTIONS === 'true') {
    return {
      ci: `GitHub Actions ${env.GITHUB_REPOSITORY ?? ''} run ${env.GITHUB_RUN_ID ?? '?'} job ${env.GITHUB_JOB ?? '?'}`,
    };
  }
  if (env.GITLAB_CI === 'true') {
    return {
      ci: `GitLab CI ${env.CI_PROJECT_PATH ?? ''} pipeline ${env.CI_PIPELINE_ID ?? '?'} job ${env.CI_JOB_NAME ?? '?'}`,
    };
  }
  return env.CI ? { ci: 'a CI job' } : {};
}
