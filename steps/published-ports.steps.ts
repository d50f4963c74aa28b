// Published ports: -p forwards a host port to a container's (PRT-01, 02, 03, 06, 07, 08), and a
// host port that is taken (PRT-04, PRT-05). Steps that publish, request, or hold a host port go here.

import { Given, Then, When } from '@cucumber/cucumber';
import {
  bindError,
  forwardedOrStarted,
  greets,
  listensOn,
  noPage,
  onlyAtOwnAddress,
  onlyFirstFromGateway,
  pageOn,
  recordedOn,
  servedOn,
  unpublished,
} from '../support/checks/ports';
import { succeeded } from '../support/common/exit';
import type { KitWorld } from '../support/cucumber/world';
import { type ContainerOption, withEnv, withPublishedPort } from '../support/scenario/container-spec';
import {
  ADDRESS_IN_USE,
  allInterfacesRecords,
  pageOf,
  portAllocatedError,
  servedBy,
} from '../support/scenario/ports';
import { fetchFrom, listeningPorts } from '../support/scenario/probes';

// PRT-01, 02, 03, 06, 07, 08: publishing a container's port on the host's.

/** A web server container whose app listens on `appPort`, with the given options; waits until it listens. */
function webServer(world: KitWorld, alias: string, appPort: number, ...options: ContainerOption[]) {
  return world.serve(alias, [withEnv('PORT', appPort), ...options], appPort);
}

/** A free host port, kept under `alias`. */
async function freePort(world: KitWorld, alias: string): Promise<number> {
  return world.hostPorts.set(alias, await world.engine.ports.free());
}

/** The host addresses the engine records for container port 80, for each of the host `ports`, from one inspect. */
async function recordedAddresses(world: KitWorld, ports: number[]): Promise<string[][]> {
  const inspect = await world.containers.get('main').inspect((i) => i.NetworkSettings.Ports);
  const bindings = inspect.NetworkSettings.Ports?.['80/tcp'] ?? [];
  return ports.map((port) =>
    bindings
      .filter((b) => b.HostPort === String(port))
      .map((b) => b.HostIp)
      .sort(),
  );
}

Given('the web server listens on a port that is free on the host', async function (this: KitWorld) {
  await freePort(this, 'main');
});

When('it runs in a container without -p', async function (this: KitWorld) {
  await webServer(this, 'main', this.hostPorts.get('main'));
});

When('it runs in a container with that port published', async function (this: KitWorld) {
  await webServer(
    this,
    'main',
    this.hostPorts.get('main'),
    withPublishedPort(this.hostPorts.get('main'), this.hostPorts.get('main')),
  );
});

When('a web server container publishes a free host port to its port 80', async function (this: KitWorld) {
  await webServer(this, 'main', 80, withPublishedPort(await freePort(this, 'main'), 80));
});

When(
  'a web server container publishes one free host port on all interfaces and another on 127.0.0.1 only',
  async function (this: KitWorld) {
    const [all, loopback] = [await freePort(this, 'all'), await freePort(this, 'loopback')];
    await webServer(
      this,
      'main',
      80,
      withPublishedPort(all, 80),
      withPublishedPort(loopback, 80, '127.0.0.1'),
    );
  },
);

When(
  'two web server containers publish their port 80 on two free host ports',
  async function (this: KitWorld) {
    for (const alias of ['one', 'two'])
      await webServer(this, alias, 80, withPublishedPort(await freePort(this, alias), 80));
  },
);

When(
  'a web server listening on port {int} runs with a free host port published to container port {int}',
  async function (this: KitWorld, appPort: number, containerPort: number) {
    await webServer(this, 'main', appPort, withPublishedPort(await freePort(this, 'main'), containerPort));
  },
);

Then(
  'the engine publishes none of its ports and nothing answers on that host port',
  async function (this: KitWorld) {
    const inspect = await this.containers.get('main').inspect((i) => i.NetworkSettings.Ports);
    const published = Object.values(inspect.NetworkSettings.Ports ?? {}).flatMap((b) => b ?? []);
    this.judge(
      unpublished(
        published,
        this.hostPorts.get('main'),
        await this.engine.ports.page(this.hostPorts.get('main')),
      ),
    );
  },
);

Then('a request to the host port is answered by that container', async function (this: KitWorld) {
  const [main, port] = [this.containers.get('main'), this.hostPorts.get('main')];
  const page = await this.engine.ports.page(port);
  this.judge(servedOn(`the page of ${main.name} on host port ${port}`, servedBy(page.text, main), page));
});

Then(
  "the host reaches it at the container's private address, not at any host port",
  async function (this: KitWorld) {
    const [main, port] = [this.containers.get('main'), this.hostPorts.get('main')];
    const url = `http://${await main.addressOn()}:${port}/`;
    const [direct, onHostPort] = [await this.engine.ports.request(url), await this.engine.ports.page(port)];
    this.judge(onlyAtOwnAddress(url, servedBy(direct.text, main), direct, port, onHostPort));
  },
);

