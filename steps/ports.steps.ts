import { networkInterfaces } from 'node:os';
import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { containerSpec, withEnv, withNetwork, withPublishedPort } from '../support/kit/container-spec';
import { runContainer, runWithCli } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { httpGet, readGreeting } from '../support/kit/http';
import { containerLogs, inspectContainer, waitForExit } from '../support/kit/inspect';
import { addressOn, endpointOn } from '../support/kit/networks';
import { freePort, holdPort } from '../support/kit/ports';
import { fetchFrom, listeningPorts, waitUntilServing } from '../support/kit/probes';
import {
  ADDRESS_IN_USE,
  allInterfacesRecords,
  fetchPage,
  pageOf,
  portAllocatedError,
  servedBy,
  waitForPage,
} from '../support/kit/publish';

Given(
  'a web server container publishing a free host port to its port {int}',
  async function (this: KitWorld, containerPort: number) {
    this.hostPort = await freePort();
    const web = this.scope.context.fixtures.web;
    this.containers.set(
      'first',
      await runContainer(this.scope, 'first', web, withPublishedPort(this.hostPort, containerPort)),
    );
    await waitForPage(this.scope, this.hostPort);
  },
);

Given('a free host port', async function (this: KitWorld) {
  this.hostPort = await freePort();
  this.scope.transcript.note(`host port ${this.hostPort} is free: the kernel just handed it out`);
});

Given('a program that is not a container holds a free host port', async function (this: KitWorld) {
  const holder = await holdPort(`held by ${this.scope.names.name('holder')}, not a container`);
  this.scope.cleanup.push(`close port ${holder.port}`, holder.close);
  this.portHolder = holder;
  this.hostPort = holder.port;
  this.scope.transcript.note(`a plain TCP server in the kit's own process listens on 0.0.0.0:${holder.port}`);
});

When(
  /^(?:another|a) container is run with `docker run -p` on (?:the same|that) host port$/,
  async function (this: KitWorld) {
    const alias = this.containers.has('first') ? 'second' : 'new';
    const spec = containerSpec(this.scope, alias, this.scope.context.fixtures.web, [
      withPublishedPort(this.hostPort, 80),
    ]);
    this.containers.set(alias, { id: spec.name, name: spec.name });
    this.lastCommand = await runWithCli(this.scope, spec, true);
  },
);

Then('the run fails with a bind error saying the port is already allocated', function (this: KitWorld) {
  expectBindError(this, portAllocatedError(this.scope.context.engine));
});

Then('the run fails with a bind error saying the address is already in use', function (this: KitWorld) {
  expectBindError(this, ADDRESS_IN_USE);
});

Then('the first container still answers on that host port', async function (this: KitWorld) {
  const first = this.container('first');
  const page = await fetchPage(this.scope, this.hostPort);
  const expected = pageOf(first);
  expectClaim(
    this.scope,
    page.ok && page.text.includes(expected),
    `"${expected}" on host port ${this.hostPort}`,
    () => page.text.trim(),
  );
});

Then('the program still holds its port and answers on it', async function (this: KitWorld) {
  const { port, greeting } = this.portHolder;
  const answer = await readGreeting('127.0.0.1', port).catch((error: Error) => `no answer: ${error.message}`);
  expectClaim(this.scope, answer === greeting, `the program's greeting on port ${port}`, () => answer);
});

function expectBindError(world: KitWorld, wording: RegExp): void {
  const { exitCode, stderr } = world.lastCommand;
  expectClaim(
    world.scope,
    exitCode !== 0 && wording.test(stderr),
    `a failed run whose error matches ${wording}`,
    () => `exit code ${exitCode}, stderr ${JSON.stringify(stderr.trim())}`,
  );
}

// --- PRT-01, 02, 03, 06: publishing

