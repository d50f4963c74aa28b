import { buildScenarioImage } from './builds';
import { type CliResult, runDocker } from './cli';
import type { Scope } from './scope';

/** The kit's registry for this run, or an error saying why there is none. */
export function registryAddress(scope: Scope): string {
  const { registry } = scope.context;
  if ('unavailable' in registry) throw new Error(`no registry: ${registry.unavailable}`);
  return registry.address;
}

/** The reference of an image of this scenario's own in `registry`. */
export function registryRef(scope: Scope, registry: string, alias: string, tag = '1'): string {
  return `${registry}/${scope.names.repository(alias)}:${tag}`;
}

/** `docker push` with the real CLI; the pushed manifest is deleted from the registry when the scenario ends. */
export async function push(scope: Scope, ref: string): Promise<CliResult> {
  const result = await runDocker(scope.transcript, ['push', ref], { timeoutMs: 120_000 });
  if (result.exitCode !== 0)
    throw new Error(`could not push ${ref} to the registry: ${result.stderr.trim()}`);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(result.stdout)?.[1];
  const [host, ...path] = ref.replace(/:[^:/]+$/, '').split('/');
  const { registry } = scope.context;
  const fromKit = 'address' in registry && registry.address === host ? (registry.fromKit ?? host) : host;
  if (digest) {
    // Registries with deletion turned off answer 405: the manifest then stays, harmlessly.
    const manifest = `http://${fromKit}/v2/${path.join('/')}/manifests/${digest}`;
    scope.cleanup.push(`delete ${ref} from the registry`, async () => {
      await fetch(manifest, { method: 'DELETE', signal: AbortSignal.timeout(5000) });
    });
  }
  return result;
}

/** `docker pull` with the real CLI (the exit code is the caller's to judge). */
export function pull(scope: Scope, ref: string): Promise<CliResult> {
  return runDocker(scope.transcript, ['pull', ref], { timeoutMs: 120_000 });
}

/** `docker rmi` with the real CLI: the engine no longer has `ref`. */
export async function removeImage(scope: Scope, ...refs: string[]): Promise<void> {
  const result = await runDocker(scope.transcript, ['rmi', ...refs]);
  if (result.exitCode !== 0) throw new Error(`could not remove ${refs.join(' ')}: ${result.stderr.trim()}`);
}

/**
 * Puts an image of this scenario's own into the registry and takes it off the engine, with
 * the real CLI: afterwards the registry has it and the engine does not.
 */
export async function imageOnlyInRegistry(
  scope: Scope,
  from: string,
  registry: string,
  alias: string,
): Promise<string> {
  const ref = registryRef(scope, registry, alias);
  await buildScenarioImage(scope, from, ref);
  await push(scope, ref);
  await removeImage(scope, ref);
  return ref;
}