Then(
  'the engine records the first on 0.0.0.0, also on :: where it publishes IPv6, and the second on 127.0.0.1 only',
  async function (this: KitWorld) {
    const [all = [], loopback = []] = await recordedAddresses(this, [
      this.hostPorts.get('all'),
      this.hostPorts.get('loopback'),
    ]);
    this.judge(recordedOn(all, loopback, allInterfacesRecords(this.engine.context.engine)));
  },
);

Then("both answer on the host's loopback", async function (this: KitWorld) {
  for (const port of [this.hostPorts.get('all'), this.hostPorts.get('loopback')]) {
    const page = await this.engine.ports.page(port, 'loopback');
    this.judge(
      servedOn(`an answer on 127.0.0.1:${port}`, servedBy(page.text, this.containers.get('main')), page),
    );
  }
});

Then("from the network's gateway address only the first answers", async function (this: KitWorld) {
  const client = await this.engine.containers.run('client', this.engine.context.fixtures.idle);
  const gateway = await client.gateway();
  const [all, loopback] = [
    await fetchFrom(client, `http://${gateway}:${this.hostPorts.get('all')}/`),
    await fetchFrom(client, `http://${gateway}:${this.hostPorts.get('loopback')}/`, 3),
  ];
  this.judge(onlyFirstFromGateway(gateway, servedBy(all.text, this.containers.get('main')), all, loopback));
});

Then('a request to the host port fails', async function (this: KitWorld) {
  this.judge(noPage(this.hostPorts.get('main'), await this.engine.ports.page(this.hostPorts.get('main'))));
});

Then(
  'inside the container nothing listens on port {int}, only on {int}',
  async function (this: KitWorld, mapped: number, app: number) {
    this.judge(listensOn(await listeningPorts(this.containers.get('main')), app, mapped));
  },
);

// PRT-04, PRT-05: a host port that is taken.

Given(
  'a web server container publishing a free host port to its port {int}',
  async function (this: KitWorld, containerPort: number) {
    const port = this.hostPorts.set('main', await this.engine.ports.free());
    await this.run('first', this.engine.context.fixtures.web, withPublishedPort(port, containerPort));
    const first = await this.engine.ports.waitForPage(port);
    // The engine said it published the port, and nothing answers there: the engine's doing
    // (a --bridge none engine, say), and the claim is not verified; the reason says where the kit asked.
    if (!first.ok) throw this.engine.ports.unanswered(port, first);
  },
);

Given('a free host port', async function (this: KitWorld) {
  this.hostPorts.set('main', await this.engine.ports.free());
});

Given('a program that is not a container holds a free host port', async function (this: KitWorld) {
  this.seen.portHolder = await this.engine.ports.hold(
    `held by ${this.engine.names.name('holder')}, not a container`,
  );
  this.hostPorts.set('main', this.seen.portHolder.port);
});

When(
  /^(?:another|a) container is run with `docker run -p` on (?:the same|that) host port$/,
  async function (this: KitWorld) {
    const alias = this.containers.has('first') ? 'second' : 'new';
    const run = await this.runCli(
      alias,
      this.engine.context.fixtures.web,
      [withPublishedPort(this.hostPorts.get('main'), 80)],
      { detach: true },
    );
    this.seen.lastCommand = run;
  },
);

Then('the run fails with a bind error saying the port is already allocated', function (this: KitWorld) {
  this.judge(bindError(this.seen.lastCommand, portAllocatedError(this.engine.context.engine)));
});

Then('the run fails with a bind error saying the address is already in use', function (this: KitWorld) {
  this.judge(bindError(this.seen.lastCommand, ADDRESS_IN_USE));
});

// PRT-05 on your machine, where the engine's host is elsewhere: what forwards its ports decides.

Given('a program on your machine holds a free port', async function (this: KitWorld) {
  this.seen.portHolder = await this.engine.ports.holdHere(
    `held by ${this.engine.names.name('holder')} on your machine`,
  );
  this.hostPorts.set('main', this.seen.portHolder.port);
});

Then(
  'the run fails with a bind error where the port is forwarded to your machine first, and starts where it is not',
  function (this: KitWorld) {
    const run = this.seen.lastCommand;
    const forwarded = !succeeded(run) && ADDRESS_IN_USE.test(run.stderr);
    if (succeeded(run) || forwarded)
      this.engine.note(
        `your machine: a program here holds port ${this.hostPorts.get('main')} (free on the engine's host), and \`docker run -p\` ${forwarded ? 'failed: the engine binds its published ports on this machine first' : 'started the container: nothing binds the port on this machine before the container starts'}`,
      );
    this.judge(forwardedOrStarted(run, ADDRESS_IN_USE));
  },
);

Then('the program on your machine still holds its port and answers on it', async function (this: KitWorld) {
  const { port, greeting } = this.seen.portHolder;
  this.judge(greets(port, greeting, await this.engine.ports.greetingHere(port)));
});

Then('the first container still answers on that host port', async function (this: KitWorld) {
  const port = this.hostPorts.get('main');
  this.judge(pageOn(port, await this.engine.ports.page(port), pageOf(this.containers.get('first'))));
});

Then('the program still holds its port and answers on it', async function (this: KitWorld) {
  const { port, greeting } = this.seen.portHolder;
  this.judge(greets(port, greeting, await this.engine.ports.greeting(port)));
});