/** A web server container whose app listens on `appPort`, with the given options. */
async function webServer(
  world: KitWorld,
  alias: string,
  appPort: number,
  ...options: Parameters<typeof runContainer>[3][]
) {
  const ref = await runContainer(
    world.scope,
    alias,
    world.scope.context.fixtures.web,
    withEnv('PORT', appPort),
    ...options,
  );
  world.containers.set(alias, ref);
  return ref;
}

Given('the web server listens on a port that is free on the host', async function (this: KitWorld) {
  this.hostPort = await freePort();
  this.scope.transcript.note(
    `the web server will listen on port ${this.hostPort}, which is free on the host`,
  );
});

When('it runs in a container without -p', async function (this: KitWorld) {
  await waitUntilServing(this.scope, await webServer(this, 'main', this.hostPort), this.hostPort);
});

When('it runs in a container with that port published', async function (this: KitWorld) {
  const main = await webServer(this, 'main', this.hostPort, withPublishedPort(this.hostPort, this.hostPort));
  await waitUntilServing(this.scope, main, this.hostPort);
});

When('a web server container publishes a free host port to its port 80', async function (this: KitWorld) {
  this.hostPort = await freePort();
  await waitUntilServing(this.scope, await webServer(this, 'main', 80, withPublishedPort(this.hostPort, 80)));
});

When(
  'a web server container publishes one free host port on all interfaces and another on 127.0.0.1 only',
  async function (this: KitWorld) {
    const [all, loopback] = [await freePort(), await freePort()];
    this.hostPorts.set('all', all);
    this.hostPorts.set('loopback', loopback);
    const main = await webServer(
      this,
      'main',
      80,
      withPublishedPort(all, 80),
      withPublishedPort(loopback, 80, '127.0.0.1'),
    );
    await waitUntilServing(this.scope, main);
  },
);

When(
  'two web server containers publish their port 80 on two free host ports',
  async function (this: KitWorld) {
    for (const alias of ['one', 'two']) {
      const port = await freePort();
      this.hostPorts.set(alias, port);
      await waitUntilServing(this.scope, await webServer(this, alias, 80, withPublishedPort(port, 80)));
    }
  },
);

Then(
  'the engine publishes none of its ports and nothing answers on that host port',
  async function (this: KitWorld) {
    const inspect = await inspectContainer(
      this.scope,
      this.container('main'),
      (i) => i.NetworkSettings.Ports,
    );
    const published = Object.values(inspect.NetworkSettings.Ports ?? {}).flatMap((b) => b ?? []);
    const page = await fetchPage(this.scope, this.hostPort);
    expectClaim(
      this.scope,
      published.length === 0 && !page.ok,
      `no published port, and no answer on host port ${this.hostPort}`,
      () => `published ${JSON.stringify(published)}; host port ${this.hostPort}: ${page.text.trim()}`,
    );
  },
);

Then('a request to the host port is answered by that container', async function (this: KitWorld) {
  const page = await fetchPage(this.scope, this.hostPort);
  expectClaim(
    this.scope,
    servedBy(page.text, this.container('main')),
    `the page of ${this.container('main').name} on host port ${this.hostPort}`,
    () => page.text.trim(),
  );
});

Then(
  "the host reaches it at the container's private address, not at any host port",
  async function (this: KitWorld) {
    const address = await addressOn(this.scope, this.container('main'));
    const url = `http://${address}:${this.hostPort}/`;
    const direct = await httpGet(url).then(
      (a) => ({ ok: a.status === 200, text: a.body }),
      (e: Error) => ({ ok: false, text: e.message }),
    );
    this.scope.transcript.record({
      command: `curl -s ${url}`,
      via: 'host',
      exitCode: direct.ok ? 0 : 7,
      stdout: direct.text,
      stderr: '',
    });
    const onHostPort = await fetchPage(this.scope, this.hostPort);
    expectClaim(
      this.scope,
      servedBy(direct.text, this.container('main')) && !onHostPort.ok,
      `an answer at ${url} and none at host port ${this.hostPort}`,
      () => `${url}: ${direct.text.trim()}; host port: ${onHostPort.text.trim()}`,
    );
  },
);

