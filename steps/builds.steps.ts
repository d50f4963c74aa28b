// Building images: each instruction a layer (IMG-05), the build cache (IMG-06), layers stored
// once (IMG-07). Steps that write a Dockerfile, build it or look at what a build left go here.

import { Given, Then, When } from '@cucumber/cucumber';
import {
  addedLayers,
  allCached,
  cachedUntilChange,
  grewByOneLayer,
  historyOfEach,
  metadataAddsNothing,
  sameId,
  shareLayers,
} from '../support/checks/images';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import type { Builder } from '../support/scenario/images';

/** What the steps of builds wrote and saw, for its later steps to judge. */
export interface BuildSeen {
  dockerfile: string;
  history: string;
}

/** This scenario's BuildSeen; a field no step has set says which step has not run. */
export const buildSeen = conceptObservations<BuildSeen>({
  dockerfile: 'no Dockerfile has been written in this scenario',
  history: '`docker image history` has not been looked at',
});

const MiB = 1024 * 1024;
const METADATA = ['ENV GREETING=hello', 'EXPOSE 8080', 'CMD ["sh"]'];

/** The Dockerfile of the layer chapter; RUN lines carry the scenario's name, so the first build is never cached. */
function layersDockerfile(base: string, nonce: string, second = `echo second-${nonce} > /second`): string {
  return [
    `FROM ${base}`,
    `RUN echo first-${nonce} > /first`,
    'ENV GREETING=hello',
    `RUN ${second}`,
    'EXPOSE 8080',
    'CMD ["sh"]',
    '',
  ].join('\n');
}

/**
 * Builds `text` as `<name>:1` of this scenario, with the engine's own builder unless told: one
 * Dockerfile built again under the same name, kept by each step under an alias of its own.
 */
function buildAs(world: KitWorld, name: string, text: string, builder: Builder = 'api') {
  return world.engine.images.build(world.engine.imageRef(name), text, { builder });
}

/** The layer digests of an image this scenario built. */
async function layersOf(world: KitWorld, alias: string): Promise<string[]> {
  return (await world.engine.images.layers(world.images.get(alias).ref)).layers;
}

Given(
  'a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image',
  function (this: KitWorld) {
    buildSeen(this).dockerfile = layersDockerfile(
      this.engine.context.base.ref,
      this.engine.names.name('layers'),
    );
  },
);

When('it is built with {builder}', async function (this: KitWorld, builder: Builder) {
  this.images.set('built', await buildAs(this, 'layers', buildSeen(this).dockerfile, builder));
});

Given('it has been built once with {builder}', async function (this: KitWorld, builder: Builder) {
  this.images.set('first', await buildAs(this, 'layers', buildSeen(this).dockerfile, builder));
});

When('it is built again unchanged with {builder}', async function (this: KitWorld, builder: Builder) {
  this.images.set('built', await buildAs(this, 'layers', buildSeen(this).dockerfile, builder));
});

When(
  'its second RUN instruction is changed and it is built again with {builder}',
  async function (this: KitWorld, builder: Builder) {
    const nonce = this.engine.names.name('layers');
    const changed = layersDockerfile(this.engine.context.base.ref, nonce, `echo changed-${nonce} > /second`);
    this.images.set('built', await buildAs(this, 'changed', changed, builder));
  },
);

Then('the image has {int} more layers than its base', async function (this: KitWorld, more: number) {
  const base = (await this.engine.images.layers(this.engine.context.base.ref)).layers.length;
  this.judge(addedLayers(base, (await layersOf(this, 'built')).length, more));
});

Then(
  '`docker image history` has an entry for each of the {int} instructions',
  async function (this: KitWorld, count: number) {
    buildSeen(this).history = (await this.engine.images.history(this.images.get('built').ref)).stdout;
    this.engine.note("the LABEL entry right after FROM holds the kit's own labels");
    this.judge(
      historyOfEach(
        buildSeen(this).history,
        buildSeen(this).dockerfile.split('\n').slice(1).filter(Boolean),
        count,
      ),
    );
  },
);

Then("the metadata instructions' entries add 0 bytes", function (this: KitWorld) {
  this.judge(metadataAddsNothing(buildSeen(this).history, METADATA));
});

Then('every step comes from the cache', function (this: KitWorld) {
  this.judge(allCached(this.images.get('built').output));
});

Then('the image ID is the same', function (this: KitWorld) {
  this.judge(sameId(this.images.get('first').id, this.images.get('built').id));
});

Then(
  'the steps before the change come from the cache and the steps from it on do not',
  function (this: KitWorld) {
    this.judge(cachedUntilChange(this.images.get('built').output, 'changed-'));
  },
);

Given('an image with an 8 MB layer of its own, to serve as a base', async function (this: KitWorld) {
  await this.build(
    'shared',
    `FROM ${this.engine.context.base.ref}\nRUN head -c ${8 * MiB} /dev/urandom > /big\n`,
  );
});

/** An image on the shared base that adds 1 MB of its own, in a file named after it. */
async function addingOneMiB(world: KitWorld, alias: string): Promise<void> {
  const dockerfile = `FROM ${world.images.get('shared').ref}\nRUN head -c ${MiB} /dev/urandom > /${alias}\n`;
  await world.build(alias, dockerfile);
}

Given('an image built on it adding 1 MB', async function (this: KitWorld) {
  await addingOneMiB(this, 'one');
});

When('a second image is built on it adding 1 MB', async function (this: KitWorld) {
  await addingOneMiB(this, 'two');
});

Then("both images list the base's layers with the same digests", async function (this: KitWorld) {
  this.judge(
    shareLayers(await layersOf(this, 'shared'), await layersOf(this, 'one'), await layersOf(this, 'two')),
  );
});

Then("the engine's storage grew by about 1 MB, not by the base again", async function (this: KitWorld) {
  this.judge(
    grewByOneLayer(
      await this.engine.host.bytesOnlyIn(this.images.get('two').ref, this.images.get('one').ref),
    ),
  );
});
