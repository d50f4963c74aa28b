// Overlay networks across a swarm's nodes (NET-11).

import { Given, Then, When } from '@cucumber/cucumber';
import { overlayOfSwarm } from '../support/checks/networks';
import type { KitWorld } from '../support/cucumber/world';
import { withNetwork } from '../support/scenario/container-spec';
import { fetchUntilAnswered } from '../support/scenario/probes';

When('an attachable overlay network is created', async function (this: KitWorld) {
  await this.network('overlay', { driver: 'overlay', attachable: true });
});

Then('the engine reports it with the overlay driver and swarm scope', async function (this: KitWorld) {
  const { driver, scope } = await this.networks.get('overlay').inspect();
  this.judge(overlayOfSwarm(driver, scope));
});

Given(
  'an attachable overlay network with a web server container on it, on the manager',
  async function (this: KitWorld) {
    const network = await this.network('overlay', { driver: 'overlay', attachable: true });
    await this.serve('server', [withNetwork(network.name)]);
  },
);

When(
  'a client container on another node of the swarm requests the server by its name',
  async function (this: KitWorld) {
    const client = await this.runOnPeer('client', withNetwork(this.networks.get('overlay').name));
    // The other node learns the server's name once the overlay's gossip reaches it: ask until it answers, 15 s at most.
    this.seen.answer = (
      await fetchUntilAnswered(client, `http://${this.containers.get('server').name}/`, 15_000)
    ).text;
  },
);
