import { discardNetwork } from '../engine/objects';
import { labelArgs } from '../hygiene/labels';
import type { Parts } from './parts';

/** A network, user-defined or the engine's own. */
export class Network {
  constructor(
    private readonly parts: Parts,
    readonly name: string,
  ) {}

  /**
   * Its IPv4 subnet and driver, as `docker network inspect` shows them. (Not its gateway: the
   * default bridge's IPAM config names one only when it was configured; a container's
   * endpoint always does.)
   */
  inspect(): Promise<{ subnet: string; driver: string; scope: string }> {
    return this.parts.recorder.look({
      command: [
        'docker',
        'network',
        'inspect',
        '--format',
        '{{.Driver}} {{.Scope}} {{json .IPAM.Config}}',
        this.name,
      ],
      run: async () => {
        const inspect = (await this.parts.docker.getNetwork(this.name).inspect()) as {
          Driver: string;
          Scope: string;
          IPAM?: { Config?: { Subnet?: string }[] };
        };
        const configs = inspect.IPAM?.Config ?? [];
        const subnet = configs.find((c) => c.Subnet && !c.Subnet.includes(':'))?.Subnet ?? '';
        return { subnet, driver: inspect.Driver, scope: inspect.Scope, configs };
      },
      output: (n) => `${n.driver} ${n.scope} ${JSON.stringify(n.configs)}`,
    });
  }
}

/** Making this scenario's networks, and naming the engine's. */
export class Networks {
  constructor(private readonly parts: Parts) {}

  /** `docker network create` (a bridge unless `driver`), labelled, removed when the scenario ends. */
  async create(alias: string, options: { driver?: string; attachable?: boolean } = {}): Promise<Network> {
    const name = this.parts.names.name(alias);
    const { docker, recorder } = this.parts;
    const driver = options.driver ?? 'bridge';
    const flags = [
      ...(options.driver ? ['--driver', driver] : []),
      ...(options.attachable ? ['--attachable'] : []),
    ];
    await recorder.act({
      command: ['docker', 'network', 'create', ...flags, ...labelArgs(recorder.labels), name],
      via: 'api',
      run: async (labels) =>
        (
          await docker.createNetwork({
            Name: name,
            Driver: driver,
            Attachable: options.attachable,
            Labels: labels,
          })
        ).id,
      makes: {
        describe: `remove network ${name}`,
        run: () => discardNetwork(docker, name),
        attachedTo: true,
      },
      output: (id) => id,
    });
    return new Network(this.parts, name);
  }

  /** A network the engine already has (`bridge`). */
  named(name: string): Network {
    return new Network(this.parts, name);
  }
}
