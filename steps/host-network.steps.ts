// --network host: no mapping needed (PRT-09), a port taken on the host (PRT-10), less
// isolation (PRT-11).

import { Then, When } from '@cucumber/cucumber';
import {
  addressInUseLogged,
  noPage,
  pageOn,
  seesHostInterfaces,
  seesHostSocket,
  stoppedFailing,
  warnedDiscarded,
} from '../support/checks/ports';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import { withEnv, withNetwork, withPublishedPort } from '../support/scenario/container-spec';
import { pageOf } from '../support/scenario/ports';
import { interfacesOf, listeningPorts } from '../support/scenario/probes';

/** What a container on the host's network saw, for its later steps to judge. */
export interface HostNetworkSeen {
  interfacesInside: string[];
  socketsInside: number[];
}

/** This scenario's HostNetworkSeen; a field no step has set says which step has not run. */
export const hostNetworkSeen = conceptObservations<HostNetworkSeen>({
  interfacesInside: 'no container has listed its network interfaces',
  socketsInside: 'no container has listed its listening sockets',
});

When(
  'a web server on a free port runs with --network host and -p for another free port',
  async function (this: KitWorld) {
    const [app, ignored] = [
      this.hostPorts.set('app', await this.engine.ports.free()),
      this.hostPorts.set('ignored', await this.engine.ports.free()),
    ];
    const options = [withNetwork('host'), withEnv('PORT', app), withPublishedPort(ignored, 80)];
    const run = await this.runCli('main', this.engine.context.fixtures.web, options, {
      detach: true,
    });
    this.seen.lastCommand = run;
  },
);

When('a web server on that port runs with --network host', async function (this: KitWorld) {
  const options = [withEnv('PORT', this.hostPorts.get('main')), withNetwork('host')];
  await this.run('main', this.engine.context.fixtures.web, ...options);
});

When(
  'a container on the host network lists its network interfaces and listening sockets',
  async function (this: KitWorld) {
    const main = await this.idle('main', withNetwork('host'));
    hostNetworkSeen(this).interfacesInside = await interfacesOf(main);
    hostNetworkSeen(this).socketsInside = await listeningPorts(main);
  },
);

Then('the CLI warns that published ports are discarded', function (this: KitWorld) {
  this.judge(warnedDiscarded(this.seen.lastCommand));
});

Then("the app answers on the host's loopback at its own port", async function (this: KitWorld) {
  const port = this.hostPorts.get('app');
  const page = await this.engine.ports.waitForPage(port, 15_000, 'loopback');
  this.judge(pageOn(port, page, pageOf(this.containers.get('main'))));
});

Then('nothing answers at the port given with -p', async function (this: KitWorld) {
  this.judge(
    noPage(
      this.hostPorts.get('ignored'),
      await this.engine.ports.page(this.hostPorts.get('ignored'), 'loopback'),
    ),
  );
});

Then('the container stops by itself, with a non-zero exit code', async function (this: KitWorld) {
  this.judge(stoppedFailing(await this.containers.get('main').waitForExit(15_000)));
});

Then('its log says the address is already in use', async function (this: KitWorld) {
  this.judge(addressInUseLogged(await this.containers.get('main').logs()));
});

Then("it lists the host's network interfaces", async function (this: KitWorld) {
  this.judge(seesHostInterfaces(hostNetworkSeen(this).interfacesInside, await this.engine.host.interfaces()));
});

Then("it lists the program's listening port among its own", function (this: KitWorld) {
  this.judge(seesHostSocket(hostNetworkSeen(this).socketsInside, this.seen.portHolder.port));
});
