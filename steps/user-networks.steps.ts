import { Given, Then, When } from '@cucumber/cucumber';
import { unreachable } from '../support/checks/networks';
import { servedOn } from '../support/checks/ports';
import type { KitWorld } from '../support/cucumber/world';
import { idleOn, webServerOn } from '../support/scenario/fixture-containers';
import { servedBy } from '../support/scenario/ports';
import { fetchFrom } from '../support/scenario/probes';

// NET-02 on a user-defined network, NET-04: networks of one's own.

Given('a user-defined network', async function (this: KitWorld) {
  this.networks.set('app', await this.engine.networks.create('app'));
});

Given(
  'a user-defined network with a web server container on it, publishing nothing',
  async function (this: KitWorld) {
    const network = this.networks.set('app', await this.engine.networks.create('app'));
    this.containers.set('server', await webServerOn(this.engine, network.name));
  },
);

When(
  'a client container on the same network requests the server by its name',
  async function (this: KitWorld) {
    const client = this.containers.set(
      'client',
      await idleOn(this.engine, 'client', this.networks.get('app').name),
    );
    this.seen.answer = (await fetchFrom(client, `http://${this.containers.get('server').name}/`)).text;
  },
);

Given(
  'two user-defined networks with a web server container on the first and a client container on the second',
  async function (this: KitWorld) {
    const [first, second] = [
      await this.engine.networks.create('first'),
      await this.engine.networks.create('second'),
    ];
    this.containers.set('server', await webServerOn(this.engine, this.networks.set('app', first).name));
    this.containers.set('client', await idleOn(this.engine, 'client', second.name));
  },
);

When(
  'the client tries the server by name and by address, then again after joining the first network',
  async function (this: KitWorld) {
    const [server, client, first] = [
      this.containers.get('server'),
      this.containers.get('client'),
      this.networks.get('app').name,
    ];
    // Failures are expected before joining: a short timeout keeps them quick.
    const [byName, byAddress] = [
      (await fetchFrom(client, `http://${server.name}/`, 3)).text,
      (await fetchFrom(client, `http://${await server.addressOn(first)}/`, 3)).text,
    ];
    await client.connect(first);
    this.seen.tries = {
      byName,
      byAddress,
      byNameAfterJoining: (await fetchFrom(client, `http://${server.name}/`)).text,
    };
  },
);

Then(
  'before joining, the client reached the server neither by name nor by address',
  function (this: KitWorld) {
    const [{ byName, byAddress }, server] = [this.seen.tries, this.containers.get('server')];
    this.judge(unreachable(byName, byAddress, servedBy(byName, server), servedBy(byAddress, server)));
  },
);

Then('after joining, the client reached the server by name', function (this: KitWorld) {
  const answer = this.seen.tries.byNameAfterJoining;
  this.judge(servedOn("the server's page", servedBy(answer, this.containers.get('server')), answer));
});
