import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { buildSteps } from '../support/kit/build-output';
import { buildImage } from '../support/kit/builds';
import { runDocker } from '../support/kit/cli';
import { expectClaim } from '../support/kit/expect';
import { imageLayers } from '../support/kit/images';
import { diskUsage } from '../support/kit/storage';

const MiB = 1024 * 1024;
const METADATA = ['ENV GREETING=hello', 'EXPOSE 8080', 'CMD ["sh"]'];

/** The Dockerfile of the layer chapter; RUN lines carry the scenario's name, so the first build is never cached. */
function dockerfile(base: string, nonce: string, second = `echo second-${nonce} > /second`): string {
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

function build(world: KitWorld, alias: string, text: string) {
  return buildImage(world.scope, `${world.scope.names.name(alias)}:1`, text);
}

Given(
  'a Dockerfile with two RUN, one ENV, one EXPOSE and one CMD instruction on the base image',
  function (this: KitWorld) {
    this.seen.set('dockerfile', dockerfile(this.scope.context.base.ref, this.scope.names.name('layers')));
  },
);

When('it is built', async function (this: KitWorld) {
  this.images.set('built', await build(this, 'layers', this.observed('dockerfile')));
});

Given('it has been built once', async function (this: KitWorld) {
  this.images.set('first', await build(this, 'layers', this.observed('dockerfile')));
});

When('it is built again unchanged', async function (this: KitWorld) {
  this.images.set('built', await build(this, 'layers', this.observed('dockerfile')));
});

When('its second RUN instruction is changed and it is built again', async function (this: KitWorld) {
  const nonce = this.scope.names.name('layers');
  const changed = dockerfile(this.scope.context.base.ref, nonce, `echo changed-${nonce} > /second`);
  this.images.set('built', await build(this, 'changed', changed));
});

Then('the image has {int} more layers than its base', async function (this: KitWorld, more: number) {
  const base = await imageLayers(this.scope, this.scope.context.base.ref);
  const image = await imageLayers(this.scope, this.built('built').ref);
  const added = image.layers.length - base.layers.length;
  expectClaim(
    this.scope,
    added === more,
    `${more} layers more than the base's ${base.layers.length}`,
    () => `${added} more`,
  );
});

Then(
  '`docker image history` has an entry for each of the {int} instructions',
  async function (this: KitWorld, count: number) {
    const history = await runDocker(this.scope.transcript, [
      'image',
      'history',
      '--no-trunc',
      '--format',
      '{{.CreatedBy}}\t{{.Size}}',
      this.built('built').ref,
    ]);
    this.seen.set('history', history.stdout);
    this.scope.transcript.note("the LABEL entry right after FROM holds the kit's own labels");
    const instructions = this.observed('dockerfile').split('\n').slice(1).filter(Boolean);
    const missing = instructions.filter((i) => !history.stdout.includes(i.replace(/^RUN /, '')));
    expectClaim(
      this.scope,
      instructions.length === count && missing.length === 0,
      `a history entry for each of ${count} instructions`,
      () => `no entry for: ${missing.join('; ')}`,
    );
  },
);

Then("the metadata instructions' entries add 0 bytes", function (this: KitWorld) {
  const rows = this.observed('history').split('\n');
  const sizes = METADATA.map((i) => rows.find((row) => row.includes(i))?.split('\t')[1] ?? 'no entry');
  expectClaim(
    this.scope,
    sizes.every((s) => /^0B?$/.test(s)),
    `0 B for ${METADATA.join(', ')}`,
    () => sizes.join(', '),
  );
});

Then('every step comes from the cache', function (this: KitWorld) {
  const steps = buildSteps(this.built('built').output).slice(1);
  const rebuilt = steps.filter((s) => !s.cached);
  expectClaim(
    this.scope,
    steps.length > 0 && rebuilt.length === 0,
    'every step after FROM "Using cache"',
    () => `rebuilt: ${rebuilt.map((s) => s.instruction).join('; ')}`,
  );
});

Then('the image ID is the same', function (this: KitWorld) {
  const [first, again] = [this.built('first').id, this.built('built').id];
  expectClaim(this.scope, first === again, `image ${first} again`, () => `image ${again}`);
});

Then(
  'the steps before the change come from the cache and the steps from it on do not',
  function (this: KitWorld) {
    const steps = buildSteps(this.built('built').output).slice(1);
    const changed = steps.findIndex((s) => s.instruction.includes('changed-'));
    const wrong = steps.filter((s, i) => s.cached !== i < changed);
    expectClaim(
      this.scope,
      changed > 0 && wrong.length === 0,
      'cache hits up to the changed RUN, rebuilds from it on',
      () => steps.map((s) => `${s.instruction}: ${s.cached ? 'cache' : 'rebuilt'}`).join('; '),
    );
  },
);

Given('an image with an 8 MB layer of its own, to serve as a base', async function (this: KitWorld) {
  const text = `FROM ${this.scope.context.base.ref}\nRUN head -c ${8 * MiB} /dev/urandom > /big\n`;
  this.images.set('shared', await build(this, 'shared', text));
});

Given('an image built on it adding 1 MB', async function (this: KitWorld) {
  const text = `FROM ${this.built('shared').ref}\nRUN head -c ${MiB} /dev/urandom > /one\n`;
  this.images.set('one', await build(this, 'one', text));
});

When('a second image is built on it adding 1 MB', async function (this: KitWorld) {
  const storage = this.scope.context.storage;
  if (!('path' in storage)) throw new Error(storage.unavailable);
  const before = diskUsage(storage.path);
  const text = `FROM ${this.built('shared').ref}\nRUN head -c ${MiB} /dev/urandom > /two\n`;
  this.images.set('two', await build(this, 'two', text));
  const growth = diskUsage(storage.path) - before;
  this.seen.set('growth', String(growth));
  this.scope.transcript.record({
    command: `du -sb ${storage.path}   # before and after the build, hard links once`,
    via: 'host',
    exitCode: 0,
    stdout: `before: ${before} B\nafter: ${before + growth} B\ngrowth: ${growth} B`,
    stderr: '',
  });
});

Then("both images list the base's layers with the same digests", async function (this: KitWorld) {
  const shared = (await imageLayers(this.scope, this.built('shared').ref)).layers;
  const one = (await imageLayers(this.scope, this.built('one').ref)).layers;
  const two = (await imageLayers(this.scope, this.built('two').ref)).layers;
  const prefix = (layers: string[]) => shared.every((digest, i) => layers[i] === digest);
  expectClaim(
    this.scope,
    prefix(one) && prefix(two),
    `both starting with ${shared.join(', ')}`,
    () => `one: ${one.join(', ')}; two: ${two.join(', ')}`,
  );
});

Then("the engine's storage grew by about 1 MB, not by the base again", function (this: KitWorld) {
  const growth = Number(this.observed('growth'));
  // Its own 1 MiB and some metadata; storing the 8 MiB base again would add 8 MiB more.
  expectClaim(
    this.scope,
    growth >= MiB && growth < 5 * MiB,
    'growth between 1 MiB and 5 MiB',
    () => `${(growth / MiB).toFixed(2)} MiB`,
  );
});
