// Images and references: none, no container (IMG-01), pull on miss (IMG-02), the default
// registry and tag (IMG-03, IMG-04), `docker images` (IMG-15).

import { Given, Then, When } from '@cucumber/cucumber';
import {
  answered,
  askedFor,
  listed,
  noContainer,
  notFound,
  present,
  pulledAs,
  pulledOnMiss,
  ranPrinting,
  runsImage,
  sameImage,
  stillAbsent,
  usedDefaultTag,
} from '../support/checks/images';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import type { ApiAnswer } from '../support/scenario/containers';
import type { RegistryRequest } from '../support/scenario/registry';

/** What the steps of images and references saw, for its later steps to judge. */
export interface ImageSeen {
  /** An image of the scenario's own that is (or is to be) in the registry. */
  registryImage: string;
  /** The Engine API's answer to a create. */
  apiAnswer: ApiAnswer;
  /** The ID the CLI found for a reference, or why it found none. */
  found: string;
  imagesListed: string[];
  /** What the registry served during the last command, from its log (where the kit has its log). */
  registryRequests: RegistryRequest[];
}

/** This scenario's ImageSeen; a field no step has set says which step has not run. */
export const imageSeen = conceptObservations<ImageSeen>({
  registryImage: 'no image has been put into the registry in this scenario',
  apiAnswer: 'no Engine API call has been made in this scenario',
  found: 'no reference has been looked up',
  imagesListed: 'the images have not been listed',
  registryRequests:
    "the registry's log was not read around a command (the kit reads only its own registry's)",
});

// --- IMG-02: pull on miss

Given('an image that is in the registry but not on the engine', async function (this: KitWorld) {
  imageSeen(this).registryImage = await this.engine.registry.imageOnlyInRegistry(
    this.engine.context.fixtures.exit,
    'pull-on-miss',
  );
  if (await this.engine.images.idOf(imageSeen(this).registryImage))
    throw new Error(`${imageSeen(this).registryImage} is still on the engine after docker rmi`);
});

When('I run it with `docker run`', async function (this: KitWorld) {
  const run = await this.engine.registry.requestsDuringIfLogged(() =>
    this.runCli('main', imageSeen(this).registryImage),
  );
  if (run.requests) imageSeen(this).registryRequests = run.requests;
  this.seen.lastCommand = run.result;
});

Then('the CLI says it cannot find the image locally and pulls it', function (this: KitWorld) {
  this.judge(
    pulledOnMiss(this.seen.lastCommand, imageSeen(this).registryImage, imageSeen(this).registryRequests),
  );
});

Then("the container ran the image's program", function (this: KitWorld) {
  this.judge(ranPrinting(this.seen.lastCommand, 'main process exiting with code 0'));
});

Then('the image is on the engine afterwards', async function (this: KitWorld) {
  const id = await this.engine.images.idOf(imageSeen(this).registryImage);
  this.judge(present(imageSeen(this).registryImage, id, 'after the run'));
});

When('a container is created from it through the Engine API', async function (this: KitWorld) {
  imageSeen(this).apiAnswer = await this.engine.containers.createThroughApi(
    'api',
    imageSeen(this).registryImage,
  );
});

Then('the engine answers {int} {string}', function (this: KitWorld, status: number, text: string) {
  this.judge(answered(imageSeen(this).apiAnswer, status, text));
});

Then('the image is still not on the engine', async function (this: KitWorld) {
  this.judge(
    stillAbsent(imageSeen(this).registryImage, await this.engine.images.idOf(imageSeen(this).registryImage)),
  );
});

// --- IMG-01: no image, no container

Given('a reference that neither the engine nor the registry has', function (this: KitWorld) {
  imageSeen(this).registryImage = this.engine.registry.ref('nowhere');
});

Then('the run fails saying the image was not found', function (this: KitWorld) {
  this.judge(notFound(this.seen.lastCommand));
});