Then(
  'the engine records the first on 0.0.0.0, also on :: where it publishes IPv6, and the second on 127.0.0.1 only',
  async function (this: KitWorld) {
    const inspect = await inspectContainer(
      this.scope,
      this.container('main'),
      (i) => i.NetworkSettings.Ports,
    );
    const bindings = inspect.NetworkSettings.Ports?.['80/tcp'] ?? [];
    const addressesOf = (port: number) =>
      bindings
        .filter((b) => b.HostPort === String(port))
        .map((b) => b.HostIp)
        .sort();
    const all = addressesOf(this.hostPorts.get('all') ?? 0);
    const loopback = addressesOf(this.hostPorts.get('loopback') ?? 0);
    const records = allInterfacesRecords(this.scope.context.engine);
    const holds =
      all.some((ip) => ip !== '::') &&
      all.every((ip) => records.includes(ip)) &&
      loopback.join() === '127.0.0.1';
    const shown = (ips: string[]) => ips.map((ip) => ip || '"" (unspecified)').join(', ') || 'nothing';
    expectClaim(
      this.scope,
      holds,
      `the first on all interfaces (${shown(records)}), the second on 127.0.0.1 only`,
      () => `first on ${shown(all)}; second on ${shown(loopback)}`,
    );
  },
);

Then("both answer on the host's loopback", async function (this: KitWorld) {
  for (const which of ['all', 'loopback']) {
    const port = this.hostPorts.get(which) ?? 0;
    const page = await fetchPage(this.scope, port);
    expectClaim(
      this.scope,
      servedBy(page.text, this.container('main')),
      `an answer on 127.0.0.1:${port}`,
      () => page.text.trim(),
    );
  }
});

Then("from the network's gateway address only the first answers", async function (this: KitWorld) {
  const client = await runContainer(this.scope, 'client', this.scope.context.fixtures.idle);
  const { gateway } = await endpointOn(this.scope, client);
  if (!gateway) throw new Error(`the engine reports no gateway for ${client.name} on the default bridge`);
  const all = await fetchFrom(this.scope, client, `http://${gateway}:${this.hostPorts.get('all')}/`);
  const loopback = await fetchFrom(
    this.scope,
    client,
    `http://${gateway}:${this.hostPorts.get('loopback')}/`,
    3,
  );
  expectClaim(
    this.scope,
    servedBy(all.text, this.container('main')) && !loopback.ok,
    `an answer at ${gateway} for the first port only`,
    () => `first: ${all.text}; second: ${loopback.text}`,
  );
});

// --- PRT-07, 08: the port the app listens on

When(
  'a web server listening on port {int} runs with a free host port published to container port {int}',
  async function (this: KitWorld, appPort: number, containerPort: number) {
    this.hostPort = await freePort();
    const main = await webServer(this, 'main', appPort, withPublishedPort(this.hostPort, containerPort));
    await waitUntilServing(this.scope, main, appPort);
  },
);

Then('a request to the host port fails', async function (this: KitWorld) {
  const page = await fetchPage(this.scope, this.hostPort);
  expectClaim(
    this.scope,
    !page.ok,
    `no page on host port ${this.hostPort}`,
    () => `a page: ${page.text.trim()}`,
  );
});

Then(
  'inside the container nothing listens on port {int}, only on {int}',
  async function (this: KitWorld, mapped: number, app: number) {
    const ports = await listeningPorts(this.scope, this.container('main'));
    expectClaim(
      this.scope,
      !ports.includes(mapped) && ports.includes(app),
      `listening on ${app}, not on ${mapped}`,
      () => `listening on ${ports.join(', ') || 'nothing'}`,
    );
  },
);

// --- PRT-09, 10, 11: the host network

