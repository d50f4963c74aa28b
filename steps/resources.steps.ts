import { Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { containerSpec, withCmd, withMemoryLimit, withPidsLimit } from '../support/kit/container-spec';
import { runWithCli } from '../support/kit/containers';
import { expectClaim } from '../support/kit/expect';
import { containerState } from '../support/kit/inspect';

const MB = 1024 * 1024;

When(
  'a container limited to {int} MB of memory allocates {int} MB',
  async function (this: KitWorld, limit: number, allocate: number) {
    // dd fills a buffer of its block size: one block of `allocate` MB must all be resident.
    const spec = containerSpec(this.scope, 'main', this.scope.context.base.ref, [
      withMemoryLimit(limit * MB),
      withCmd('dd', 'if=/dev/zero', 'of=/dev/null', `bs=${allocate}M`, 'count=1'),
    ]);
    this.containers.set('main', { id: spec.name, name: spec.name });
    this.lastCommand = await runWithCli(this.scope, spec);
  },
);

When(
  'a container limited to {int} processes tries to start {int}',
  async function (this: KitWorld, limit: number, count: number) {
    const script = [
      'cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max',
      `for i in $(seq ${count}); do sleep 30 & done`,
      'echo all started',
    ].join('; ');
    const spec = containerSpec(this.scope, 'main', this.scope.context.base.ref, [
      withPidsLimit(limit),
      withCmd('sh', '-c', script),
    ]);
    this.containers.set('main', { id: spec.name, name: spec.name });
    this.lastCommand = await runWithCli(this.scope, spec);
  },
);

Then('the engine reports it OOM-killed, with exit code {int}', async function (this: KitWorld, code: number) {
  const state = await containerState(this.scope, this.container('main'));
  expectClaim(
    this.scope,
    state.oomKilled && state.exitCode === code,
    `OOMKilled true and exit code ${code}`,
    () => `OOMKilled ${state.oomKilled}, exit code ${state.exitCode}`,
  );
});

Then('it sees the limit of {int} in its cgroup', function (this: KitWorld, limit: number) {
  const first = this.lastCommand.stdout.split('\n')[0]?.trim();
  expectClaim(
    this.scope,
    first === String(limit),
    `pids.max ${limit} inside the container`,
    () => `pids.max ${first}`,
  );
});

Then('starting processes beyond the limit fails', function (this: KitWorld) {
  const { stdout, stderr, exitCode } = this.lastCommand;
  const refused =
    /can't fork|Resource temporarily unavailable/i.test(stderr) && !stdout.includes('all started');
  expectClaim(
    this.scope,
    refused,
    'a fork refused ("Resource temporarily unavailable") before all were started',
    () =>
      `exit code ${exitCode}, stdout ${JSON.stringify(stdout.trim())}, stderr ${JSON.stringify(stderr.trim())}`,
  );
});
