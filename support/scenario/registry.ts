import type { Images } from './images';
import type { Parts } from './parts';
import type { CliRun } from './recorder';

/** The kit's registry, as this scenario uses it: references of its own there, push, and what only the registry has. */
export class Registry {
  constructor(
    private readonly parts: Parts,
    private readonly images: Images,
  ) {}

  /** The registry's address, as the engine reaches it; throws when the run has none. */
  address(): string {
    const { registry } = this.parts.context;
    if ('unavailable' in registry) throw new Error(`no registry: ${registry.unavailable}`);
    return registry.address;
  }

  /** The reference of an image of this scenario's own in the registry. */
  ref(alias: string, tag = '1'): string {
    return `${this.address()}/${this.parts.names.repository(alias)}:${tag}`;
  }

  /** `docker push` with the real CLI; the pushed manifest is deleted from the registry when the scenario ends. */
  async push(ref: string): Promise<CliRun> {
    const { registry } = this.parts.context;
    const [host, ...path] = ref.replace(/:[^:/]+$/, '').split('/');
    const fromKit = 'address' in registry && registry.address === host ? (registry.fromKit ?? host) : host;
    let digest: string | undefined;
    const run = await this.parts.recorder.cli({
      args: () => ['push', ref],
      makes: {
        describe: `delete ${ref} from the registry`,
        // Registries with deletion turned off answer 405: the manifest then stays, harmlessly.
        run: async () => {
          if (!digest) return;
          const manifest = `http://${fromKit}/v2/${path.join('/')}/manifests/${digest}`;
          await fetch(manifest, { method: 'DELETE', signal: AbortSignal.timeout(5000) });
        },
      },
      timeoutMs: 120_000,
    });
    if (run.exitCode !== 0) throw new Error(`could not push ${ref} to the registry: ${run.stderr.trim()}`);
    digest = /digest: (sha256:[0-9a-f]{64})/.exec(run.stdout)?.[1];
    return run;
  }

  /**
   * Tags `source` into the registry, pushes it, removes both references from the engine and
   * pulls it back, with the real CLI; the reference it came back under.
   */
  async roundTrip(source: string, alias: string): Promise<string> {
    const ref = this.ref(alias);
    await this.images.tag(source, ref);
    await this.push(ref);
    await this.images.remove(ref, source);
    await this.images.pull(ref); // whether it came back is the scenario's to judge
    return ref;
  }

  /**
   * Puts an image of this scenario's own (`FROM from`, a new ID) into the registry and takes
   * it off the engine, with the real CLI: afterwards the registry has it and the engine does not.
   */
  async imageOnlyInRegistry(from: string, alias: string, tag = '1'): Promise<string> {
    const ref = this.ref(alias, tag);
    await this.images.build(ref, `FROM ${from}\n`);
    await this.push(ref);
    await this.images.remove(ref);
    return ref;
  }
}
