import { readFileSync } from 'node:fs';
import { messageOf } from '../common/errors';
import { sayReason } from '../common/reasons-en';
import { waitFor } from '../common/wait';
import { demux } from '../engine/stream';
import type { RegistryReach } from '../fixtures/registry-reach';
import { request } from '../host/http';
import type { Images } from './images';
import type { Parts } from './parts';
import type { CliRun } from './recorder';

/** One request the registry served, from its access log. */
export interface RegistryRequest {
  method: string;
  path: string;
  status: number;
}

const MANIFESTS = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The kit's registry, as this scenario uses it: references of its own there, push, and what only the registry has. */
export class Registry {
  constructor(
    private readonly parts: Parts,
    private readonly images: Images,
  ) {}

  /** The registry's address, as the engine reaches it; throws when the run has none. */
  address(): string {
    const { registry } = this.parts.context;
    if ('unavailable' in registry)
      throw new Error(sayReason({ code: 'no-registry', why: registry.unavailable }));
    return registry.address;
  }

  /** The reference of an image of this scenario's own in the registry. */
  ref(alias: string, tag = '1'): string {
    return `${this.address()}/${this.parts.names.repository(alias)}:${tag}`;
  }

  /** `docker push` with the real CLI; the pushed manifest is deleted from the registry when the scenario ends. */
  async push(ref: string): Promise<CliRun> {
    const [, ...path] = ref.replace(/:[^:/]+$/, '').split('/');
    let digest: string | undefined;
    const run = await this.parts.recorder.cliMust({
      args: () => ['push', ref],
      makes: {
        describe: `delete ${ref} from the registry`,
        // Registries with deletion turned off answer 405: the manifest then stays, harmlessly.
        run: async () => {
          if (!digest) return;
          await this.reach().delete(`/v2/${path.join('/')}/manifests/${digest}`);
        },
      },
      timeoutMs: 120_000,
    });
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

  /**
   * The requests the registry served for this scenario's repositories while `action` ran, read
   * from the registry's own access log: which blobs it received and sent is what moved, whatever
   * the client printed.
   */
  async requestsDuring<T>(action: () => Promise<T>): Promise<{ result: T; requests: RegistryRequest[] }> {
    const mine = `/v2/${this.parts.names.repository('')}`;
    return this.logged(
      action,
      () => this.accessLog(),
      (sentinel) => this.reach().get(`/v2/?${sentinel}`),
      mine,
      this.logShown(),
    );
  }

  /**
   * The requests the engine's mirror of the default registry served for `library/NAME` while
   * `action` ran, from its access log: what the engine asked the default registry for.
   */
  async mirrorRequestsDuring<T>(
    action: () => Promise<T>,
  ): Promise<{ result: T; requests: RegistryRequest[] }> {
    const { mirror } = this.parts.context;
    if ('unavailable' in mirror) throw new Error(sayReason(mirror.unavailable));
    const read = async () => readFileSync(mirror.log, 'utf8').split('\n').filter(Boolean);
    const ask = (sentinel: string) => request(`http://${mirror.address}/v2/?${sentinel}`);
    return this.logged(action, read, ask, '/v2/library/', mirror.log);
  }

  private async logged<T>(
    action: () => Promise<T>,
    read: () => Promise<string[]>,
    ask: (sentinel: string) => Promise<unknown>,
    mine: string,
    shown: string,
  ): Promise<{ result: T; requests: RegistryRequest[] }> {
    const before = (await read()).length;
    const result = await action();
    // A request of the kit's own, after the action's: once it is logged, theirs are too.
    const sentinel = `kit-sentinel-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    // Whatever it answers, it is logged; a request that could not be made is said with the wait's end.
    const asked = await ask(sentinel).then(
      () => 'answered',
      (error: unknown) => `could not be made: ${messageOf(error)}`,
    );
    const lines = await waitFor(
      async () => {
        const log = await read();
        return log.some((line) => line.includes(sentinel)) ? log.slice(before) : undefined;
      },
      {
        timeoutMs: 10_000,
        describe: () =>
          `the registry's access log never showed the kit's own request (GET /v2/?${sentinel}, which ${asked})`,
      },
    );
    const requests = lines.flatMap(parseRequest).filter((r) => r.path.startsWith(mine));
    await this.parts.recorder.look({
      command: `grep '${mine}' ${shown}   # the registry's access log, during the command above`,
      via: 'host',
      run: async () => requests,
      output: (rs) => rs.map((r) => `${r.method} ${r.path} ${r.status}`).join('\n'),
    });
    return { result, requests };
  }

  /**
   * `requestsDuring` (of the kit's registry, or of the engine's mirror of the default one),
   * where the kit has that registry's log; where it has not, the action alone, and no requests
   * to judge (scenarios that need them are tagged @needs:registry-log or @needs:registry-mirror).
   */
  async requestsDuringIfLogged<T>(
    action: () => Promise<T>,
    of: 'registry' | 'mirror' = 'registry',
  ): Promise<{ result: T; requests?: RegistryRequest[] }> {
    const { registry, mirror } = this.parts.context;
    if (of === 'mirror')
      return 'unavailable' in mirror ? { result: await action() } : this.mirrorRequestsDuring(action);
    return 'accessLog' in registry && registry.accessLog
      ? this.requestsDuring(action)
      : { result: await action() };
  }

  /**
   * Puts `source` into the engine's mirror of the default registry as `name` (a repository
   * path and tag, `library/busybox:latest`), with the real CLI, and takes the tag off the
   * engine again. The mirror is the lab's, and goes with it.
   */
  async putInMirror(source: string, name: string): Promise<void> {
    const { mirror } = this.parts.context;
    if ('unavailable' in mirror) throw new Error(sayReason(mirror.unavailable));
    const ref = `${mirror.address}/${name}`;
    await this.images.tag(source, ref);
    await this.parts.recorder.cliMust({
      args: () => ['push', ref],
      timeoutMs: 120_000,
    });
    await this.images.remove(ref);
  }

  /** The layer digests of `ref` as the registry holds it (its manifest; for an index, the image's own). */
  manifestLayers(ref: string): Promise<string[]> {
    const [, path, tag] = /^[^/]+\/(.+):([^:/]+)$/.exec(ref) ?? [];
    const ran: string[] = [];
    const get = async (reference: string) => {
      const { answer, command } = await this.reach().get(`/v2/${path}/manifests/${reference}`, {
        Accept: MANIFESTS,
      });
      ran.push(command);
      return JSON.parse(answer.body) as {
        layers?: { digest: string }[];
        manifests?: { digest: string; platform?: { os?: string } }[];
      };
    };
    return this.parts.recorder.look({
      // As the kit asked it: from its own process (the equivalent curl), or from the registry's client container (exactly).
      command: () => ran.join(' ; '),
      via: this.reach().exact ? 'tool' : 'host',
      run: async () => {
        let manifest = await get(tag ?? 'latest');
        const image = manifest.manifests?.find((m) => m.platform?.os && m.platform.os !== 'unknown');
        if (image) manifest = await get(image.digest);
        return (manifest.layers ?? []).map((l) => l.digest);
      },
      output: (layers) => `layers: ${layers.join(' ')}`,
    });
  }

  /** How the kit's own requests reach the run's registry; throws when the run has none. */
  private reach(): RegistryReach {
    const { registry } = this.parts.reach;
    if ('unavailable' in registry)
      throw new Error(sayReason({ code: 'no-registry', why: registry.unavailable }));
    return registry;
  }

  private logShown(): string {
    const { registry } = this.parts.context;
    const log = 'accessLog' in registry ? registry.accessLog : undefined;
    if (!log) return 'the access log';
    return 'file' in log ? log.file : `<(docker logs ${log.container.slice(0, 12)})`;
  }

  /** The registry's access log, a line per request. */
  private async accessLog(): Promise<string[]> {
    const { registry } = this.parts.context;
    const log = 'accessLog' in registry ? registry.accessLog : undefined;
    if (!log)
      throw new Error("the kit has no access log of this registry (it is KIT_REGISTRY's, not the kit's own)");
    if ('file' in log) return readFileSync(log.file, 'utf8').split('\n').filter(Boolean);
    const raw = (await this.parts.docker
      .getContainer(log.container)
      .logs({ stdout: true, stderr: false })) as unknown as Buffer;
    return demux(raw).split('\n').filter(Boolean);
  }
}

/** A request of an access log in the common log format: `"GET /v2/… HTTP/1.1" 200 …`. */
function parseRequest(line: string): RegistryRequest[] {
  const m = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/.exec(line);
  return m ? [{ method: m[1] as string, path: m[2] as string, status: Number(m[3]) }] : [];
}
