// Volumes: containers are ephemeral, a volume keeps its data (CTR-11).

import { Given, Then, When } from '@cucumber/cucumber';
import { absentFrom, printedExactly } from '../support/checks/containers';
import type { KitWorld } from '../support/cucumber/world';
import { withVolume } from '../support/scenario/container-spec';

const IN_VOLUME = '/data/kept.txt';
const OUTSIDE = '/gone.txt';

Given('a volume', async function (this: KitWorld) {
  await this.volume('data');
});

Given('a container that wrote one file into the volume and one outside it', async function (this: KitWorld) {
  const writer = await this.idle('writer', withVolume(this.volumes.get('data').name, '/data'));
  await writer.must(`echo kept > ${IN_VOLUME} && echo gone > ${OUTSIDE}`, 'write the files');
});

When(
  'the container is removed and a new one is started with the same volume',
  async function (this: KitWorld) {
    await this.containers.get('writer').remove();
    this.containers.delete('writer');
    const volume = withVolume(this.volumes.get('data').name, '/data');
    await this.idle('reader', volume);
  },
);

Then('the new container sees the file written into the volume', async function (this: KitWorld) {
  this.judge(
    printedExactly(`cat ${IN_VOLUME}`, await this.containers.get('reader').shell(`cat ${IN_VOLUME}`), 'kept'),
  );
});

Then('the file written outside the volume is not there', async function (this: KitWorld) {
  const found = await this.containers.get('reader').has(OUTSIDE);
  this.judge(absentFrom(OUTSIDE, "the new container: it was in the removed container's own layer", found));
});
