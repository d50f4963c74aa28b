// Containers: many from one image (CTR-01), a container is its main process and exits with it
// (CTR-02, CTR-03), its writable layer (CTR-04), stopping and restarting (CTR-06), `docker ps`
// (CTR-07). Steps that run, signal, stop or list containers go here.

import { Given, Then, When } from '@cucumber/cucumber';
import {
  diffAdds,
  endedAs,
  envKept,
  imageUnchanged,
  listsAll,
  listsOnly,
  manyRunning,
  notRunning,
  onlyIn,
  printedExactly,
  sameContainerRunning,
  stoppedBy,
  writableLayerGrew,
} from '../support/checks/containers';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';
import type { Container } from '../support/scenario/container';
import { withEnv } from '../support/scenario/container-spec';

/** What the steps of containers saw, for its later steps to judge. */
export interface ContainerSeen {
  /** The bytes in a container's writable layer before a file was written. */
  writableBefore: number;
  listedRunning: string[];
  listedAll: string[];
}

/** This scenario's ContainerSeen; a field no step has set says which step has not run. */
export const containerSeen = conceptObservations<ContainerSeen>({
  writableBefore: "the container's writable layer was not measured before the write",
  listedRunning: 'the containers have not been listed with `docker ps`',
  listedAll: 'the containers have not been listed with `docker ps -a`',
});

const EXIT_TIMEOUT_MS = 15_000;

Given(
  'an image whose main process prints a line and exits with the code in EXIT_CODE',
  function (this: KitWorld) {
    this.seen.image = this.engine.context.fixtures.exit;
    this.engine.note(`image ${this.seen.image}: CMD sh -c 'echo …; exit "$EXIT_CODE"'`);
  },
);

Given('an image whose main process waits forever', function (this: KitWorld) {
  this.seen.image = this.engine.context.fixtures.idle;
  this.engine.note(`image ${this.seen.image}: CMD ["sleep", "86400"]`);
});

When('a container runs it with EXIT_CODE={int}', async function (this: KitWorld, code: number) {
  await this.run('main', this.seen.image, withEnv('EXIT_CODE', code));
});

Given(
  /^a container whose main process waits forever(?:, with (\w+)=(\S+))?$/,
  async function (this: KitWorld, key?: string, value?: string) {
    const options = key && value ? [withEnv(key, value)] : [];
    await this.idle('main', ...options);
  },
);

Given('a running container and an exited container', async function (this: KitWorld) {
  await this.idle('running');
  const exited = await this.run('exited', this.engine.context.fixtures.exit);
  if ((await exited.waitForExit(EXIT_TIMEOUT_MS)) === 'timeout')
    throw new Error('the exit fixture did not exit');
});

When('its main process is sent {signal}', async function (this: KitWorld, signal: string) {
  this.seen.lastCommand = await this.engine.cli('kill', '--signal', signal, this.containers.get('main').name);
});

When('{int} containers are run from it', async function (this: KitWorld, count: number) {
  for (let i = 1; i <= count; i++) await this.run(`copy-${i}`, this.seen.image);
});

Given("the container's writable layer has been measured", async function (this: KitWorld) {
  containerSeen(this).writableBefore = (await this.containers.get('main').size()).writable;
});

When(/^a file (?:is )?written inside the container$/, async function (this: KitWorld) {
  const main = this.containers.get('main');
  this.seen.imageBefore = await this.engine.images.layers((await main.inspect((i) => i.Image)).Image);
  this.seen.marker = '/written-by-the-kit.txt';
  await main.must(`echo hello > ${this.seen.marker}`, `write ${this.seen.marker}`);
});

When('the container is stopped and started again', async function (this: KitWorld) {
  await this.containers.get('main').stop();
  await this.containers.get('main').start();
});

When('the containers are listed with `docker ps` and with `docker ps -a`', async function (this: KitWorld) {
  containerSeen(this).listedRunning = await this.engine.containers.listed(false);
  containerSeen(this).listedAll = await this.engine.containers.listed(true);
});

Then('the container stops by itself', async function (this: KitWorld) {
  this.judge(stoppedBy(await this.containers.get('main').waitForExit(EXIT_TIMEOUT_MS), EXIT_TIMEOUT_MS));
});

Then(
  'the container is {string} with exit code {int}',
  async function (this: KitWorld, status: string, code: number) {
    this.judge(endedAs(await this.containers.get('main').state(), status, code));
  },
);

Then('the {container} container is not running', async function (this: KitWorld, alias: string) {
  this.judge(notRunning(alias, await this.containers.get(alias).stateIfThere()));
});

Then(
  'all {int} are running, with {int} different IDs and {int} different names',
  async function (this: KitWorld, count: number, ids: number, names: number) {
    const copies = this.containers.values();
    const states = await Promise.all(copies.map((c) => c.state()));
    this.judge(
      manyRunning(
        states,
        copies.map((c) => c.id),
        copies.map((c) => c.name),
        { count, ids, names },
      ),
    );
  },
);

Then('a file written in one of them is in none of the others', async function (this: KitWorld) {
  const [first, ...others] = this.containers.values() as [Container, ...Container[]];
  await first.must('echo mine > /only-in-the-first.txt', 'write a file in the first');
  const alsoIn = (
    await Promise.all(others.map(async (c) => ((await c.has('/only-in-the-first.txt')) ? [c.name] : [])))
  ).flat();
  this.judge(onlyIn('/only-in-the-first.txt', first.name, alsoIn));
});

Then('`docker diff` lists the file as added', async function (this: KitWorld) {
  this.judge(diffAdds(await this.containers.get('main').diff(), this.seen.marker));
});

Then("the container's writable layer has grown", async function (this: KitWorld) {
  const after = (await this.containers.get('main').size()).writable;
  this.judge(writableLayerGrew(containerSeen(this).writableBefore, after));
});

Then("the image's ID and layers are what they were before", async function (this: KitWorld) {
  this.judge(
    imageUnchanged(this.seen.imageBefore, await this.engine.images.layers(this.seen.imageBefore.id)),
  );
});

Then('it is the same container, running again', async function (this: KitWorld) {
  const main = this.containers.get('main');
  const inspect = await main.inspect((i) => ({ Id: i.Id, Running: i.State.Running }));
  this.judge(sameContainerRunning(main.id, inspect.Id, inspect.State.Running));
});

Then('the file is still there', async function (this: KitWorld) {
  this.judge(
    printedExactly(
      `cat ${this.seen.marker}`,
      await this.containers.get('main').shell(`cat ${this.seen.marker}`),
      'hello',
    ),
  );
});

Then(/^its environment still has (\w+)=(\S+)$/, async function (this: KitWorld, key: string, value: string) {
  const read = await this.containers.get('main').shell(`echo "$${key}"`);
  this.judge(envKept(key, value, read.stdout.trim()));
});

Then('`docker ps` lists only the running one', function (this: KitWorld) {
  this.judge(listsOnly(containerSeen(this).listedRunning, this.containers.get('running').name));
});

Then('`docker ps -a` lists both', function (this: KitWorld) {
  const both = [this.containers.get('running').name, this.containers.get('exited').name];
  this.judge(listsAll(containerSeen(this).listedAll, both));
});
