// Resource limits: a container gets only what it is given (CTR-10).

import { Then, When } from '@cucumber/cucumber';
import { endedWithStatus, forkRefused, heard, oomKilled, seesPidsLimit } from '../support/checks/containers';
import type { KitWorld } from '../support/cucumber/world';
import { withCmd, withMemoryLimit, withPidsLimit } from '../support/scenario/container-spec';

const MB = 1024 * 1024;

When(
  'a container limited to {int} MB of memory allocates {int} MB',
  async function (this: KitWorld, limit: number, allocate: number) {
    // dd fills a buffer of its block size: one block of `allocate` MB must all be resident.
    const dd = withCmd('dd', 'if=/dev/zero', 'of=/dev/null', `bs=${allocate}M`, 'count=1');
    const run = await this.runCli('main', this.engine.context.base.ref, [withMemoryLimit(limit * MB), dd]);
    this.seen.lastCommand = run;
  },
);

When(
  'a container limited to {int} MB of memory allocates {int} MB in a child process',
  async function (this: KitWorld, limit: number, allocate: number) {
    // The main process outlives the allocating one, so the engine hears of the kill while the
    // container runs. The allocation waits for /tmp/go, written once the engine has started the
    // container: containerd begins to watch a container for OOM only after starting its process,
    // and an OOM before that is never reported (containerd's runc shim, Start then ep.Add).
    const script = `until [ -e /tmp/go ]; do sleep 0.1; done; dd if=/dev/zero of=/dev/null bs=${allocate}M count=1; echo "allocating process ended with status $?"; exec sleep 86400`;
    const main = await this.run(
      'main',
      this.engine.context.base.ref,
      withMemoryLimit(limit * MB),
      withCmd('sh', '-c', script),
    );
    await main.shell('touch /tmp/go');
  },
);

When(
  'a container limited to {int} processes tries to start {int}',
  async function (this: KitWorld, limit: number, count: number) {
    const script = `cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max; for i in $(seq ${count}); do sleep 30 & done; echo all started`;
    const run = await this.runCli('main', this.engine.context.base.ref, [
      withPidsLimit(limit),
      withCmd('sh', '-c', script),
    ]);
    this.seen.lastCommand = run;
  },
);

Then(
  'the allocating process is killed by the kernel, with status {int}',
  async function (this: KitWorld, status: number) {
    const logs = await this.containers.get('main').logsOnceThey(/ended with status \d+/, 15_000);
    this.judge(endedWithStatus(logs, status));
  },
);

Then('once the container is stopped, the engine reports it OOM-killed', async function (this: KitWorld) {
  const main = this.containers.get('main');
  // The engine marks a container OOM-killed when it handles the kernel's OOM event, which can
  // come after the killed process's status is in the logs: stopping the container sooner would
  // race the engine's own bookkeeping. So the engine's "oom" event comes first.
  this.judge(heard('oom', main.name, await main.eventsOf('oom', 10_000), 10));
  this.judge(oomKilled(await main.killAndWait()));
});

Then('it sees the limit of {int} in its cgroup', function (this: KitWorld, limit: number) {
  this.judge(seesPidsLimit(this.seen.lastCommand, limit));
});

Then('starting processes beyond the limit fails', function (this: KitWorld) {
  this.judge(forkRefused(this.seen.lastCommand));
});
