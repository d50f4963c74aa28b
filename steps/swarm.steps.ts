import { Then, When } from '@cucumber/cucumber';
import { overlayOfSwarm } from '../support/checks/networks';
import type { KitWorld } from '../support/cucumber/world';
import { expectClaim } from '../support/scenario/expect';

// NET-11: overlay networks, on a swarm manager.

When('an attachable overlay network is created', async function (this: KitWorld) {
  this.networks.set(
    'overlay',
    await this.engine.networks.create('overlay', { driver: 'overlay', attachable: true }),
  );
});

Then('the engine reports it with the overlay driver and swarm scope', async function (this: KitWorld) {
  const { driver, scope } = await this.networks.get('overlay').inspect();
  expectClaim(this.engine, overlayOfSwarm(driver, scope));
});
