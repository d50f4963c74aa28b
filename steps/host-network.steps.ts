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
import type { KitWorld } from '../support/cucumber/world';
import { withEnv, withNetwork, withPublishedPort } from '../support/scenario/container-spec';
import { pageOf } from '../support/scenario/ports';
import { interfacesOf, listeningPorts } from '../support/scenario/probes';

// PRT-09, 10, 11: a container on the host's network.

When(
  'a web server on a free port runs with --network host and -p for another free port',
  async function (this: KitWorld) {
    const [app, ignored] = [
      this.hostPorts.set('app', await this.engine.ports.free()),
      this.hostPorts.set('ignored', await this.engine.ports.free()),
    ];
    const options = [withNetwork('host'), withEnv('PORT', app), withPublishedPort(ignored, 80)];
    const run = await this.engine.containers.runCli('main', this.engine.context.fixtures.web, options, {
      detach: true,
    });
    this.seen.lastCommand = run;
    this.containers.set('main', run.container);
  },
);

When('a web server on that port runs with --network host', async function (this: KitWorld) {
  const options = [withEnv('PORT', this.hostPorts.get('main')), withNetwork('host')];
  this.containers.set(
    'main',
    await this.engine.containers.run('main', this.engine.context.fixtures.web, ...options),
  );
});

When(
  'a container on the host network lists its network interfaces and listening sockets',
  async function (this: KitWorld) {
    const main = this.containers.set(
      'main',
      await this.engine.containers.run('main', this.engine.context.fixtures.idle, withNetwork('host')),
    );
    this.seen.interfacesInside = await interfacesOf(main);
    this.seen.socketsInside = await listeningPorts(main);
  },
);

Then('the CLI warns that published ports are discarded', function (this: KitWorld) {
  this.judge(warnedDiscarded(this.seen.lastCommand));
});

Then("the app answers on the host's loopback at its own port", async function (this: KitWorld) {
  const port = this.hostPorts.get('app');
  const page = await this.engine.ports.waitForPage(port);
  this.judge(pageOn(port, page, pageOf(this.containers.get('main'))));
});

Then('nothing answers at the port given with -p', async function (this: KitWorld) {
  this.judge(
    noPage(this.hostPorts.get('ignored'), await this.engine.ports.page(this.hostPorts.get('ignored'))),
  );
});

Then('the container stops by itself, with a non-zero exit code', async function (this: KitWorld) {
  this.judge(stoppedFailing(await this.containers.get('main').waitForExit(15_000)));
});

Then('its log says the address is already in use', async function (this: KitWorld) {
  this.judge(addressInUseLogged(await this.containers.get('main').logs()));
});

Then("it lists the host's network interfaces", async function (this: KitWorld) {
  this.judge(seesHostInterfaces(this.seen.interfacesInside, await this.engine.host.interfaces()));
});

Then("it lists the program's listening port among its own", function (this: KitWorld) {
  this.judge(seesHostSocket(this.seen.socketsInside, this.seen.portHolder.port));
});
