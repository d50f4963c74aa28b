import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { containerSpec, withPublishedPort } from '../support/kit/container-spec';
import { runContainer, runWithCli } from '../support/kit/containers';
import { expectClaim } from '../support/kit/expect';
import { readGreeting } from '../support/kit/http';
import { freePort, holdPort } from '../support/kit/ports';
import { ADDRESS_IN_USE, fetchPage, portAllocatedError, waitForPage } from '../support/kit/publish';

Given(
  'a web server container publishing a free host port to its port {int}',
  async function (this: KitWorld, containerPort: number) {
    this.hostPort = await freePort();
    const web = this.scope.context.fixtures.web;
    this.containers.set(
      'first',
      await runContainer(this.scope, 'first', web, withPublishedPort(this.hostPort, containerPort)),
    );
    await waitForPage(this.scope, this.hostPort);
  },
);

Given('a free host port', async function (this: KitWorld) {
  this.hostPort = await freePort();
  this.scope.transcript.note(`host port ${this.hostPort} is free: the kernel just handed it out`);
});

Given('a program that is not a container holds a free host port', async function (this: KitWorld) {
  const holder = await holdPort(`held by ${this.scope.names.name('holder')}, not a container`);
  this.scope.cleanup.push(`close port ${holder.port}`, holder.close);
  this.portHolder = holder;
  this.hostPort = holder.port;
  this.scope.transcript.note(`a plain TCP server in the kit's own process listens on 0.0.0.0:${holder.port}`);
});

When(
  /^(?:another|a) container is run with `docker run -p` on (?:the same|that) host port$/,
  async function (this: KitWorld) {
    const alias = this.containers.has('first') ? 'second' : 'new';
    const spec = containerSpec(this.scope, alias, this.scope.context.fixtures.web, [
      withPublishedPort(this.hostPort, 80),
    ]);
    this.containers.set(alias, { id: spec.name, name: spec.name });
    this.lastCommand = await runWithCli(this.scope, spec, true);
  },
);

Then('the run fails with a bind error saying the port is already allocated', function (this: KitWorld) {
  expectBindError(this, portAllocatedError(this.scope.context.engine));
});

Then('the run fails with a bind error saying the address is already in use', function (this: KitWorld) {
  expectBindError(this, ADDRESS_IN_USE);
});

Then('the first container still answers on that host port', async function (this: KitWorld) {
  const first = this.container('first');
  const page = await fetchPage(this.scope, this.hostPort);
  const expected = `hello from ${first.id.slice(0, 12)}`;
  expectClaim(
    this.scope,
    page.ok && page.text.includes(expected),
    `"${expected}" on host port ${this.hostPort}`,
    () => page.text.trim(),
  );
});

Then('the program still holds its port and answers on it', async function (this: KitWorld) {
  const { port, greeting } = this.portHolder;
  const answer = await readGreeting('127.0.0.1', port).catch((error: Error) => `no answer: ${error.message}`);
  expectClaim(this.scope, answer === greeting, `the program's greeting on port ${port}`, () => answer);
});

function expectBindError(world: KitWorld, wording: RegExp): void {
  const { exitCode, stderr } = world.lastCommand;
  expectClaim(
    world.scope,
    exitCode !== 0 && wording.test(stderr),
    `a failed run whose error matches ${wording}`,
    () => `exit code ${exitCode}, stderr ${JSON.stringify(stderr.trim())}`,
  );
}
