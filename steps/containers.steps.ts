import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { runDocker } from '../support/kit/cli';
import { withEnv } from '../support/kit/container-spec';
import { runContainer } from '../support/kit/containers';
import { expectClaim } from '../support/kit/expect';
import { containerState, waitForExit } from '../support/kit/inspect';

const EXIT_TIMEOUT_MS = 15_000;

Given(
  'an image whose main process prints a line and exits with the code in EXIT_CODE',
  function (this: KitWorld) {
    this.image = this.scope.context.fixtures.exit;
    this.scope.transcript.note(`image ${this.image}: CMD sh -c 'echo …; exit "$EXIT_CODE"'`);
  },
);

When('a container runs it with EXIT_CODE={int}', async function (this: KitWorld, code: number) {
  this.containers.set('main', await runContainer(this.scope, 'main', this.image, withEnv('EXIT_CODE', code)));
});

Given('a container whose main process waits forever', async function (this: KitWorld) {
  this.containers.set('main', await runContainer(this.scope, 'main', this.scope.context.fixtures.idle));
});

When('its main process is sent {signal}', async function (this: KitWorld, signal: string) {
  this.lastCommand = await runDocker(this.scope.transcript, [
    'kill',
    '--signal',
    signal,
    this.container('main').name,
  ]);
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
