// What an image is: immutable (IMG-09), no kernel of its own (IMG-10), as small as one file
// (IMG-11), files plus how to run them (IMG-12), a snapshot of a container (IMG-16).

import { Given, Then, When } from '@cucumber/cucumber';
import { absentFrom, printedExactly } from '../support/checks/containers';
import { committed, hasSettings, noKernel, oneFile, output, ranPrinting } from '../support/checks/images';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import { withCmd } from '../support/scenario/container-spec';

/** What running an image showed of its contents, for its later steps to judge. */
export interface ContentsSeen {
  defaultRun: string;
  overrideRun: string;
}

/** This scenario's ContentsSeen; a field no step has set says which step has not run. */
export const contentsSeen = conceptObservations<ContentsSeen>({
  defaultRun: 'the image has not been run without a command',
  overrideRun: 'the image has not been run with a command',
});

const GREETING = 'hello from a one-file image';
const ONE_FILE = (base: string) =>
  [
    `FROM ${base} AS source`,
    'FROM scratch',
    'COPY --from=source /bin/busybox /busybox',
    `ENTRYPOINT ["/busybox", "echo", "${GREETING}"]`,
    '',
  ].join('\n');
const SETTINGS = (base: string) =>
  [
    `FROM ${base}`,
    'ENV GREETING=hello',
    'EXPOSE 8080',
    'WORKDIR /app',
    'CMD ["sh", "-c", "echo \\"$GREETING from $(pwd)\\""]',
    '',
  ].join('\n');

Given('an image built FROM scratch with one static binary copied in', async function (this: KitWorld) {
  this.seen.image = (await this.build('one-file', ONE_FILE(this.engine.context.base.ref))).ref;
});

Given('an image with ENV, EXPOSE, WORKDIR and CMD settings', async function (this: KitWorld) {
  await this.build('settings', SETTINGS(this.engine.context.base.ref));
});

When('a container runs it', async function (this: KitWorld) {
  const run = await this.runCli('main', this.seen.image);
  this.seen.lastCommand = run;
});

When('it is run once without a command and once with one', async function (this: KitWorld) {
  const ref = this.images.get('settings').ref;
  contentsSeen(this).defaultRun = (await this.runCli('default', ref)).stdout.trim();
  contentsSeen(this).overrideRun = (
    await this.runCli('override', ref, [withCmd('echo', 'a command given at run time')])
  ).stdout.trim();
});

When(
  'it is saved to a tar file with `docker save`, removed, and loaded with `docker load`',
  async function (this: KitWorld) {
    this.seen.cameBackAs = this.images.get('random').ref;
    this.seen.lastCommand = await this.engine.images.saveRemoveLoad(this.seen.cameBackAs);
  },
);

When('the container is committed as a new image with `docker commit`', async function (this: KitWorld) {
  const ref = this.engine.imageRef('committed');
  this.judge(committed(await this.engine.images.commit(this.containers.get('main'), ref), ref));
  this.seen.image = ref;
});

Then('a new container from the same image does not have the file', async function (this: KitWorld) {
  const next = await this.engine.containers.run('next', this.seen.imageBefore.id, withCmd('sleep', '86400'));
  this.judge(absentFrom(this.seen.marker, 'a new container of the image', await next.has(this.seen.marker)));
});

Then('a container from the new image has the file', async function (this: KitWorld) {
  const next = await this.engine.containers.run('from-commit', this.seen.image, withCmd('sleep', '86400'));
  this.judge(
    printedExactly(
      `cat ${this.seen.marker} in a container of ${this.seen.image}`,
      await next.shell(`cat ${this.seen.marker}`),
      'hello',
    ),
  );
});

Then('the image holds no kernel and no kernel modules', async function (this: KitWorld) {
  this.judge(noKernel(await this.engine.images.files(this.engine.context.fixtures.idle)));
});

Then('the program runs and prints its greeting', function (this: KitWorld) {
  this.judge(printedExactly('the program', this.seen.lastCommand, GREETING));
});

Then("the image's files are that one binary", async function (this: KitWorld) {
  const layers = (await this.engine.images.layers(this.seen.image)).layers.length;
  this.judge(oneFile(layers, await this.engine.images.files(this.seen.image)));
});

Then('`docker inspect` shows its Cmd, Env, ExposedPorts and WorkingDir', async function (this: KitWorld) {
  this.judge(hasSettings(await this.engine.images.config(this.images.get('settings').ref)));
});

Then("the run without a command ran the image's CMD, in its WORKDIR with its ENV", function (this: KitWorld) {
  this.judge(output(contentsSeen(this).defaultRun, 'hello from /app'));
});

Then('the run with a command ran that command instead', function (this: KitWorld) {
  this.judge(output(contentsSeen(this).overrideRun, 'a command given at run time'));
});

Then('a container runs from the loaded image', async function (this: KitWorld) {
  this.judge(ranPrinting(await this.runCli('loaded', this.images.get('random').ref), 'random image ran'));
});
