// A container's settings: what creating one adds to its image (CTR-05), and each container of one
// image with its own ports, environment and volumes (CTR-12). Steps that run a container with
// settings and read them back go here.

import { Given, Then, When } from '@cucumber/cucumber';
import { configured, namedWithId, onNetworks, ownVolume } from '../support/checks/configuration';
import { envKept } from '../support/checks/containers';
import { pageOn } from '../support/checks/ports';
import type { KitWorld } from '../support/cucumber/world';
import { withEnv, withMemoryLimit, withPublishedPort, withVolume } from '../support/scenario/container-spec';
import { pageOf } from '../support/scenario/ports';

const MEMORY = 64 * 1024 * 1024;
const PAIR = ['one', 'two'] as const;

Given('the web server image', function (this: KitWorld) {
  this.seen.image = this.engine.context.fixtures.web;
});

When(
  'a container is run with a name, a published port, the volume and a memory limit',
  async function (this: KitWorld) {
    const port = this.hostPorts.set('main', await this.engine.ports.free());
    const options = [
      withPublishedPort(port, 80),
      withVolume(this.volumes.get('data').name, '/data'),
      withMemoryLimit(MEMORY),
    ];
    await this.run('main', this.engine.context.fixtures.web, ...options);
  },
);

When(
  'two containers are run from it, each with its own GREETING, host port and volume',
  async function (this: KitWorld) {
    for (const alias of PAIR) {
      const [port, volume] = [
        this.hostPorts.set(alias, await this.engine.ports.free()),
        await this.engine.volume(`data-${alias}`),
      ];
      const options = [
        withEnv('GREETING', `hello from ${alias}`),
        withPublishedPort(port, 80),
        withVolume(volume.name, '/data'),
      ];
      await this.containers
        .set(alias, await this.engine.containers.run(alias, this.seen.image, ...options))
        .shell(`echo ${alias} > /data/owner`);
    }
  },
);

Then('the engine reports its name and a 64-hex-digit ID', async function (this: KitWorld) {
  const main = this.containers.get('main');
  this.judge(namedWithId(main.name, await main.inspect((i) => ({ Name: i.Name, Id: i.Id }))));
});

Then('it has network settings: a network and an IP address on it', async function (this: KitWorld) {
  const inspect = await this.containers.get('main').inspect((i) => i.NetworkSettings.Networks);
  this.judge(onNetworks(inspect.NetworkSettings.Networks ?? {}));
});

Then(
  'it has the published port, the volume and the memory limit it was given',
  async function (this: KitWorld) {
    const inspect = await this.containers.get('main').inspect((i) => ({
      PortBindings: i.HostConfig.PortBindings,
      Mounts: i.Mounts,
      Memory: i.HostConfig.Memory,
    }));
    this.judge(
      configured(inspect, {
        port: this.hostPorts.get('main'),
        volume: this.volumes.get('data').name,
        memory: MEMORY,
      }),
    );
  },
);

Then('each container sees its own GREETING', async function (this: KitWorld) {
  for (const alias of PAIR) {
    const greeting = (await this.containers.get(alias).shell('echo "$GREETING"')).stdout.trim();
    this.judge(envKept(`GREETING in ${alias}`, `hello from ${alias}`, greeting));
  }
});

Then('each container answers on its own host port', async function (this: KitWorld) {
  for (const alias of PAIR) {
    const port = this.hostPorts.get(alias);
    const page = await this.engine.ports.waitForPage(port);
    this.judge(pageOn(port, page, pageOf(this.containers.get(alias))));
  }
});

Then('each container sees only what was written to its own volume', async function (this: KitWorld) {
  for (const alias of PAIR) {
    const owner = (await this.containers.get(alias).shell('cat /data/owner')).stdout.trim();
    this.judge(ownVolume(alias, owner));
  }
});
