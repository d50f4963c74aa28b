import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { extract, pack } from 'tar-stream';
import { exitCodeIf, succeeded } from '../common/exit';
import { sayReason } from '../common/reasons-en';
import { runCli } from '../engine/cli';
import { discardContainer, discardImage, imageId } from '../engine/objects';
import { followStream, streamText } from '../engine/stream';
import type { Labels } from '../hygiene/labels';
import { removeScenarioImages } from '../hygiene/sweep';
import type { Container } from './container';
import type { Parts } from './parts';
import type { CliRun } from './recorder';

/** An image's ID and its layers' digests (`RootFS.Layers`). */
export interface ImageLayers {
  id: string;
  layers: string[];
}

/** Which builder builds: the engine's own through the Engine API, or BuildKit through the CLI. */
export type Builder = 'api' | 'buildkit';

/** What a build may be given besides its Dockerfile: a build context, no cache, a builder. */
export interface BuildOptions {
  files?: Record<string, string | Buffer>;
  noCache?: boolean;
  builder?: Builder;
}

/**
 * How an image of the scenario's is named from its alias: `NAME:1` (tagged), `NAME` (a bare
 * name, `latest` implied), or `ADDRESS/REPOSITORY:1` in the run's registry.
 */
export type ImageNaming = 'tagged' | 'bare' | 'registry';

/** An image this scenario built: its reference, ID, and what the builder printed. */
export interface BuiltImage {
  ref: string;
  id: string;
  output: string;
}

/**
 * What an engine adds to every container's root filesystem, whatever its image holds: mount
 * points for the kernel's file systems and the engine's own files (Docker's `.dockerenv`
 * and `/etc/hosts`…, Podman's `/run/.containerenv`).
 */
export const ENGINE_ADDED =
  /^(\.dockerenv|\.containerenv|dev|dev\/.*|proc|sys|run|run\/.*|etc|etc\/(hostname|hosts|resolv\.conf|mtab))$/;

/** Building, looking at, moving and removing images, for one scenario. */
export class Images {
  constructor(private readonly parts: Parts) {}

  /**
   * Builds `dockerfile` (plus `files`, its build context), tagged `ref`, the scenario's labels
   * set right after each FROM: the image, and every intermediate one of a build that fails or
   * is cut short, goes with the scenario. With the engine's own builder through the Engine API
   * (the legacy builder, or Podman's buildah), or with BuildKit through the real CLI.
   */
  build(ref: string, dockerfile: string, options: BuildOptions = {}): Promise<BuiltImage> {
    const sent = labelledDockerfile(dockerfile, this.parts.recorder.labels);
    return options.builder === 'buildkit'
      ? this.buildKit(ref, sent, options.noCache)
      : this.buildWithApi(ref, sent, options);
  }

