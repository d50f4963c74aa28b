import { Given, Then, When } from '@cucumber/cucumber';
import { overlayOfSwarm } from '../support/checks/networks';
import type { KitWorld } from '../support/cucumber/world';
import { withCmd, withNetwork } from '../support/scenario/container-spec';
import { webServerOn } from '../support/scenario/fixture-containers';
import { fetchUntilAnswered } from '../support/scenario/probes';

// NET-11: overlay networks, on a swarm manager.

When('an attachable overlay network is created', async function (this: KitWorld) {
  this.networks.set(
    'overlay',
    await this.engine.networks.create('overlay', { driver: 'overlay', attachable: true }),
  );
});

Then('the engine reports it with the overlay driver and swarm scope', async function (this: KitWorld) {
  const { driver, scope } = await this.networks.get('overlay').inspect();
  this.judge(overlayOfSwarm(driver, scope));
});

Given(
  'an attachable overlay network with a web server container on it, on the manager',
  async function (this: KitWorld) {
    const network = this.networks.set(
      'overlay',
      await this.engine.networks.create('overlay', { driver: 'overlay', attachable: true }),
    );
    this.containers.set('server', await webServerOn(this.engine, network.name));
  },
);

When(
  'a client container on another node of the swarm requests the server by its name',
  async function (this: KitWorld) {
    const { containers, base } = this.engine.peer();
    const client = await containers.run(
      'client',
      base,
      withNetwork(this.networks.get('overlay').name),
      withCmd('sleep', '86400'),
    );
    // The other node learns the server's name once the overlay's gossip reaches it: ask until it answers, 15 s at most.
    this.seen.answer = (
      await fetchUntilAnswered(
        this.containers.set('client', client),
        `http://${this.containers.get('server').name}/`,
        15_000,
      )
    ).text;
  },
);
