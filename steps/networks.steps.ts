// Networks: the default bridge (NET-01, 02, 03, 05) and user-defined networks of one's own
// (NET-02, NET-04): where a container is attached, whom it reaches, and how. Name resolution is
// in dns.steps.ts; overlay networks in overlay-networks.steps.ts.

import { Given, Then, When } from '@cucumber/cucumber';
import {
  inTheSubnet,
  masqueraded,
  onBridgeOnly,
  outwardQuiet,
  unreachable,
  vethCarried,
} from '../support/checks/networks';
import { servedOn } from '../support/checks/ports';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import { withNetwork } from '../support/scenario/container-spec';
import type { NatRules } from '../support/scenario/host-view';
import { moved, sent } from '../support/scenario/host-view';
import { servedBy } from '../support/scenario/ports';
import { fetchFrom } from '../support/scenario/probes';

/** What the steps of networks saw, for its later steps to judge. */
export interface NetworkSeen {
  attachedTo: string[];
  address: string;
  nat: NatRules;
  traffic: { veth: number; outward: number };
  tries: { byName: string; byAddress: string; byNameAfterJoining: string };
}

/** This scenario's NetworkSeen; a field no step has set says which step has not run. */
export const networkSeen = conceptObservations<NetworkSeen>({
  attachedTo: "the container's networks have not been looked at",
  address: "the container's address has not been looked at",
  nat: "the host's NAT rules have not been listed",
  traffic: "the host's interfaces have not been measured around a transfer",
  tries: 'the client has not tried to reach the server',
});

const MiB = 1024 * 1024;

// NET-01, 02, 03, 05: the default bridge.

When('its network settings are looked at', async function (this: KitWorld) {
  const inspect = await this.containers.get('main').inspect((i) => i.NetworkSettings.Networks);
  networkSeen(this).attachedTo = Object.keys(inspect.NetworkSettings.Networks ?? {});
  networkSeen(this).address = inspect.NetworkSettings.Networks?.bridge?.IPAddress ?? '';
});

Then('it is attached to the network named bridge', function (this: KitWorld) {
  this.judge(onBridgeOnly(networkSeen(this).attachedTo));
});

Then("its address lies in the bridge network's subnet", async function (this: KitWorld) {
  const { subnet } = await this.engine.networks.named('bridge').inspect();
  if (!subnet) throw new Error('the engine reports no IPv4 subnet for network bridge');
  this.judge(inTheSubnet(networkSeen(this).address, subnet));
});

Given('a web server container on the default bridge, publishing nothing', async function (this: KitWorld) {
  await this.serve('server');
});

When(
  "a client container on the default bridge requests the server's address",
  async function (this: KitWorld) {
    const [address, client] = [await this.containers.get('server').addressOn(), await this.idle('client')];
    this.seen.answer = (await fetchFrom(client, `http://${address}/`)).text;
  },
);

Then('the server answers the client', function (this: KitWorld) {
  this.judge(
    servedOn(
      "the server's page",
      servedBy(this.seen.answer, this.containers.get('server')),
      this.seen.answer,
    ),
  );
});

When("the host's NAT rules are listed", async function (this: KitWorld) {
  networkSeen(this).nat = await this.engine.host.nat();
});

Then('they masquerade its address for traffic leaving the host', async function (this: KitWorld) {
  const check = masqueraded(networkSeen(this).nat, await this.containers.get('main').addressOn());
  if (check.holds) this.engine.note(`the rules that masquerade it:\n${check.path.join('\n')}`);
  this.judge(check);
});

When(
  'a client container on the default bridge downloads 4 MB from the server',
  async function (this: KitWorld) {
    const server = this.containers.get('server');
    await server.must(`head -c ${4 * MiB} /dev/urandom > /www/big`, 'write 4 MB to serve');
    const [reader, address] = [await this.idle('client'), await server.addressOn()];
    const [veth, outward] = [
      await this.engine.host.vethOf(reader),
      await this.engine.host.outwardInterfaces(),
    ];
    const { traffic } = await this.engine.host.trafficDuring([veth, ...outward], () =>
      reader.shell(`timeout 20 wget -qO- http://${address}/big | wc -c`),
    );
    networkSeen(this).traffic = {
      veth: sent(traffic, veth),
      outward: outward.reduce((n, i) => n + moved(traffic, i), 0),
    };
  },
);

Then("the client's link on the host's bridge carried the 4 MB", function (this: KitWorld) {
  this.judge(vethCarried(networkSeen(this).traffic.veth));
});

Then("the host's own outward interfaces did not", function (this: KitWorld) {
  this.judge(outwardQuiet(networkSeen(this).traffic.outward));
});

// NET-02 on a user-defined network, NET-04: networks of one's own.

Given('a user-defined network', async function (this: KitWorld) {
  await this.network('app');
});

Given(
  'a user-defined network with a web server container on it, publishing nothing',
  async function (this: KitWorld) {
    const network = await this.network('app');
    await this.serve('server', [withNetwork(network.name)]);
  },
);

When(
  'a client container on the same network requests the server by its name',
  async function (this: KitWorld) {
    const client = await this.idle('client', withNetwork(this.networks.get('app').name));
    this.seen.answer = (await fetchFrom(client, `http://${this.containers.get('server').name}/`)).text;
  },
);

Given(
  'two user-defined networks with a web server container on the first and a client container on the second',
  async function (this: KitWorld) {
    const [first, second] = [await this.network('first'), await this.network('second')];
    await this.serve('server', [withNetwork(first.name)]);
    await this.idle('client', withNetwork(second.name));
  },
);

When(
  'the client tries the server by name and by address, then again after joining the first network',
  async function (this: KitWorld) {
    const [server, client, first] = [
      this.containers.get('server'),
      this.containers.get('client'),
      this.networks.get('first').name,
    ];
    // Failures are expected before joining: a short timeout keeps them quick.
    const [byName, byAddress] = [
      (await fetchFrom(client, `http://${server.name}/`, 3)).text,
      (await fetchFrom(client, `http://${await server.addressOn(first)}/`, 3)).text,
    ];
    await client.connect(first);
    networkSeen(this).tries = {
      byName,
      byAddress,
      byNameAfterJoining: (await fetchFrom(client, `http://${server.name}/`)).text,
    };
  },
);

Then(
  'before joining, the client reached the server neither by name nor by address',
  function (this: KitWorld) {
    const [{ byName, byAddress }, server] = [networkSeen(this).tries, this.containers.get('server')];
    this.judge(unreachable(byName, byAddress, servedBy(byName, server), servedBy(byAddress, server)));
  },
);

Then('after joining, the client reached the server by name', function (this: KitWorld) {
  const answer = networkSeen(this).tries.byNameAfterJoining;
  this.judge(servedOn("the server's page", servedBy(answer, this.containers.get('server')), answer));
});
