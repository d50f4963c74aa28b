import { Given, Then, When } from '@cucumber/cucumber';
import { bindError, greets, pageOn } from '../support/checks/ports';
import type { KitWorld } from '../support/cucumber/world';
import { withPublishedPort } from '../support/scenario/container-spec';
import { ADDRESS_IN_USE, pageOf, portAllocatedError } from '../support/scenario/ports';

// PRT-04, PRT-05: a host port that is taken.

Given(
  'a web server container publishing a free host port to its port {int}',
  async function (this: KitWorld, containerPort: number) {
    const port = this.hostPorts.set('main', await this.engine.ports.free());
    this.containers.set(
      'first',
      await this.engine.containers.run(
        'first',
        this.engine.context.fixtures.web,
        withPublishedPort(port, containerPort),
      ),
    );
    const first = await this.engine.ports.waitForPage(port);
    if (!first.ok) throw new Error(`the first web server never answered on host port ${port}: ${first.text}`);
  },
);

Given('a free host port', async function (this: KitWorld) {
  this.hostPorts.set('main', await this.engine.ports.free());
});

Given('a program that is not a container holds a free host port', async function (this: KitWorld) {
  this.seen.portHolder = await this.engine.ports.hold(
    `held by ${this.engine.names.name('holder')}, not a container`,
  );
  this.hostPorts.set('main', this.seen.portHolder.port);
});

When(
  /^(?:another|a) container is run with `docker run -p` on (?:the same|that) host port$/,
  async function (this: KitWorld) {
    const alias = this.containers.has('first') ? 'second' : 'new';
    const run = await this.engine.containers.runCli(
      alias,
      this.engine.context.fixtures.web,
      [withPublishedPort(this.hostPorts.get('main'), 80)],
      { detach: true },
    );
    this.seen.lastCommand = run;
    this.containers.set(alias, run.container);
  },
);

Then('the run fails with a bind error saying the port is already allocated', function (this: KitWorld) {
  this.judge(bindError(this.seen.lastCommand, portAllocatedError(this.engine.context.engine)));
});

Then('the run fails with a bind error saying the address is already in use', function (this: KitWorld) {
  this.judge(bindError(this.seen.lastCommand, ADDRESS_IN_USE));
});

Then('the first container still answers on that host port', async function (this: KitWorld) {
  const port = this.hostPorts.get('main');
  this.judge(pageOn(port, await this.engine.ports.page(port), pageOf(this.containers.get('first'))));
});

Then('the program still holds its port and answers on it', async function (this: KitWorld) {
  const { port, greeting } = this.seen.portHolder;
  this.judge(greets(port, greeting, await this.engine.ports.greeting(port)));
});
