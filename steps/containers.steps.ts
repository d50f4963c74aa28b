import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { runDocker } from '../support/kit/cli';
import { withEnv } from '../support/kit/container-spec';
import { runContainer, startContainer, stopContainer } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { imageLayers } from '../support/kit/images';
import {
  containerDiff,
  containerSize,
  containerState,
  inspectContainer,
  waitForExit,
} from '../support/kit/inspect';
import { listedNames } from '../support/kit/listing';

const EXIT_TIMEOUT_MS = 15_000;

Given(
  'an image whose main process prints a line and exits with the code in EXIT_CODE',
  function (this: KitWorld) {
    this.image = this.scope.context.fixtures.exit;
    this.scope.transcript.note(`image ${this.image}: CMD sh -c 'echo …; exit "$EXIT_CODE"'`);
  },
);

Given('an image whose main process waits forever', function (this: KitWorld) {
  this.image = this.scope.context.fixtures.idle;
  this.scope.transcript.note(`image ${this.image}: CMD ["sleep", "86400"]`);
});

When('a container runs it with EXIT_CODE={int}', async function (this: KitWorld, code: number) {
  this.containers.set('main', await runContainer(this.scope, 'main', this.image, withEnv('EXIT_CODE', code)));
});

Given(
  /^a container whose main process waits forever(?:, with (\w+)=(\S+))?$/,
  async function (this: KitWorld, key?: string, value?: string) {
    const options = key && value ? [withEnv(key, value)] : [];
    this.containers.set(
      'main',
      await runContainer(this.scope, 'main', this.scope.context.fixtures.idle, ...options),
    );
  },
);

Given('a running container and an exited container', async function (this: KitWorld) {
  const { idle, exit } = this.scope.context.fixtures;
  this.containers.set('running', await runContainer(this.scope, 'running', idle));
  const exited = await runContainer(this.scope, 'exited', exit);
  this.containers.set('exited', exited);
  if ((await waitForExit(this.scope, exited, EXIT_TIMEOUT_MS)) === 'timeout')
    throw new Error('the exit fixture did not exit');
});

When('its main process is sent {signal}', async function (this: KitWorld, signal: string) {
  this.lastCommand = await runDocker(this.scope.transcript, [
    'kill',
    '--signal',
    signal,
    this.container('main').name,
  ]);
});

When('{int} containers are run from it', async function (this: KitWorld, count: number) {
  for (let i = 1; i <= count; i++)
    this.containers.set(`copy-${i}`, await runContainer(this.scope, `copy-${i}`, this.image));
});

When(/^a file (?:is )?written inside the container$/, async function (this: KitWorld) {
  const main = this.container('main');
  this.imageBefore = await imageLayers(
    this.scope,
    (await inspectContainer(this.scope, main, (i) => i.Image)).Image,
  );
  this.marker = '/written-by-the-kit.txt';
  const write = await shellIn(this.scope, main, `echo hello > ${this.marker}`);
  if (write.exitCode !== 0) throw new Error(`could not write ${this.marker}: ${write.stderr}`);
});

When('the container is stopped and started again', async function (this: KitWorld) {
  await stopContainer(this.scope, this.container('main'));
  await startContainer(this.scope, this.container('main'));
});

When('the containers are listed with `docker ps` and with `docker ps -a`', async function (this: KitWorld) {
  this.seen.set('ps', (await listedNames(this.scope, false)).join(' '));
  this.seen.set('ps -a', (await listedNames(this.scope, true)).join(' '));
});

Then('the container stops by itself', async function (this: KitWorld) {
  const outcome = await waitForExit(this.scope, this.container('main'), EXIT_TIMEOUT_MS);
  expectClaim(
    this.scope,
    outcome !== 'timeout',
    'the container to stop once its main process ended',
    () => `it was still running after ${EXIT_TIMEOUT_MS} ms`,
  );
});

Then(
  'the container is {string} with exit code {int}',
  async function (this: KitWorld, status: string, code: number) {
    const state = await containerState(this.scope, this.container('main'));
    expectClaim(
      this.scope,
      state.status === status && state.exitCode === code,
      `state "${status}" with exit code ${code}`,
      () => `state "${state.status}" with exit code ${state.exitCode}`,
    );
  },
);

Then('the {container} container is not running', async function (this: KitWorld, alias: string) {
  const state = await containerState(this.scope, this.container(alias)).catch(() => undefined);
  expectClaim(
    this.scope,
    !state?.running,
    `container ${alias} not to be running`,
    () => `it is ${state?.status} (running: ${state?.running})`,
  );
});

