import { Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { runDocker } from '../support/kit/cli';
import { containerSpec, withCmd, withMemoryLimit, withPidsLimit } from '../support/kit/container-spec';
import { runContainer, runWithCli } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { containerLogs, containerState, waitForEvent, waitForExit } from '../support/kit/inspect';
import { waitFor } from '../support/kit/wait';

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
  'a container limited to {int} MB of memory allocates {int} MB in a child process',
  async function (this: KitWorld, limit: number, allocate: number) {
    // The main process outlives the allocating one, so the engine hears of the kill while the
    // container runs. The allocation waits for /tmp/go, written once the engine has started the
    // container: containerd begins to watch a container for OOM only after starting its process,
    // and an OOM before that is never reported (containerd's runc shim, Start then ep.Add).
    const script = [
      'until [ -e /tmp/go ]; do sleep 0.1; done',
      `dd if=/dev/zero of=/dev/null bs=${allocate}M count=1`,
      'echo "allocating process ended with status $?"',
      'exec sleep 86400',
    ].join('; ');
    const options = [withMemoryLimit(limit * MB), withCmd('sh', '-c', script)];
    const main = await runContainer(this.scope, 'main', this.scope.context.base.ref, ...options);
    this.containers.set('main', main);
    await shellIn(this.scope, main, 'touch /tmp/go');
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

Then(
  'the allocating process is killed by the kernel, with status {int}',
  async function (this: KitWorld, status: number) {
    const main = this.container('main');
    const logs = await waitFor(
      async () => {
        const text = await containerLogs(this.scope.docker, main.id);
        return /ended with status \d+/.test(text) ? text : undefined;
      },
      { timeoutMs: 15_000, describe: () => `the allocating process in ${main.name} did not end` },
    );
    this.scope.transcript.record({
      command: `docker logs ${main.name}`,
      via: 'api',
      exitCode: 0,
      stdout: logs,
      stderr: '',
    });
    const ended = /ended with status (\d+)/.exec(logs)?.[1];
    expectClaim(
      this.scope,
      ended === String(status),
      `the allocating process ended with status ${status} (SIGKILL)`,
      () => `status ${ended}`,
    );
  },
);

Then('once the container is stopped, the engine reports it OOM-killed', async function (this: KitWorld) {
  const main = this.container('main');
  // The engine marks a container OOM-killed when it handles the kernel's OOM event, which can
  // come after the killed process's status is in the logs: stopping the container sooner would
  // race the engine's own bookkeeping. So the engine's "oom" event comes first.
  const heard = await waitForEvent(this.scope, main, 'oom', 10_000);
  expectClaim(this.scope, heard.length > 0, `an "oom" event for ${main.name} within 10 s`, () => 'none');
  await runDocker(this.scope.transcript, ['kill', main.name]);
  await waitForExit(this.scope, main, 15_000);
  const state = await containerState(this.scope, main);
  expectClaim(this.scope, state.oomKilled, 'OOMKilled true', () => `OOMKilled ${state.oomKilled}`);
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
