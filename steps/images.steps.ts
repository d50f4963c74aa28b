import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { buildImage, buildScenarioImage } from '../support/kit/builds';
import { runDocker } from '../support/kit/cli';
import { containerSpec } from '../support/kit/container-spec';
import { discardContainer, runWithCli } from '../support/kit/containers';
import { expectClaim } from '../support/kit/expect';
import { imageId } from '../support/kit/fixtures';
import { createThroughApi, imagePresent } from '../support/kit/images';
import { inspectContainer } from '../support/kit/inspect';
import { labelArgs } from '../support/kit/labels';
import { listedNames } from '../support/kit/listing';
import {
  imageOnlyInRegistry,
  pull,
  push,
  registryAddress,
  registryRef,
  removeImage,
} from '../support/kit/transfers';

Given('an image that is in the registry but not on the engine', async function (this: KitWorld) {
  const address = registryAddress(this.scope);
  this.registryImage = await imageOnlyInRegistry(
    this.scope,
    this.scope.context.fixtures.exit,
    address,
    'pull-on-miss',
  );
  if (await imagePresent(this.scope, this.registryImage)) {
    throw new Error(`${this.registryImage} is still on the engine after docker rmi`);
  }
});

When('I run it with `docker run`', async function (this: KitWorld) {
  const name = this.scope.names.name(`pulled-${this.containers.size}`);
  this.scope.cleanup.push(`remove container ${name}`, () => discardContainer(this.scope.docker, name));
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

// --- IMG-01: no image, no container

Given('a reference that neither the engine nor the registry has', function (this: KitWorld) {
  this.registryImage = registryRef(this.scope, registryAddress(this.scope), 'nowhere');
});

Then('the run fails saying the image was not found', function (this: KitWorld) {
  const { exitCode, stderr } = this.lastCommand;
  expectClaim(
    this.scope,
    exitCode !== 0 && /not found|manifest unknown/i.test(stderr),
    'a failed run saying "not found"',
    () => `exit code ${exitCode}, stderr ${JSON.stringify(stderr.trim())}`,
  );
});

Then('no container was created', async function (this: KitWorld) {
  const listed = await listedNames(this.scope, true);
  expectClaim(this.scope, listed.length === 0, 'no container at all in `docker ps -a`', () =>
    listed.join(', '),
  );
});

// --- IMG-03, IMG-04, IMG-15: references, tags and the list of images

Given("an image of this scenario's own, tagged with a bare name", async function (this: KitWorld) {
  const name = this.scope.names.name('bare');
  this.images.set('bare', await buildImage(this.scope, name, `FROM ${this.scope.context.fixtures.exit}\n`));
  this.image = name;
});

When('the image is looked up as docker.io\\/library\\/NAME:latest', async function (this: KitWorld) {
  const full = `docker.io/library/${this.image}:latest`;
  const found = await runDocker(this.scope.transcript, ['image', 'inspect', '--format', '{{.Id}}', full]);
  this.seen.set('found', found.exitCode === 0 ? found.stdout.trim() : `not found: ${found.stderr.trim()}`);
});

Then('the engine finds the same image', function (this: KitWorld) {
  const found = this.observed('found');
  const id = this.built('bare').id;
  expectClaim(this.scope, found === id, `docker.io/library/${this.image}:latest to be ${id}`, () => found);
});

When('`docker pull busybox` runs', async function (this: KitWorld) {
  const had = await imageId(this.scope.docker, 'busybox:latest');
  if (!had)
    this.scope.cleanup.push('remove busybox:latest', () =>
      this.scope.docker.getImage('busybox:latest').remove(),
    );
  this.lastCommand = await pull(this.scope, 'busybox');
});

Then('the CLI says it pulled docker.io\\/library\\/busybox:latest', function (this: KitWorld) {
  const { exitCode, stdout } = this.lastCommand;
  expectClaim(
    this.scope,
    exitCode === 0 && stdout.includes('docker.io/library/busybox:latest'),
    'a pull of docker.io/library/busybox:latest',
    () => stdout.trim(),
  );
});

When('the image is listed and run by its name without a tag', async function (this: KitWorld) {
  this.seen.set(
    'images',
    (await runDocker(this.scope.transcript, ['images', '--format', '{{.Repository}}:{{.Tag}}', this.image]))
      .stdout,
  );
  const spec = containerSpec(this.scope, 'main', this.image, []);
  this.containers.set('main', { id: spec.name, name: spec.name });
  this.lastCommand = await runWithCli(this.scope, spec);
});

When('the images are listed with `docker images`', async function (this: KitWorld) {
  this.seen.set(
    'images',
    (await runDocker(this.scope.transcript, ['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout,
  );
});

Then(
  /^`docker images` lists it with the tag latest|the list has it, with its repository and tag$/,
  function (this: KitWorld) {
    const listed = this.observed('images').split('\n');
    expectClaim(
      this.scope,
      listed.includes(`${this.image}:latest`),
      `${this.image}:latest in docker images`,
      () => listed.filter(Boolean).slice(0, 20).join(', '),
    );
  },
);

Then('the container runs the NAME:latest image', async function (this: KitWorld) {
  const inspect = await inspectContainer(this.scope, this.container('main'), (i) => ({ Image: i.Image }));
  const latest = this.built('bare').id;
  expectClaim(
    this.scope,
    inspect.Image === latest && this.lastCommand.exitCode === 0,
    `a container of ${this.image}:latest (${latest})`,
    () => `a container of ${inspect.Image}, exit code ${this.lastCommand.exitCode}`,
  );
});

Given(
  'an image pushed to the registry as REPOSITORY:latest and removed from the engine',
  async function (this: KitWorld) {
    const ref = registryRef(this.scope, registryAddress(this.scope), 'untagged', 'latest');
    await buildScenarioImage(this.scope, this.scope.context.fixtures.exit, ref);
    await push(this.scope, ref);
    await removeImage(this.scope, ref);
    this.registryImage = ref.replace(/:latest$/, '');
  },
);

When('`docker pull REPOSITORY` runs without a tag', async function (this: KitWorld) {
  this.lastCommand = await pull(this.scope, this.registryImage);
});

Then('the CLI says it uses the default tag latest', function (this: KitWorld) {
  const { stdout } = this.lastCommand;
  expectClaim(this.scope, stdout.includes('Using default tag: latest'), '"Using default tag: latest"', () =>
    stdout.trim(),
  );
});

Then('the engine has REPOSITORY:latest afterwards', async function (this: KitWorld) {
  const present = await imagePresent(this.scope, `${this.registryImage}:latest`);
  expectClaim(this.scope, present, `${this.registryImage}:latest on the engine`, () => 'no such image');
});