Then(
  'all {int} are running, with {int} different IDs and {int} different names',
  async function (this: KitWorld, count: number, ids: number, names: number) {
    const copies = [...this.containers.values()];
    const states = await Promise.all(copies.map((c) => containerState(this.scope, c)));
    const running = states.filter((s) => s.running).length;
    const distinctIds = new Set(copies.map((c) => c.id)).size;
    const distinctNames = new Set(copies.map((c) => c.name)).size;
    expectClaim(
      this.scope,
      running === count && distinctIds === ids && distinctNames === names,
      `${count} running containers with ${ids} IDs and ${names} names`,
      () => `${running} running, ${distinctIds} IDs, ${distinctNames} names`,
    );
  },
);

Then('a file written in one of them is in none of the others', async function (this: KitWorld) {
  const [first, ...others] = [...this.containers.values()];
  if (!first) throw new Error('no containers were run');
  await shellIn(this.scope, first, 'echo mine > /only-in-the-first.txt');
  const seenIn: string[] = [];
  for (const other of others) {
    if ((await shellIn(this.scope, other, 'test -e /only-in-the-first.txt')).exitCode === 0)
      seenIn.push(other.name);
  }
  expectClaim(
    this.scope,
    seenIn.length === 0,
    `/only-in-the-first.txt only in ${first.name}`,
    () => `it is also in ${seenIn.join(', ')}`,
  );
});

Then('`docker diff` lists the file as added', async function (this: KitWorld) {
  const changes = await containerDiff(this.scope, this.container('main'));
  expectClaim(this.scope, changes.includes(`A ${this.marker}`), `"A ${this.marker}" in docker diff`, () =>
    JSON.stringify(changes),
  );
});

Then("the container's writable layer is no longer empty", async function (this: KitWorld) {
  const size = await containerSize(this.scope, this.container('main'));
  expectClaim(
    this.scope,
    size.writable > 0,
    'a writable layer with some bytes in it',
    () => `${size.writable} bytes`,
  );
});

Then("the image's ID and layers are what they were before", async function (this: KitWorld) {
  const before = this.imageBefore;
  const after = await imageLayers(this.scope, before.id);
  const same = after.id === before.id && JSON.stringify(after.layers) === JSON.stringify(before.layers);
  expectClaim(
    this.scope,
    same,
    `image ${before.id} with layers ${before.layers.join(', ')}`,
    () => `image ${after.id} with layers ${after.layers.join(', ')}`,
  );
});

Then('it is the same container, running again', async function (this: KitWorld) {
  const main = this.container('main');
  const inspect = await inspectContainer(this.scope, main, (i) => ({ Id: i.Id, Running: i.State.Running }));
  expectClaim(
    this.scope,
    inspect.Id === main.id && inspect.State.Running,
    `container ${main.id} running`,
    () => `container ${inspect.Id}, running: ${inspect.State.Running}`,
  );
});

Then('the file is still there', async function (this: KitWorld) {
  const read = await shellIn(this.scope, this.container('main'), `cat ${this.marker}`);
  expectClaim(
    this.scope,
    read.exitCode === 0 && read.stdout.trim() === 'hello',
    `${this.marker} saying hello`,
    () => `exit code ${read.exitCode}: ${read.stdout.trim() || read.stderr.trim()}`,
  );
});

Then(/^its environment still has (\w+)=(\S+)$/, async function (this: KitWorld, key: string, value: string) {
  const read = await shellIn(this.scope, this.container('main'), `echo "$${key}"`);
  expectClaim(
    this.scope,
    read.stdout.trim() === value,
    `${key}=${value}`,
    () => `${key}=${read.stdout.trim()}`,
  );
});

Then('`docker ps` lists only the running one', function (this: KitWorld) {
  const listed = this.observed('ps').split(' ').filter(Boolean);
  const running = this.container('running').name;
  expectClaim(
    this.scope,
    listed.length === 1 && listed[0] === running,
    `only ${running}`,
    () => listed.join(', ') || 'nothing',
  );
});

Then('`docker ps -a` lists both', function (this: KitWorld) {
  const listed = this.observed('ps -a').split(' ');
  const both = [this.container('running').name, this.container('exited').name];
  expectClaim(
    this.scope,
    both.every((name) => listed.includes(name)),
    both.join(' and '),
    () => listed.join(', ') || 'nothing',
  );
});
