import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { runDocker } from '../support/kit/cli';
import { expectClaim } from '../support/kit/expect';
import { createThroughApi, imageOnlyInRegistry, imagePresent } from '../support/kit/images';
import { labelArgs } from '../support/kit/labels';

Given('an image that is in the registry but not on the engine', async function (this: KitWorld) {
  const { registry, fixtures } = this.scope.context;
  if ('unavailable' in registry) throw new Error(`no registry: ${registry.unavailable}`);
  this.registryImage = await imageOnlyInRegistry(this.scope, fixtures.exit, registry.address, 'pull-on-miss');
  if (await imagePresent(this.scope, this.registryImage)) {
    throw new Error(`${this.registryImage} is still on the engine after docker rmi`);
  }
});

When('I run it with `docker run`', async function (this: KitWorld) {
  const name = this.scope.names.name(`pulled-${this.containers.size}`);
  this.scope.cleanup.push(`remove container ${name}`, () =>
    this.scope.docker.getContainer(name).remove({ force: true }),
  );
  this.containers.set('main', { id: name, name });
  this.lastCommand = await runDocker(
    this.scope.transcript,
    ['run', '--name', name, ...labelArgs(this.scope.labels), this.registryImage],
    { timeoutMs: 120_000 },
  );
});

Then('the CLI says it cannot find the image locally and pulls it', function (this: KitWorld) {
  const { stderr, stdout } = this.lastCommand;
  const output = `${stdout}\n${stderr}`;
  const miss = `Unable to find image '${this.registryImage}' locally`;
  const pulled = `Downloaded newer image for ${this.registryImage}`;
  expectClaim(
    this.scope,
    output.includes(miss) && output.includes(pulled),
    `"${miss}" then "${pulled}"`,
    () => `output:\n${output.trim()}`,
  );
});

Then("the container ran the image's program", function (this: KitWorld) {
  const { exitCode, stdout } = this.lastCommand;
  expectClaim(
    this.scope,
    exitCode === 0 && stdout.includes('main process exiting with code 0'),
    'exit code 0 and the program\'s line "main process exiting with code 0"',
    () => `exit code ${exitCode}, stdout ${JSON.stringify(stdout.trim())}`,
  );
});

Then('the image is on the engine afterwards', async function (this: KitWorld) {
  const present = await imagePresent(this.scope, this.registryImage);
  expectClaim(
    this.scope,
    present,
    `${this.registryImage} on the engine after the run`,
    () => 'no such image',
  );
});

When('a container is created from it through the Engine API', async function (this: KitWorld) {
  this.apiAnswer = await createThroughApi(this.scope, this.registryImage, this.scope.names.name('api'));
});

Then('the engine answers {int} {string}', function (this: KitWorld, status: number, text: string) {
  const answer = this.apiAnswer;
  expectClaim(
    this.scope,
    answer.status === status && answer.message.includes(text),
    `HTTP ${status} "${text}"`,
    () => `HTTP ${answer.status} ${answer.message}`,
  );
});

Then('the image is still not on the engine', async function (this: KitWorld) {
  const present = await imagePresent(this.scope, this.registryImage);
  expectClaim(
    this.scope,
    !present,
    `${this.registryImage} still absent: the API does not pull`,
    () => 'the engine has the image: it was pulled',
  );
});
