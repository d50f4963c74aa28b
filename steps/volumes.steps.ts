import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { withVolume } from '../support/kit/container-spec';
import { removeContainer, runContainer } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { createVolume } from '../support/kit/volumes';

const IN_VOLUME = '/data/kept.txt';
const OUTSIDE = '/gone.txt';

Given('a volume', async function (this: KitWorld) {
  this.volume = await createVolume(this.scope, 'data');
});

Given('a container that wrote one file into the volume and one outside it', async function (this: KitWorld) {
  const writer = await runContainer(
    this.scope,
    'writer',
    this.scope.context.fixtures.idle,
    withVolume(this.volume, '/data'),
  );
  this.containers.set('writer', writer);
  const wrote = await shellIn(this.scope, writer, `echo kept > ${IN_VOLUME} && echo gone > ${OUTSIDE}`);
  if (wrote.exitCode !== 0) throw new Error(`the writer could not write: ${wrote.stderr}`);
});

When(
  'the container is removed and a new one is started with the same volume',
  async function (this: KitWorld) {
    await removeContainer(this.scope, this.container('writer'));
    this.containers.delete('writer');
    const reader = await runContainer(
      this.scope,
      'reader',
      this.scope.context.fixtures.idle,
      withVolume(this.volume, '/data'),
    );
    this.containers.set('main', reader);
  },
);

Then('the new container sees the file written into the volume', async function (this: KitWorld) {
  const read = await shellIn(this.scope, this.container('main'), `cat ${IN_VOLUME}`);
  expectClaim(
    this.scope,
    read.stdout.trim() === 'kept',
    `${IN_VOLUME} saying "kept"`,
    () => `exit code ${read.exitCode}: ${read.stdout.trim() || read.stderr.trim()}`,
  );
});

Then('the file written outside the volume is not there', async function (this: KitWorld) {
  const found = await shellIn(this.scope, this.container('main'), `test -e ${OUTSIDE}`);
  expectClaim(
    this.scope,
    found.exitCode !== 0,
    `no ${OUTSIDE}: it was in the removed container's own layer`,
    () => `${OUTSIDE} is there`,
  );
});
