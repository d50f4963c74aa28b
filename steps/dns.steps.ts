// Name resolution: the engine's DNS on custom networks and not on the default bridge (NET-06,
// NET-07), --link (NET-08), the built-in resolver (NET-09), names over addresses (NET-10).

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
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import { daemonError } from '../support/engine/errors';
import { withLink, withNetwork } from '../support/scenario/container-spec';
import { servedBy } from '../support/scenario/ports';
import { fetchFrom, nameserversOf, resolveFrom } from '../support/scenario/probes';

/** What the steps of name resolution saw, for its later steps to judge. */
export interface DnsSeen {
  networkAlias: string;
  resolvedBoth: { byName: string; byAlias: string };
  resolved: string;
  resolvers: { custom: string[]; onDefault: string[] };
  addresses: { old: string; new: string };
}

/** This scenario's DnsSeen; a field no step has set says which step has not run. */
export const dnsSeen = conceptObservations<DnsSeen>({
  networkAlias: 'no network alias has been given in this scenario',
  resolvedBoth: 'no container has resolved the names',
  resolved: 'no container has resolved a name',
  resolvers: 'no container has shown its resolver configuration',
  addresses: 'the server has not been recreated',
});

Given(
  'a user-defined network with a container named {string} and aliased {string} on it',
  async function (this: KitWorld, alias: string, networkAlias: string) {
    const network = await this.network('app');
    dnsSeen(this).networkAlias = networkAlias;
    await this.idle(alias, withNetwork(network.name, networkAlias));
  },
);

When('another container on the network resolves both names', async function (this: KitWorld) {
  const reader = await this.idle('client', withNetwork(this.networks.get('app').name));
  const [byName, byAlias] = [
    await resolveFrom(reader, this.containers.get('server').name),
    await resolveFrom(reader, dnsSeen(this).networkAlias),
  ];
  dnsSeen(this).resolvedBoth = { byName: byName.join(' '), byAlias: byAlias.join(' ') };
});

Then("both resolve to the server's address on that network", async function (this: KitWorld) {
  const address = await this.containers.get('server').addressOn(this.networks.get('app').name);
  this.judge(bothResolveTo(address, dnsSeen(this).resolvedBoth.byName, dnsSeen(this).resolvedBoth.byAlias));
});

When('another container on the default bridge resolves its name', async function (this: KitWorld) {
  const reader = await this.idle('client');
  dnsSeen(this).resolved = (await resolveFrom(reader, this.containers.get('main').name)).join(' ');
});

Then('the name does not resolve', function (this: KitWorld) {
  this.judge(unresolved(dnsSeen(this).resolved));
});

When(
  'a client container is run with --link to it as {string}',
  async function (this: KitWorld, alias: string) {
    const link = withLink(this.containers.get('server').name, alias);
    // Some engines refuse --link (Podman: "link is not supported"): that is what the claim observes.
    const refused = await this.idle('client', link).then(
      () => undefined,
      (error: unknown) => daemonError(error),
    );
    if (refused !== undefined) this.judge(linkAccepted(refused));
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
    const custom = await nameserversOf(await this.idle('custom', withNetwork(this.networks.get('app').name)));
    const onDefault = await nameserversOf(await this.idle('default'));
    dnsSeen(this).resolvers = { custom, onDefault };
  },
);

Then('the first uses the embedded DNS server at 127.0.0.11', function (this: KitWorld) {
  this.judge(embeddedDns(dnsSeen(this).resolvers.custom));
});

Then("the second uses the host's nameservers, not 127.0.0.11", async function (this: KitWorld) {
  this.judge(hostResolvers(dnsSeen(this).resolvers.onDefault, await this.engine.host.nameservers()));
});

When(
  'the server is removed, another container takes an address, and the server is created again',
  async function (this: KitWorld) {
    const [network, old] = [this.networks.get('app').name, this.containers.get('server')];
    const before = await old.addressOn(network);
    await old.remove();
    await this.idle('newcomer', withNetwork(network));
    const again = await this.idle('server', withNetwork(network, dnsSeen(this).networkAlias));
    dnsSeen(this).addresses = { old: before, new: await again.addressOn(network) };
  },
);

Then("the server's address has changed", function (this: KitWorld) {
  this.judge(addressChanged(dnsSeen(this).addresses.old, dnsSeen(this).addresses.new));
});

Then('its name resolves to its current address', async function (this: KitWorld) {
  const resolved = await resolveFrom(this.containers.get('newcomer'), this.containers.get('server').name);
  this.judge(resolvesTo(dnsSeen(this).addresses.new, resolved.join(' ')));
});
