import { Given, Then, When } from '@cucumber/cucumber';
import {
  addressChanged,
  bothResolveTo,
  embeddedDns,
  hostResolvers,
  hostsMaps,
  linkAccepted,
  resolvesTo,
  unresolved,
} from '../support/checks/networks';
import { servedOn } from '../support/checks/ports';
import type { KitWorld } from '../support/cucumber/world';
import { daemonError } from '../support/engine/errors';
import { withLink, withNetwork } from '../support/scenario/container-spec';
import { idleOn } from '../support/scenario/fixture-containers';
import { servedBy } from '../support/scenario/ports';
import { fetchFrom, nameserversOf, resolveFrom } from '../support/scenario/probes';

// NET-06 … NET-10: finding containers by name.

Given(
  'a user-defined network with a container named {string} and aliased {string} on it',
  async function (this: KitWorld, alias: string, networkAlias: string) {
    const network = this.networks.set('app', await this.engine.networks.create('app'));
    this.seen.networkAlias = networkAlias;
    this.containers.set('server', await idleOn(this.engine, alias, network.name, networkAlias));
  },
);

When('another container on the network resolves both names', async function (this: KitWorld) {
  const reader = this.containers.set(
    'client',
    await idleOn(this.engine, 'client', this.networks.get('app').name),
  );
  const [byName, byAlias] = [
    await resolveFrom(reader, this.containers.get('server').name),
    await resolveFrom(reader, this.seen.networkAlias),
  ];
  this.seen.resolvedBoth = { byName: byName.join(' '), byAlias: byAlias.join(' ') };
});

Then("both resolve to the server's address on that network", async function (this: KitWorld) {
  const address = await this.containers.get('server').addressOn(this.networks.get('app').name);
  this.judge(bothResolveTo(address, this.seen.resolvedBoth.byName, this.seen.resolvedBoth.byAlias));
});

When('another container on the default bridge resolves its name', async function (this: KitWorld) {
  const reader = this.containers.set('client', await idleOn(this.engine, 'client'));
  this.seen.resolved = (await resolveFrom(reader, this.containers.get('main').name)).join(' ');
});

Then('the name does not resolve', function (this: KitWorld) {
  this.judge(unresolved(this.seen.resolved));
});

When(
  'a client container is run with --link to it as {string}',
  async function (this: KitWorld, alias: string) {
    const link = withLink(this.containers.get('server').name, alias);
    // Some engines refuse --link (Podman: "link is not supported"): that is what the claim observes.
    const client = await this.engine.containers
      .run('client', this.engine.context.fixtures.idle, link)
      .catch((error: unknown) => daemonError(error));
    if (typeof client === 'string') this.judge(linkAccepted(client));
    else this.containers.set('client', client);
  },
);

Then(
  "the client's \\/etc\\/hosts maps {word} to the server's address",
  async function (this: KitWorld, alias: string) {
    const [address, hosts] = [
      await this.containers.get('server').addressOn(),
      await this.containers.get('client').shell('cat /etc/hosts'),
    ];
    this.judge(hostsMaps(hosts.stdout, address, alias));
  },
);

Then('the client reaches the server at http:\\/\\/{word}\\/', async function (this: KitWorld, alias: string) {
  const answer = (await fetchFrom(this.containers.get('client'), `http://${alias}/`)).text;
  this.judge(servedOn("the server's page", servedBy(answer, this.containers.get('server')), answer));
});

When(
  'a container on it and a container on the default bridge show their resolver configuration',
  async function (this: KitWorld) {
    const custom = await nameserversOf(
      this.containers.set('custom', await idleOn(this.engine, 'custom', this.networks.get('app').name)),
    );
    const onDefault = await nameserversOf(
      this.containers.set('default', await idleOn(this.engine, 'default')),
    );
    this.seen.resolvers = { custom, onDefault };
  },
);

Then('the first uses the embedded DNS server at 127.0.0.11', function (this: KitWorld) {
  this.judge(embeddedDns(this.seen.resolvers.custom));
});

Then("the second uses the host's nameservers, not 127.0.0.11", async function (this: KitWorld) {
  this.judge(hostResolvers(this.seen.resolvers.onDefault, await this.engine.host.nameservers()));
});

When(
  'the server is removed, another container takes an address, and the server is created again',
  async function (this: KitWorld) {
    const [network, old] = [this.networks.get('app').name, this.containers.get('server')];
    const before = await old.addressOn(network);
    await old.remove();
    this.containers.set('newcomer', await idleOn(this.engine, 'newcomer', network));
    const again = await this.engine.containers.run(
      'server',
      this.engine.context.fixtures.idle,
      withNetwork(network, this.seen.networkAlias),
    );
    this.seen.addresses = { old: before, new: await this.containers.set('server', again).addressOn(network) };
  },
);

Then("the server's address has changed", function (this: KitWorld) {
  this.judge(addressChanged(this.seen.addresses.old, this.seen.addresses.new));
});

Then('its name resolves to its current address', async function (this: KitWorld) {
  const resolved = await resolveFrom(this.containers.get('newcomer'), this.containers.get('server').name);
  this.judge(resolvesTo(this.seen.addresses.new, resolved.join(' ')));
});
