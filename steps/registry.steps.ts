import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { buildImage } from '../support/kit/builds';
import { runDocker } from '../support/kit/cli';
import { expectClaim } from '../support/kit/expect';
import { imageId } from '../support/kit/fixtures';
import { imageLayers } from '../support/kit/images';
import { pull, push, registryAddress, registryRef, removeImage } from '../support/kit/transfers';

const MiB = 1024 * 1024;

/** How many layer lines of a push or pull say `what` ("Pushed", "Already exists"…). */
function count(output: string, what: RegExp): number {
  return output.split('\n').filter((line) => what.test(line)).length;
}

Given("an image of this scenario's own, with a layer of random bytes", async function (this: KitWorld) {
  const text = `FROM ${this.scope.context.base.ref}\nRUN head -c ${MiB} /dev/urandom > /random.bin\nCMD ["sh", "-c", "echo random image ran"]\n`;
  this.images.set('random', await buildImage(this.scope, `${this.scope.names.name('random')}:1`, text));
});

Given(
  "two images of this scenario's own, the second built on the first plus a layer of its own",
  async function (this: KitWorld) {
    const address = registryAddress(this.scope);
    const first = registryRef(this.scope, address, 'first');
    const second = registryRef(this.scope, address, 'second');
    const base = this.scope.context.base.ref;
    this.images.set(
      'first',
      await buildImage(this.scope, first, `FROM ${base}\nRUN head -c ${MiB} /dev/urandom > /first\n`),
    );
    this.images.set(
      'second',
      await buildImage(this.scope, second, `FROM ${first}\nRUN head -c ${MiB} /dev/urandom > /second\n`),
    );
  },
);

When(
  'it is pushed to the registry, removed from the engine and pulled back',
  async function (this: KitWorld) {
    const image = this.built('random');
    const ref = registryRef(this.scope, registryAddress(this.scope), 'random');
    await runDocker(this.scope.transcript, ['tag', image.ref, ref]);
    this.scope.cleanup.push(`remove image ${ref}`, async () => {
      await this.scope.docker.getImage(ref).remove({ force: true });
    });
    await push(this.scope, ref);
    await removeImage(this.scope, ref, image.ref);
    this.lastCommand = await pull(this.scope, ref);
    this.seen.set('pulled', ref);
  },
);

When(
  'both are pushed, removed from the engine, and pulled back one after the other',
  async function (this: KitWorld) {
    const [first, second] = [this.built('first').ref, this.built('second').ref];
    this.seen.set('push first', (await push(this.scope, first)).stdout);
    this.seen.set('push second', (await push(this.scope, second)).stdout);
    await removeImage(this.scope, second, first);
    this.seen.set('pull first', (await pull(this.scope, first)).stdout);
    this.seen.set('pull second', (await pull(this.scope, second)).stdout);
  },
);

Then('the engine has the image again, with the same ID', async function (this: KitWorld) {
  const image = this.built('random');
  const ref = this.seen.get('pulled') ?? image.ref;
  const id = await imageId(this.scope.docker, ref);
  expectClaim(this.scope, id === image.id, `${ref} with ID ${image.id}`, () =>
    id ? `ID ${id}` : 'no such image',
  );
});

Then(
  'pushing the second sent only its own layer: the shared one already existed',
  async function (this: KitWorld) {
    const output = this.observed('push second');
    const layers = (await imageLayers(this.scope, this.built('second').ref)).layers.length;
    const sent = count(output, /: Pushed$/);
    const skipped = count(output, /: (Layer already exists|Mounted from .*)$/);
    expectClaim(
      this.scope,
      sent === 1 && skipped === layers - 1,
      `1 layer pushed, ${layers - 1} already there`,
      () => `${sent} pushed, ${skipped} already there:\n${output.trim()}`,
    );
  },
);

Then(
  'pulling the second fetched only its own layer: the shared one already existed',
  async function (this: KitWorld) {
    const output = this.observed('pull second');
    const layers = (await imageLayers(this.scope, this.built('second').ref)).layers.length;
    const fetched = count(output, /: Pull complete$/);
    const skipped = count(output, /: Already exists$/);
    expectClaim(
      this.scope,
      fetched === 1 && skipped === layers - 1,
      `1 layer pulled, ${layers - 1} already there`,
      () => `${fetched} pulled, ${skipped} already there:\n${output.trim()}`,
    );
  },
);