  private buildWithApi(ref: string, sent: string, options: BuildOptions) {
    const { docker, recorder } = this.parts;
    const context = Object.keys(options.files ?? {}).length > 0 ? ' (with a build context)' : '';
    return recorder.act({
      command: `docker build${options.noCache ? ' --no-cache' : ''} -t ${ref} -${context} <<'EOF'\n${sent.trimEnd()}\nEOF`,
      via: 'api',
      makes: {
        describe: `remove image ${ref} and what its build left`,
        run: async () => {
          await discardImage(docker, ref);
          await removeScenarioImages(docker, recorder.labels);
        },
      },
      run: async () => {
        const tar = pack();
        tar.entry({ name: 'Dockerfile' }, sent);
        for (const [name, content] of Object.entries(options.files ?? {})) tar.entry({ name }, content);
        tar.finalize();
        const stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, {
          t: ref,
          rm: true,
          forcerm: true,
          nocache: options.noCache ?? false,
        });
        const output = streamText(await followStream(docker, stream));
        return { ref, id: (await docker.getImage(ref).inspect()).Id, output };
      },
      output: (built) => built.output,
    });
  }

  /**
   * `docker buildx build` (or, with a CLI that has no buildx, `DOCKER_BUILDKIT=1 docker
   * build`) with the real CLI, the Dockerfile on its standard input. BuildKit keeps its cache
   * in records of its own, which carry no labels: the scenario prunes those whose description
   * names it (its RUN lines use the scenario's names), and no other worker's.
   */
  private async buildKit(ref: string, sent: string, noCache = false): Promise<BuiltImage> {
    const { docker, recorder, context } = this.parts;
    const buildkit = context.builders.buildkit;
    if (!('via' in buildkit)) throw new Error(sayReason({ code: 'no-buildkit', why: buildkit.unavailable }));
    const flags = ['--progress=plain', ...(noCache ? ['--no-cache'] : []), '-t', ref, '-'];
    const run = await recorder.cli({
      args: () => (buildkit.via === 'buildx' ? ['buildx', 'build', ...flags] : ['build', ...flags]),
      env: buildkit.via === 'buildx' ? undefined : { DOCKER_BUILDKIT: '1' },
      input: sent,
      makes: {
        describe: `remove image ${ref} and BuildKit's cache of the scenario`,
        run: async () => {
          await discardImage(docker, ref);
          await this.pruneBuildKitCache(this.parts.names.prefix);
        },
      },
      timeoutMs: 120_000,
    });
    if (!succeeded(run)) throw this.parts.recorder.failedCli(run);
    return { ref, id: (await docker.getImage(ref).inspect()).Id, output: run.stderr };
  }

  /** Prunes BuildKit cache records whose description names `prefix`, a leaf at a time, until none is left. */
  private async pruneBuildKitCache(prefix: string): Promise<void> {
    const buildkit = this.parts.context.builders.buildkit;
    const prune = 'via' in buildkit && buildkit.via === 'buildx' ? ['buildx', 'prune'] : ['builder', 'prune'];
    for (let pass = 0; pass < 8; pass++) {
      const run = await runCli([...prune, '-f', '--filter', `description~="${prefix}"`]);
      if (!succeeded(run) || /^Total:\s+0B?$/m.test(run.stdout) || !/Total:/.test(run.stdout)) return;
    }
  }

  /** The image's ID as `docker image inspect --format {{.Id}}` shows it, or undefined when the engine lacks it. */
  idOf(ref: string): Promise<string | undefined> {
    return this.parts.recorder.look({
      command: ['docker', 'image', 'inspect', '--format', '{{.Id}}', ref],
      run: () => imageId(this.parts.docker, ref),
      output: (id) => id ?? `Error: No such image: ${ref}`,
      exitCode: (id) => exitCodeIf(Boolean(id)),
    });
  }

  /** The ID the real CLI finds for `reference` (`docker image inspect`), or why it finds none. */
  async lookUp(reference: string): Promise<string> {
    const found = await this.parts.recorder.cli({
      args: () => ['image', 'inspect', '--format', '{{.Id}}', reference],
    });
    return succeeded(found) ? found.stdout.trim() : `not found: ${found.stderr.trim()}`;
  }

  /** The image's ID and layer digests, as `docker image inspect` shows them. */
  layers(ref: string): Promise<ImageLayers> {
    return this.parts.recorder.look({
      command: ['docker', 'image', 'inspect', '--format', '{{.Id}} {{json .RootFS.Layers}}', ref],
      run: async () => {
        const inspect = await this.parts.docker.getImage(ref).inspect();
        return { id: inspect.Id, layers: inspect.RootFS?.Layers ?? [] };
      },
      output: (l) => `${l.id} ${JSON.stringify(l.layers)}`,
    });
  }

  /** The image's run settings, as `docker image inspect --format '{{json .Config}}'` shows them. */
  config(ref: string): Promise<Docker.ImageInspectInfo['Config']> {
    return this.parts.recorder.look({
      command: ['docker', 'image', 'inspect', '--format', '{{json .Config}}', ref],
      run: async () => (await this.parts.docker.getImage(ref).inspect()).Config,
      output: (c) =>
        JSON.stringify(
          { Cmd: c.Cmd, Env: c.Env, ExposedPorts: c.ExposedPorts, WorkingDir: c.WorkingDir },
          null,
          2,
        ),
    });
  }

  /**
   * Every path in a fresh container's root filesystem made from `image`: the image's files
   * plus the mount points the engine adds, from `docker export` of a container never started.
   */
  files(image: string): Promise<string[]> {
    const { docker, names, recorder } = this.parts;
    const name = names.name('export');
    return recorder.act({
      command: `docker export $(docker create --name ${name} ${image}) | tar -t`,
      via: 'api',
      makes: {
        describe: `remove container ${name}`,
        run: () => discardContainer(docker, name),
      },
      run: async (labels) => {
        const container = await docker.createContainer({ name, Image: image, Labels: labels });
        const entries = new Set<string>();
        const untar = extract();
        untar.on('entry', (header, stream, next) => {
          const path = header.name.replace(/^\.?\//, '').replace(/\/$/, '');
          if (path) entries.add(path);
          stream.on('end', next);
          stream.resume();
        });
        const tar = await container.export();
        await new Promise<void>((resolve, reject) => {
          untar.on('finish', resolve);
          untar.on('error', reject);
          tar.pipe(untar);
        });
        await discardContainer(docker, container.id);
        return [...entries].sort();
      },
      output: (paths) =>
        `${paths.length} paths: ${paths.slice(0, 40).join(' ')}${paths.length > 40 ? ' …' : ''}`,
    });
  }

  /** `docker pull` with the real CLI; `removeAfter`: the image goes when the scenario ends. */
  pull(ref: string, { removeAfter = false } = {}): Promise<CliRun> {
    const docker = this.parts.docker;
    return this.parts.recorder.cli({
      args: () => ['pull', ref],
      makes: removeAfter
        ? { describe: `remove image ${ref}`, run: () => discardImage(docker, ref) }
        : undefined,
      timeoutMs: 120_000,
    });
  }

  /** `docker tag` with the real CLI; the new reference goes when the scenario ends. */
  async tag(source: string, target: string): Promise<void> {
    const docker = this.parts.docker;
    await this.parts.recorder.cliMust({
      args: () => ['tag', source, target],
      makes: {
        describe: `remove image ${target}`,
        run: () => discardImage(docker, target),
      },
    });
  }

  /** `docker rmi` with the real CLI: the engine no longer has `refs`. */
  async remove(...refs: string[]): Promise<void> {
    await this.parts.recorder.cliMust({ args: () => ['rmi', ...refs] });
  }

  /** `docker image history` of an image: each entry's instruction and size. */
  history(ref: string): Promise<CliRun> {
    return this.parts.recorder.cli({
      args: () => ['image', 'history', '--no-trunc', '--format', '{{.CreatedBy}}\t{{.Size}}', ref],
    });
  }

  /** `docker images`, listing repository:tag (of `reference` only, when given). */
  list(reference?: string): Promise<CliRun> {
    return this.parts.recorder.cli({
      args: () => ['images', '--format', '{{.Repository}}:{{.Tag}}', ...(reference ? [reference] : [])],
    });
  }

  /** `docker save -o FILE`, `docker rmi`, `docker load -i FILE`, with the real CLI: the load's run. */
  async saveRemoveLoad(ref: string): Promise<CliRun> {
    const dir = mkdtempSync(join(tmpdir(), 'dck-save-'));
    const file = join(dir, 'image.tar');
    const { recorder } = this.parts;
    await recorder.cliMust({
      args: () => ['save', '-o', file, ref],
      makes: { describe: `remove ${dir}`, run: async () => rmSync(dir, { recursive: true, force: true }) },
    });
    await this.remove(ref);
    return recorder.cli({ args: () => ['load', '-i', file] });
  }

  /** `docker commit` of a container as `ref`, labelled as the scenario's; the image goes with the scenario. */
  commit(container: Container, ref: string): Promise<CliRun> {
    const docker = this.parts.docker;
    return this.parts.recorder.cli({
      args: (labels) => [
        'commit',
        ...Object.entries(labels).flatMap(([k, v]) => ['--change', `LABEL ${k}=${v}`]),
        container.name,
        ref,
      ],
      makes: { describe: `remove image ${ref}`, run: () => discardImage(docker, ref) },
    });
  }
}

/**
 * The Dockerfile with `labels` set right after each FROM. (`docker build --label` sets them
 * after the last instruction, so the intermediate images of a classic build that is
 * interrupted or fails would carry no run label, and no sweep could find them.)
 */
export function labelledDockerfile(dockerfile: string, labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  const label = `LABEL ${pairs.join(' ')}`;
  return dockerfile
    .split('\n')
    .flatMap((line) => (/^\s*FROM\s/i.test(line) ? [line, label] : [line]))
    .join('\n');
}
