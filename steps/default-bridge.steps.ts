import { Given, Then, When } from '@cucumber/cucumber';
import {
  inTheSubnet,
  masqueraded,
  onBridgeOnly,
  outwardQuiet,
  vethCarried,
} from '../support/checks/networks';
import { servedOn } from '../support/checks/ports';
import type { KitWorld } from '../support/cucumber/world';
import { idleOn, webServerOn } from '../support/scenario/fixture-containers';
import { moved, sent } from '../support/scenario/host-view';
import { servedBy } from '../support/scenario/ports';
import { fetchFrom } from '../support/scenario/probes';

const MiB = 1024 * 1024;

// NET-01, 02, 03, 05: the default bridge.

When('its network settings are looked at', async function (this: KitWorld) {
  const inspect = await this.containers.get('main').inspect((i) => i.NetworkSettings.Networks);
  this.seen.attachedTo = Object.keys(inspect.NetworkSettings.Networks ?? {});
  this.seen.address = inspect.NetworkSettings.Networks?.bridge?.IPAddress ?? '';
});

Then('it is attached to the network named bridge', function (this: KitWorld) {
  this.judge(onBridgeOnly(this.seen.attachedTo));
});

Then("its address lies in the bridge network's subnet", async function (this: KitWorld) {
  const { subnet } = await this.engine.networks.named('bridge').inspect();
  if (!subnet) throw new Error('the engine reports no IPv4 subnet for network bridge');
  this.judge(inTheSubnet(this.seen.address, subnet));
});

Given('a web server container on the default bridge, publishing nothing', async function (this: KitWorld) {
  this.containers.set('server', await webServerOn(this.engine));
});

When(
  "a client container on the default bridge requests the server's address",
  async function (this: KitWorld) {
    const [address, client] = [
      await this.containers.get('server').addressOn(),
      await idleOn(this.engine, 'client'),
    ];
    this.seen.answer = (await fetchFrom(this.containers.set('client', client), `http://${address}/`)).text;
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
  this.seen.nat = await this.engine.host.nat();
});

Then('they masquerade its address for traffic leaving the host', async function (this: KitWorld) {
  const check = masqueraded(this.seen.nat, await this.containers.get('main').addressOn());
  if (check.holds) this.engine.note(`the rules that masquerade it:\n${check.path.join('\n')}`);
  this.judge(check);
});

When(
  'a client container on the default bridge downloads 4 MB from the server',
  async function (this: KitWorld) {
    const server = this.containers.get('server');
    await server.must(`head -c ${4 * MiB} /dev/urandom > /www/big`, 'write 4 MB to serve');
    const [reader, address] = [
      this.containers.set('client', await idleOn(this.engine, 'client')),
      await server.addressOn(),
    ];
    const [veth, outward] = [await this.engine.host.vethOf(reader), this.engine.host.outwardInterfaces()];
    const { traffic } = await this.engine.host.trafficDuring([veth, ...outward], () =>
      reader.shell(`timeout 20 wget -qO- http://${address}/big | wc -c`),
    );
    this.seen.traffic = {
      veth: sent(traffic, veth),
      outward: outward.reduce((n, i) => n + moved(traffic, i), 0),
    };
  },
);

Then("the client's link on the host's bridge carried the 4 MB", function (this: KitWorld) {
  this.judge(vethCarried(this.seen.traffic.veth));
});

Then("the host's own outward interfaces did not", function (this: KitWorld) {
  this.judge(outwardQuiet(this.seen.traffic.outward));
});
