import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { withEnv, withMemoryLimit, withPublishedPort, withVolume } from '../support/kit/container-spec';
import { runContainer } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { inspectContainer } from '../support/kit/inspect';
import { freePort } from '../support/kit/ports';
import { fetchPage, pageOf, waitForPage } from '../support/kit/publish';
import { createVolume } from '../support/kit/volumes';

const MEMORY = 64 * 1024 * 1024;
const PAIR = ['one', 'two'] as const;

Given('the web server image', function (this: KitWorld) {
  this.image = this.scope.context.fixtures.web;
});

When(
  'a container is run with a name, a published port, the volume and a memory limit',
  async function (this: KitWorld) {
    this.hostPort = await freePort();
    const options = [
      withPublishedPort(this.hostPort, 80),
      withVolume(this.volume, '/data'),
      withMemoryLimit(MEMORY),
    ];
    this.containers.set(
      'main',
      await runContainer(this.scope, 'main', this.scope.context.fixtures.web, ...options),
    );
  },
);

When(
  'two containers are run from it, each with its own GREETING, host port and volume',
  async function (this: KitWorld) {
    for (const alias of PAIR) {
      const port = await freePort();
      const volume = await createVolume(this.scope, `data-${alias}`);
      const options = [
        withEnv('GREETING', `hello from ${alias}`),
        withPublishedPort(port, 80),
        withVolume(volume, '/data'),
      ];
      this.containers.set(alias, await runContainer(this.scope, alias, this.image, ...options));
      this.hostPorts.set(alias, port);
      await shellIn(this.scope, this.container(alias), `echo ${alias} > /data/owner`);
    }
  },
);

Then('the engine reports its name and a 64-hex-digit ID', async function (this: KitWorld) {
  const main = this.container('main');
  const inspect = await inspectContainer(this.scope, main, (i) => ({ Name: i.Name, Id: i.Id }));
  expectClaim(
    this.scope,
    inspect.Name === `/${main.name}` && /^[0-9a-f]{64}$/.test(inspect.Id),
    `name /${main.name} and a 64-hex-digit ID`,
    () => `name ${inspect.Name}, ID ${inspect.Id}`,
  );
});

Then('it has network settings: a network and an IP address on it', async function (this: KitWorld) {
  const inspect = await inspectContainer(
    this.scope,
    this.container('main'),
    (i) => i.NetworkSettings.Networks,
  );
  const networks = Object.entries(inspect.NetworkSettings.Networks ?? {});
  expectClaim(
    this.scope,
    networks.length > 0 && networks.every(([, n]) => /^\d+\.\d+\.\d+\.\d+$/.test(n.IPAddress)),
    'at least one network, with an IPv4 address on each',
    () => JSON.stringify(networks.map(([name, n]) => `${name}: ${n.IPAddress || 'no address'}`)),
  );
});

Then(
  'it has the published port, the volume and the memory limit it was given',
  async function (this: KitWorld) {
    const inspect = await inspectContainer(this.scope, this.container('main'), (i) => ({
      PortBindings: i.HostConfig.PortBindings,
      Mounts: i.Mounts,
      Memory: i.HostConfig.Memory,
    }));
    const port = (inspect.HostConfig.PortBindings as Record<string, { HostPort: string }[]>)['80/tcp']?.[0]
      ?.HostPort;
    const mount = inspect.Mounts.find((m) => m.Destination === '/data');
    const holds =
      port === String(this.hostPort) && mount?.Name === this.volume && inspect.HostConfig.Memory === MEMORY;
    expectClaim(
      this.scope,
      holds,
      `port ${this.hostPort}→80, volume ${this.volume} at /data, memory ${MEMORY}`,
      () =>
        `port ${port}, volume ${mount?.Name} at ${mount?.Destination}, memory ${inspect.HostConfig.Memory}`,
    );
  },
);

Then('each container sees its own GREETING', async function (this: KitWorld) {
  for (const alias of PAIR) {
    const greeting = (await shellIn(this.scope, this.container(alias), 'echo "$GREETING"')).stdout.trim();
    expectClaim(
      this.scope,
      greeting === `hello from ${alias}`,
      `GREETING "hello from ${alias}" in ${alias}`,
      () => `"${greeting}"`,
    );
  }
});

Then('each container answers on its own host port', async function (this: KitWorld) {
  for (const alias of PAIR) {
    const port = this.hostPorts.get(alias) ?? 0;
    await waitForPage(this.scope, port).catch(() => undefined);
    const page = await fetchPage(this.scope, port);
    const expected = pageOf(this.container(alias));
    expectClaim(
      this.scope,
      page.ok && page.text.includes(expected),
      `"${expected}" on host port ${port}`,
      () => page.text.trim(),
    );
  }
});

Then('each container sees only what was written to its own volume', async function (this: KitWorld) {
  for (const alias of PAIR) {
    const owner = (await shellIn(this.scope, this.container(alias), 'cat /data/owner')).stdout.trim();
    expectClaim(this.scope, owner === alias, `/data/owner saying ${alias} in ${alias}`, () => `"${owner}"`);
  }
});