When(
  'a web server on a free port runs with --network host and -p for another free port',
  async function (this: KitWorld) {
    const [app, ignored] = [await freePort(), await freePort()];
    this.hostPorts.set('app', app);
    this.hostPorts.set('ignored', ignored);
    const spec = containerSpec(this.scope, 'main', this.scope.context.fixtures.web, [
      withNetwork('host'),
      withEnv('PORT', app),
      withPublishedPort(ignored, 80),
    ]);
    this.containers.set('main', { id: spec.name, name: spec.name });
    this.lastCommand = await runWithCli(this.scope, spec, true);
  },
);

When('a web server on that port runs with --network host', async function (this: KitWorld) {
  await webServer(this, 'main', this.hostPort, withNetwork('host'));
});

When(
  'a container on the host network lists its network interfaces and listening sockets',
  async function (this: KitWorld) {
    const main = await runContainer(
      this.scope,
      'main',
      this.scope.context.fixtures.idle,
      withNetwork('host'),
    );
    this.containers.set('main', main);
    this.seen.set(
      'interfaces',
      (await shellIn(this.scope, main, "ip -o link | cut -d: -f2 | tr -d ' '")).stdout,
    );
    this.seen.set('sockets', (await listeningPorts(this.scope, main)).join(' '));
  },
);

Then('the CLI warns that published ports are discarded', function (this: KitWorld) {
  const { stderr, exitCode } = this.lastCommand;
  expectClaim(
    this.scope,
    exitCode === 0 && /published ports are discarded/i.test(stderr),
    'a started container and the warning',
    () => `exit code ${exitCode}, stderr ${JSON.stringify(stderr.trim())}`,
  );
});

Then("the app answers on the host's loopback at its own port", async function (this: KitWorld) {
  const port = this.hostPorts.get('app') ?? 0;
  const page = await waitForPage(this.scope, port).then(
    (text) => ({ ok: true, text }),
    (e: Error) => ({ ok: false, text: e.message }),
  );
  expectClaim(
    this.scope,
    page.ok && page.text.includes('hello from'),
    `the web server's page on 127.0.0.1:${port}`,
    () => page.text,
  );
});

Then('nothing answers at the port given with -p', async function (this: KitWorld) {
  const port = this.hostPorts.get('ignored') ?? 0;
  const page = await fetchPage(this.scope, port);
  expectClaim(this.scope, !page.ok, `nothing on host port ${port}`, () => `a page: ${page.text.trim()}`);
});

Then('the container stops by itself, with a non-zero exit code', async function (this: KitWorld) {
  const code = await waitForExit(this.scope, this.container('main'), 15_000);
  expectClaim(
    this.scope,
    code !== 'timeout' && code !== 0,
    'the container to stop with a non-zero exit code',
    () => (code === 'timeout' ? 'it is still running' : `exit code ${code}`),
  );
});

Then('its log says the address is already in use', async function (this: KitWorld) {
  const logs = await containerLogs(this.scope.docker, this.container('main').id);
  this.scope.transcript.record({
    command: `docker logs ${this.container('main').name}`,
    via: 'api',
    exitCode: 0,
    stdout: logs,
    stderr: '',
  });
  expectClaim(this.scope, /address (already )?in use/i.test(logs), '"address in use" in the log', () =>
    JSON.stringify(logs.trim()),
  );
});

Then("it lists the host's network interfaces", function (this: KitWorld) {
  const inside = this.observed('interfaces')
    .split('\n')
    .map((name) => name.split('@')[0]);
  const host = Object.keys(networkInterfaces());
  const missing = host.filter((name) => !inside.includes(name));
  expectClaim(
    this.scope,
    missing.length === 0,
    `the host's interfaces ${host.join(', ')}`,
    () => `inside: ${inside.filter(Boolean).join(', ')}; missing: ${missing.join(', ')}`,
  );
});

Then("it lists the program's listening port among its own", function (this: KitWorld) {
  const sockets = this.observed('sockets').split(' ').map(Number);
  const port = this.portHolder.port;
  expectClaim(
    this.scope,
    sockets.includes(port),
    `port ${port} among the container's listening sockets`,
    () => sockets.join(', '),
  );
});
