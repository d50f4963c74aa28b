import { readdirSync, readFileSync } from 'node:fs';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import type { KitWorld } from '../support/cucumber/world';
import { withLink, withNetwork } from '../support/kit/container-spec';
import { type ContainerRef, daemonError, removeContainer, runContainer } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { inspectContainer } from '../support/kit/inspect';
import { masqueradePath } from '../support/kit/nat';
import { addressOn, connectNetwork, createNetwork, inSubnet, networkInfo } from '../support/kit/networks';
import { fetchFrom, nameserversOf, resolveFrom, waitUntilServing } from '../support/kit/probes';
import { servedBy } from '../support/kit/publish';
import { commandLine } from '../support/kit/transcript';

const MiB = 1024 * 1024;

/** A web server container (port 80) on `network`, or the default bridge; waits until it serves. */
async function server(world: KitWorld, network?: string, ...aliases: string[]): Promise<ContainerRef> {
  const options = network ? [withNetwork(network, ...aliases)] : [];
  const ref = await runContainer(world.scope, 'server', world.scope.context.fixtures.web, ...options);
  world.containers.set('server', ref);
  await waitUntilServing(world.scope, ref);
  return ref;
}

/** A container that waits forever, on `network` or the default bridge. */
async function client(world: KitWorld, alias = 'client', network?: string): Promise<ContainerRef> {
  const ref = await runContainer(
    world.scope,
    alias,
    world.scope.context.fixtures.idle,
    ...(network ? [withNetwork(network)] : []),
  );
  world.containers.set(alias, ref);
  return ref;
}

/** Byte counters of a host interface. */
function counters(name: string): { rx: number; tx: number } {
  const read = (what: string) => Number(readFileSync(`/sys/class/net/${name}/statistics/${what}`, 'utf8'));
  return { rx: read('rx_bytes'), tx: read('tx_bytes') };
}

/** The host's interfaces that carry a default route: where traffic would leave the host. */
function outwardInterfaces(): string[] {
  const routes = readFileSync('/proc/net/route', 'utf8').split('\n').slice(1);
  return [
    ...new Set(
      routes
        .map((r) => r.split('\t'))
        .filter((f) => f[1] === '00000000')
        .map((f) => f[0] as string),
    ),
  ];
}

// --- the default bridge

When('its network settings are looked at', async function (this: KitWorld) {
  const inspect = await inspectContainer(
    this.scope,
    this.container('main'),
    (i) => i.NetworkSettings.Networks,
  );
  this.seen.set('networks', Object.keys(inspect.NetworkSettings.Networks ?? {}).join(' '));
  this.seen.set('address', inspect.NetworkSettings.Networks?.bridge?.IPAddress ?? '');
});

Then('it is attached to the network named bridge', function (this: KitWorld) {
  const networks = this.observed('networks');
  expectClaim(this.scope, networks === 'bridge', 'the network "bridge" only', () => networks || 'no network');
});

Then("its address lies in the bridge network's subnet", async function (this: KitWorld) {
  const { subnet } = await networkInfo(this.scope, 'bridge');
  const address = this.observed('address');
  expectClaim(
    this.scope,
    inSubnet(address, subnet),
    `an address in ${subnet}`,
    () => address || 'no address',
  );
});

Given('a web server container on the default bridge, publishing nothing', async function (this: KitWorld) {
  await server(this);
});

When(
  "a client container on the default bridge requests the server's address",
  async function (this: KitWorld) {
    const address = await addressOn(this.scope, this.container('server'));
    this.seen.set('answer', (await fetchFrom(this.scope, await client(this), `http://${address}/`)).text);
  },
);

Then('the server answers the client', function (this: KitWorld) {
  const answer = this.observed('answer');
  expectClaim(this.scope, servedBy(answer, this.container('server')), "the server's page", () => answer);
});

When("the host's NAT rules are listed", async function (this: KitWorld) {
  const result = await execa('iptables', ['-t', 'nat', '-S'], { reject: false });
  this.scope.transcript.record({
    command: 'iptables -t nat -S',
    via: 'cli',
    exitCode: result.exitCode ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
  });
  if (result.exitCode !== 0)
    throw new Error(`could not list the NAT rules: ${result.stderr || result.shortMessage}`);
  this.seen.set('nat', result.stdout);
});