Then('no container was created', async function (this: KitWorld) {
  this.judge(noContainer(await this.engine.containers.listed(true)));
});

// --- IMG-03, IMG-04, IMG-15: references, tags and the list of images

Given("an image of this scenario's own, tagged with a bare name", async function (this: KitWorld) {
  const text = `FROM ${this.engine.context.fixtures.exit}\n`;
  this.seen.image = (await this.build('bare', text, { naming: 'bare' })).ref;
});

When('the image is looked up as docker.io\\/library\\/NAME:latest', async function (this: KitWorld) {
  imageSeen(this).found = await this.engine.images.lookUp(`docker.io/library/${this.seen.image}:latest`);
});

Then('the engine finds the same image', function (this: KitWorld) {
  this.judge(
    sameImage(
      `docker.io/library/${this.seen.image}:latest`,
      this.images.get('bare').id,
      imageSeen(this).found,
    ),
  );
});

When('`docker pull busybox` runs', async function (this: KitWorld) {
  const had = (await this.engine.images.idOf('busybox:latest')) !== undefined;
  const pull = await this.engine.registry.requestsDuringIfLogged(
    () => this.engine.images.pull('busybox', { removeAfter: !had }),
    'mirror',
  );
  if (pull.requests) imageSeen(this).registryRequests = pull.requests;
  this.seen.lastCommand = pull.result;
});

Given(
  "the engine's mirror of the default registry holds an image as library\\/busybox:latest",
  async function (this: KitWorld) {
    await this.engine.registry.putInMirror(this.engine.context.base.ref, 'library/busybox:latest');
  },
);

Then(
  /^the mirror was asked for ([\w./-]+):([\w.-]+)$/,
  function (this: KitWorld, repository: string, tag: string) {
    this.judge(askedFor(imageSeen(this).registryRequests, repository, tag));
  },
);

Then('the CLI says it pulled docker.io\\/library\\/busybox:latest', function (this: KitWorld) {
  this.judge(pulledAs(this.seen.lastCommand, 'docker.io/library/busybox:latest'));
});

When('the image is listed and run by its name without a tag', async function (this: KitWorld) {
  imageSeen(this).imagesListed = (await this.engine.images.list(this.seen.image)).stdout.split('\n');
  const run = await this.runCli('main', this.seen.image);
  this.seen.lastCommand = run;
});

When('the images are listed with `docker images`', async function (this: KitWorld) {
  imageSeen(this).imagesListed = (await this.engine.images.list()).stdout.split('\n');
});

Then(
  /^`docker images` lists it with the tag latest|the list has it, with its repository and tag$/,
  function (this: KitWorld) {
    this.judge(listed(imageSeen(this).imagesListed, `${this.seen.image}:latest`));
  },
);

Then('the container runs the NAME:latest image', async function (this: KitWorld) {
  const { Image } = await this.containers.get('main').inspect((i) => ({ Image: i.Image }));
  this.judge(
    runsImage(`${this.seen.image}:latest`, this.images.get('bare').id, Image, this.seen.lastCommand.exitCode),
  );
});

Given(
  'an image pushed to the registry as REPOSITORY:latest and removed from the engine',
  async function (this: KitWorld) {
    const ref = await this.engine.registry.imageOnlyInRegistry(
      this.engine.context.fixtures.exit,
      'untagged',
      'latest',
    );
    imageSeen(this).registryImage = ref.replace(/:latest$/, '');
  },
);

When('`docker pull REPOSITORY` runs without a tag', async function (this: KitWorld) {
  this.seen.lastCommand = await this.engine.images.pull(imageSeen(this).registryImage);
});

Then('the CLI says it uses the default tag latest', function (this: KitWorld) {
  this.judge(usedDefaultTag(this.seen.lastCommand));
});

Then('the engine has REPOSITORY:latest afterwards', async function (this: KitWorld) {
  const ref = `${imageSeen(this).registryImage}:latest`;
  this.judge(present(ref, await this.engine.images.idOf(ref)));
});
