import { COMMAND_EXIT } from '../common/exit';
import { daemonError, daemonStatus } from '../engine/errors';
import { discardContainer } from '../engine/objects';
import { RUN_LABEL, SCENARIO_LABEL } from '../hygiene/labels';
import { Container } from './container';
import { type ContainerOption, containerSpec, createBody, runArgs } from './container-spec';
import type { Parts } from './parts';
import type { CliRun } from './recorder';

/** The engine's answer to creating a container through the Engine API alone. */
export interface ApiAnswer {
  status: number;
  message: string;
}

/** A run of the real `docker run`, and the container it was asked to make. */
export interface CliContainerRun extends CliRun {
  container: Container;
}

/** Making and listing this scenario's containers. */
export class Containers {
  constructor(private readonly parts: Parts) {}

  /** `docker run -d` through the Engine API: created, labelled, started; removed when the scenario ends. */
  async run(alias: string, image: string, ...options: ContainerOption[]): Promise<Container> {
    const spec = containerSpec(this.parts.names.name(alias), image, options);
    const { docker, recorder } = this.parts;
    const id = await recorder.act({
      command: ['docker', 'run', '-d', ...runArgs(spec, recorder.labels)],
      via: 'api',
      run: async (labels) => {
        const made = await docker.createContainer(createBody(spec, labels));
        await made.start();
        return made.id;
      },
      // By name: a container that was created but failed to start goes too.
      makes: { describe: `remove container ${spec.name}`, run: () => discardContainer(docker, spec.name) },
      output: (made) => made,
      failureExitCode: COMMAND_EXIT.dockerRunFailed,
    });
    return new Container(this.parts, id, spec.name);
  }

  /** `docker run` with the real CLI, in the foreground unless `detach`; the container goes when the scenario ends. */
  async runCli(
    alias: string,
    image: string,
    options: readonly ContainerOption[] = [],
    { detach = false, timeoutMs = 120_000 } = {},
  ): Promise<CliContainerRun> {
    const spec = containerSpec(this.parts.names.name(alias), image, options);
    const run = await this.parts.recorder.cli({
      args: (labels) => ['run', ...(detach ? ['-d'] : []), ...runArgs(spec, labels)],
      makes: {
        describe: `remove container ${spec.name}`,
        run: () => discardContainer(this.parts.docker, spec.name),
      },
      timeoutMs,
    });
    const id = (
      await this.parts.docker
        .getContainer(spec.name)
        .inspect()
        .catch(() => undefined)
    )?.Id;
    return { ...run, container: new Container(this.parts, id ?? spec.name, spec.name) };
  }

  /** `POST /containers/create` with nothing but an image, as any API client would send it. */
  createThroughApi(alias: string, image: string): Promise<ApiAnswer> {
    const name = this.parts.names.name(alias);
    const { docker, recorder, context } = this.parts;
    const body = JSON.stringify({ Image: image, Labels: recorder.labels });
    return recorder.act({
      command: [
        ...curlTo(context.engine.endpoint, `/containers/create?name=${name}`),
        ...['-X', 'POST', '-H', 'Content-Type: application/json', '-d', body],
      ],
      via: 'api',
      run: async (labels) => {
        try {
          const made = await docker.createContainer({ name, Image: image, Labels: labels });
          return { status: 201, message: `{"Id":"${made.id}"}` };
        } catch (error) {
          const message = daemonError(error).replace(/^Error response from daemon: /, '');
          return { status: daemonStatus(error) ?? 0, message };
        }
      },
      makes: { describe: `remove container ${name}`, run: () => discardContainer(docker, name) },
      output: (answer) => `HTTP ${answer.status}\n${answer.message}`,
    });
  }

  /**
   * The names `docker ps` (or `docker ps -a`) lists, with the real CLI, narrowed to this
   * scenario's containers by the kit's labels so that others on the engine do not matter.
   */
  async listed(all: boolean): Promise<string[]> {
    const run = await this.parts.recorder.cliMust({
      args: (labels) => [
        'ps',
        ...(all ? ['-a'] : []),
        ...[RUN_LABEL, SCENARIO_LABEL].flatMap((key) => ['--filter', `label=${key}=${labels[key]}`]),
        ...['--format', '{{.Names}}'],
      ],
    });
    return run.stdout.split('\n').filter(Boolean);
  }
}

/** `curl` aimed at an Engine API path, over the engine's socket or TCP address. */
function curlTo(endpoint: string, path: string): string[] {
  if (endpoint.startsWith('unix://')) {
    return ['curl', '-s', '--unix-socket', endpoint.slice('unix://'.length), `http://localhost${path}`];
  }
  return ['curl', '-s', `${endpoint.replace(/^tcp:/, 'http:').replace(/\/$/, '')}${path}`];
}