Then('they masquerade its address for traffic leaving the host', async function (this: KitWorld) {
  const address = await addressOn(this.scope, this.container('main'));
  const path = masqueradePath(this.observed('nat'), address);
  if (path.length > 0)
    this.scope.transcript.note(`the rules that masquerade ${address}:\n${path.join('\n')}`);
  expectClaim(
    this.scope,
    path.length > 0,
    `a POSTROUTING rule, or a chain it jumps to, masquerading all outbound traffic from ${address}`,
    () =>
      `none; POSTROUTING holds: ${
        this.observed('nat')
          .split('\n')
          .filter((rule) => rule.startsWith('-A POSTROUTING'))
          .join(' | ') || 'nothing'
      }`,
  );
});

When(
  'a client container on the default bridge downloads 4 MB from the server',
  async function (this: KitWorld) {
    const target = this.container('server');
    await shellIn(this.scope, target, `head -c ${4 * MiB} /dev/urandom > /www/big`);
    const reader = await client(this);
    // The host side of the client's veth pair: the host interface whose index is its eth0's peer.
    const peer = (await shellIn(this.scope, reader, 'cat /sys/class/net/eth0/iflink')).stdout.trim();
    const veth = readdirSync('/sys/class/net').find(
      (name) => readFileSync(`/sys/class/net/${name}/ifindex`, 'utf8').trim() === peer,
    );
    if (!veth) throw new Error(`no host interface has index ${peer}`);
    const outward = outwardInterfaces();
    const before = {
      veth: counters(veth).tx,
      out: outward.reduce((n, i) => n + counters(i).tx + counters(i).rx, 0),
    };
    const address = await addressOn(this.scope, target);
    const got = await shellIn(this.scope, reader, `timeout 20 wget -qO- http://${address}/big | wc -c`);
    const after = {
      veth: counters(veth).tx,
      out: outward.reduce((n, i) => n + counters(i).tx + counters(i).rx, 0),
    };
    this.seen.set('veth bytes', String(after.veth - before.veth));
    this.seen.set('outward bytes', String(after.out - before.out));
    this.scope.transcript.record({
      command: `cat /sys/class/net/{${veth},${outward.join(',')}}/statistics/*_bytes   # before and after`,
      via: 'host',
      exitCode: 0,
      stdout: `received by the client: ${got.stdout.trim()} bytes\n${veth} (the client's link on the bridge) sent ${after.veth - before.veth} bytes\n${outward.join(', ')} (outward) moved ${after.out - before.out} bytes`,
      stderr: '',
    });
  },
);

Then("the client's link on the host's bridge carried the 4 MB", function (this: KitWorld) {
  const bytes = Number(this.observed('veth bytes'));
  expectClaim(
    this.scope,
    bytes >= 4 * MiB,
    "at least 4 MiB through the client's veth",
    () => `${bytes} bytes`,
  );
});

Then("the host's own outward interfaces did not", function (this: KitWorld) {
  const bytes = Number(this.observed('outward bytes'));
  expectClaim(this.scope, bytes < MiB, 'under 1 MiB on the outward interfaces', () => `${bytes} bytes`);
});

// --- user-defined networks

Given('a user-defined network', async function (this: KitWorld) {
  this.seen.set('network', await createNetwork(this.scope, 'app'));
});

Given(
  'a user-defined network with a web server container on it, publishing nothing',
  async function (this: KitWorld) {
    const network = await createNetwork(this.scope, 'app');
    this.seen.set('network', network);
    await server(this, network);
  },
);

When(
  'a client container on the same network requests the server by its name',
  async function (this: KitWorld) {
    const reader = await client(this, 'client', this.observed('network'));
    this.seen.set(
      'answer',
      (await fetchFrom(this.scope, reader, `http://${this.container('server').name}/`)).text,
    );
  },
);

Given(
  'two user-defined networks with a web server container on the first and a client container on the second',
  async function (this: KitWorld) {
    const [first, second] = [
      await createNetwork(this.scope, 'first'),
      await createNetwork(this.scope, 'second'),
    ];
    this.seen.set('network', first);
    await server(this, first);
    await client(this, 'client', second);
  },
);

