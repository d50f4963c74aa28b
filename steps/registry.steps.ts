// Registries: shared layers travel once (IMG-08), push and pull back (IMG-13), images move
// between engines (IMG-14).

import { Given, Then, When } from '@cucumber/cucumber';
import { backWithId, fetched, movedOnlyOwn, uploaded } from '../support/checks/images';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import type { RegistryRequest } from '../support/scenario/registry';

/** What was seen of the first and of the second of two. */
type Pair<T> = [first: T, second: T];

/** What the registry's log showed of transfers, for its later steps to judge. */
export interface RegistrySeen {
  /** The registry's requests for the pushes and pulls of two images (first, second), and their layers there. */
  transfers: { pushes: Pair<RegistryRequest[]>; pulls: Pair<RegistryRequest[]>; layers: Pair<string[]> };
}

/** This scenario's RegistrySeen; a field no step has set says which step has not run. */
export const registrySeen = conceptObservations<RegistrySeen>({
  transfers: 'the images have not been pushed and pulled',
});

const MiB = 1024 * 1024;

Given("an image of this scenario's own, with a layer of random bytes", async function (this: KitWorld) {
  const text = `FROM ${this.engine.context.base.ref}\nRUN head -c ${MiB} /dev/urandom > /random.bin\nCMD ["sh", "-c", "echo random image ran"]\n`;
  await this.build('random', text);
});

Given(
  "two images of this scenario's own, the second built on the first plus a layer of its own",
  async function (this: KitWorld) {
    const base = this.engine.context.base.ref;
    const first = await this.build('first', `FROM ${base}\nRUN head -c ${MiB} /dev/urandom > /first\n`, {
      naming: 'registry',
    });
    await this.build('second', `FROM ${first.ref}\nRUN head -c ${MiB} /dev/urandom > /second\n`, {
      naming: 'registry',
    });
  },
);

When(
  'it is pushed to the registry, removed from the engine and pulled back',
  async function (this: KitWorld) {
    this.seen.cameBackAs = await this.engine.registry.roundTrip(this.images.get('random').ref, 'random');
  },
);

When(
  'both are pushed, removed from the engine, and pulled back one after the other',
  async function (this: KitWorld) {
    const [first, second, registry] = [
      this.images.get('first').ref,
      this.images.get('second').ref,
      this.engine.registry,
    ];
    const push = async (ref: string) => (await registry.requestsDuring(() => registry.push(ref))).requests;
    const pull = async (ref: string) =>
      (await registry.requestsDuring(() => this.engine.images.pull(ref))).requests;
    const pushes: [RegistryRequest[], RegistryRequest[]] = [await push(first), await push(second)];
    await this.engine.images.remove(second, first);
    registrySeen(this).transfers = {
      pushes,
      pulls: [await pull(first), await pull(second)],
      layers: [await registry.manifestLayers(first), await registry.manifestLayers(second)],
    };
  },
);

Then('the engine has the image again, with the same ID', async function (this: KitWorld) {
  const ref = this.seen.cameBackAs;
  this.judge(backWithId(ref, this.images.get('random').id, await this.engine.images.idOf(ref)));
});

Then('pushing the second sent only its own layer: the shared one already existed', function (this: KitWorld) {
  const { pushes, layers } = registrySeen(this).transfers;
  this.judge(movedOnlyOwn('push', uploaded(pushes[1]), layers[0], layers[1]));
});

Then(
  'pulling the second fetched only its own layer: the shared one already existed',
  function (this: KitWorld) {
    const { pulls, layers } = registrySeen(this).transfers;
    this.judge(movedOnlyOwn('pull', fetched(pulls[1]), layers[0], layers[1]));
  },
);