When(
  'the client tries the server by name and by address, then again after joining the first network',
  async function (this: KitWorld) {
    const [target, reader, first] = [
      this.container('server'),
      this.container('client'),
      this.observed('network'),
    ];
    const address = await addressOn(this.scope, target, first);
    // Failures are expected here: a short timeout keeps them quick.
    this.seen.set('by name before', (await fetchFrom(this.scope, reader, `http://${target.name}/`, 3)).text);
    this.seen.set('by address before', (await fetchFrom(this.scope, reader, `http://${address}/`, 3)).text);
    await connectNetwork(this.scope, first, reader);
    this.seen.set('by name after', (await fetchFrom(this.scope, reader, `http://${target.name}/`)).text);
  },
);

Then(
  'before joining, the client reached the server neither by name nor by address',
  function (this: KitWorld) {
    const [byName, byAddress] = [this.observed('by name before'), this.observed('by address before')];
    const target = this.container('server');
    expectClaim(
      this.scope,
      !servedBy(byName, target) && !servedBy(byAddress, target),
      'no answer by name or address',
      () => `by name: ${byName}; by address: ${byAddress}`,
    );
  },
);

Then('after joining, the client reached the server by name', function (this: KitWorld) {
  const answer = this.observed('by name after');
  expectClaim(this.scope, servedBy(answer, this.container('server')), "the server's page", () => answer);
});

// --- names: embedded DNS, links, resolvers

Given(
  'a user-defined network with a container named {string} and aliased {string} on it',
  async function (this: KitWorld, alias: string, networkAlias: string) {
    const network = await createNetwork(this.scope, 'app');
    this.seen.set('network', network);
    this.seen.set('network alias', networkAlias);
    const ref = await runContainer(
      this.scope,
      alias,
      this.scope.context.fixtures.idle,
      withNetwork(network, networkAlias),
    );
    this.containers.set('server', ref);
  },
);

When('another container on the network resolves both names', async function (this: KitWorld) {
  const reader = await client(this, 'client', this.observed('network'));
  this.seen.set('by name', (await resolveFrom(this.scope, reader, this.container('server').name)).join(' '));
  this.seen.set(
    'by alias',
    (await resolveFrom(this.scope, reader, this.observed('network alias'))).join(' '),
  );
});

Then("both resolve to the server's address on that network", async function (this: KitWorld) {
  const address = await addressOn(this.scope, this.container('server'), this.observed('network'));
  const [byName, byAlias] = [this.observed('by name'), this.observed('by alias')];
  expectClaim(
    this.scope,
    address !== '' && byName === address && byAlias === address,
    `both names resolving to the server's address (${address || 'it has none there'})`,
    () => `name → ${byName || 'nothing'}; alias → ${byAlias || 'nothing'}`,
  );
});

When('another container on the default bridge resolves its name', async function (this: KitWorld) {
  const reader = await client(this);
  this.seen.set('resolved', (await resolveFrom(this.scope, reader, this.container('main').name)).join(' '));
});

Then('the name does not resolve', function (this: KitWorld) {
  const resolved = this.observed('resolved');
  expectClaim(this.scope, resolved === '', 'no address for the name', () => `it resolved to ${resolved}`);
});

When(
  'a client container is run with --link to it as {string}',
  async function (this: KitWorld, alias: string) {
    this.seen.set('link alias', alias);
    try {
      const link = withLink(this.container('server').name, alias);
      const ref = await runContainer(this.scope, 'client', this.scope.context.fixtures.idle, link);
      this.containers.set('client', ref);
    } catch (error) {
      // Some engines refuse --link (Podman: "link is not supported"): that is what the claim observes.
      expectClaim(this.scope, false, 'the engine to accept --link', () => daemonError(error));
    }
  },
);

Then(
  "the client's \\/etc\\/hosts maps {word} to the server's address",
  async function (this: KitWorld, alias: string) {
    const address = await addressOn(this.scope, this.container('server'));
    const hosts = (await shellIn(this.scope, this.container('client'), 'cat /etc/hosts')).stdout;
    const mapped = hosts
      .split('\n')
      .some((line) => line.split(/\s+/)[0] === address && line.split(/\s+/).includes(alias));
    expectClaim(this.scope, mapped, `a line "${address} ${alias} …" in /etc/hosts`, () => hosts.trim());
  },
);

Then('the client reaches the server at http:\\/\\/{word}\\/', async function (this: KitWorld, alias: string) {
  const answer = (await fetchFrom(this.scope, this.container('client'), `http://${alias}/`)).text;
  expectClaim(this.scope, servedBy(answer, this.container('server')), "the server's page", () => answer);
});

When(
  'a container on it and a container on the default bridge show their resolver configuration',
  async function (this: KitWorld) {
    this.seen.set(
      'custom',
      (await nameserversOf(this.scope, await client(this, 'custom', this.observed('network')))).join(' '),
    );
    this.seen.set('default', (await nameserversOf(this.scope, await client(this, 'default'))).join(' '));
  },
);

Then('the first uses the embedded DNS server at 127.0.0.11', function (this: KitWorld) {
  const servers = this.observed('custom');
  expectClaim(
    this.scope,
    servers === '127.0.0.11',
    'nameserver 127.0.0.11 only',
    () => `nameserver ${servers}`,
  );
});

Then("the second uses the host's nameservers, not 127.0.0.11", function (this: KitWorld) {
  const servers = this.observed('default').split(' ').filter(Boolean);
  const local = this.scope.context.engine.local;
  const host = local
    ? [...readFileSync('/etc/resolv.conf', 'utf8').matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1])
    : [];
  // A host resolver on loopback (systemd-resolved's 127.0.0.53) is replaced by its upstream servers.
  const comparable = host.length > 0 && host.every((ip) => !ip?.startsWith('127.'));
  const holds =
    servers.length > 0 && !servers.includes('127.0.0.11') && (!comparable || servers.join() === host.join());
  expectClaim(this.scope, holds, `the host's nameservers${comparable ? ` (${host.join(', ')})` : ''}`, () =>
    servers.join(', '),
  );
});

When(
  'the server is removed, another container takes an address, and the server is created again',
  async function (this: KitWorld) {
    const network = this.observed('network');
    const old = this.container('server');
    this.seen.set('old address', await addressOn(this.scope, old, network));
    await removeContainer(this.scope, old);
    await client(this, 'newcomer', network);
    const again = await runContainer(
      this.scope,
      'server',
      this.scope.context.fixtures.idle,
      withNetwork(network, this.observed('network alias')),
    );
    this.containers.set('server', again);
    this.seen.set('new address', await addressOn(this.scope, again, network));
  },
);

Then("the server's address has changed", function (this: KitWorld) {
  const [before, after] = [this.observed('old address'), this.observed('new address')];
  expectClaim(
    this.scope,
    before !== after,
    `another address than ${before}`,
    () => `the same address ${after}`,
  );
});

Then('its name resolves to its current address', async function (this: KitWorld) {
  const resolved = (
    await resolveFrom(this.scope, this.container('newcomer'), this.container('server').name)
  ).join(' ');
  const current = this.observed('new address');
  expectClaim(
    this.scope,
    resolved === current,
    `the name resolving to ${current}`,
    () => resolved || 'nothing',
  );
});

// --- swarm

When('an attachable overlay network is created', async function (this: KitWorld) {
  const name = this.scope.names.name('overlay');
  const network = await this.scope.docker.createNetwork({
    Name: name,
    Driver: 'overlay',
    Attachable: true,
    Labels: this.scope.labels,
  });
  this.scope.cleanup.push(`remove network ${name}`, () => network.remove());
  this.scope.transcript.record({
    command: commandLine(['docker', 'network', 'create', '--driver', 'overlay', '--attachable', name]),
    via: 'api',
    exitCode: 0,
    stdout: network.id,
    stderr: '',
  });
  this.seen.set('network', name);
});

Then('the engine reports it with the overlay driver and swarm scope', async function (this: KitWorld) {
  const inspect = (await this.scope.docker.getNetwork(this.observed('network')).inspect()) as {
    Driver: string;
    Scope: string;
  };
  expectClaim(
    this.scope,
    inspect.Driver === 'overlay' && inspect.Scope === 'swarm',
    'driver overlay, scope swarm',
    () => `driver ${inspect.Driver}, scope ${inspect.Scope}`,
  );
});
