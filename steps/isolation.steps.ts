// What a container sees and what the host sees: a process on the host (CTR-02), isolation
// (CTR-08), the shared kernel (CTR-09), its own OS as it believes (CTR-13), its image's programs
// (CTR-14). Steps that look from inside a container, or at the host, go here.

import { Given, Then, When } from '@cucumber/cucumber';
import {
  absentFrom,
  carriedByImage,
  hostKernel,
  hostRuns,
  listsProcess,
  notInside,
  ownAddresses,
  ownHostname,
  ownProcesses,
  pid1Runs,
  tinyLayer,
} from '../support/checks/containers';
import { holdsImageFiles } from '../support/checks/images';
import { succeeded } from '../support/common/exit';
import { conceptObservations } from '../support/cucumber/named';
import type { KitWorld } from '../support/cucumber/world';

/** What the steps of isolation saw, from inside a container and from the host, for its later steps to judge. */
export interface IsolationSeen {
  /** A container's main process: its PID on the host and its command, as the engine reports them. */
  hostPid: number;
  command: string;
  /** What a container sees from inside. */
  hostname: string;
  rootDirectory: string[];
  processList: string;
  /** A program the engine's host has, and where a container found it (empty: not found). */
  program: string;
  programFound: string;
  kernel: string;
}

/** Programs an engine's host has and an image need not: the engine's own, its runtime, the kit's Node where it runs there. */
const HOST_PROGRAMS = ['dockerd', 'podman', 'containerd', 'runc', 'crun', 'node'];

/** This scenario's IsolationSeen; a field no step has set says which step has not run. */
export const isolationSeen = conceptObservations<IsolationSeen>({
  hostPid: 'the engine has not been asked for a host PID in this scenario',
  command: "the engine has not been asked for the container's command",
  hostname: 'the hostname has not been looked at from inside',
  rootDirectory: 'the root directory has not been looked at from inside',
  processList: 'the process list has not been looked at from inside',
  program: "no program of the engine's host has been chosen",
  programFound: "nothing has looked for the host's program inside",
  kernel: 'the kernel release has not been looked at from inside',
});

Given(
  'two containers from the same image, whose main processes wait forever',
  async function (this: KitWorld) {
    await this.idle('first');
    await this.idle('second');
  },
);

When('the engine is asked for the host PID of its main process', async function (this: KitWorld) {
  const inspect = await this.containers.get('main').inspect((i) => ({ Pid: i.State.Pid, Cmd: i.Config.Cmd }));
  isolationSeen(this).hostPid = inspect.State.Pid;
  isolationSeen(this).command = [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])].join(
    ' ',
  );
});

When('its process is killed with {signal} on the host', async function (this: KitWorld, signal: string) {
  const main = this.containers.get('main');
  await this.engine.host.kill((await main.inspect((i) => ({ Pid: i.State.Pid }))).State.Pid, signal, main);
});

When('the first container writes a file and starts a second process', async function (this: KitWorld) {
  this.seen.marker = 'kit-marker-4242';
  const script = `echo x > /${this.seen.marker}; sleep 4242 >/dev/null 2>&1 &`;
  await this.containers.get('first').must(script, 'write a file and start a process');
});

When('its hostname, root directory and processes are looked at from inside', async function (this: KitWorld) {
  const main = this.containers.get('main');
  isolationSeen(this).hostname = (await main.shell('hostname')).stdout.trim();
  isolationSeen(this).rootDirectory = (await main.shell('ls -A /')).stdout.trim().split('\n').sort();
  isolationSeen(this).processList = (await main.shell('ps -o pid,args')).stdout.trim();
});

When("it looks for a program that the engine's host has", async function (this: KitWorld) {
  const { name, path } = await this.engine.host.program(HOST_PROGRAMS);
  const found = await this.containers.get('main').shell(`command -v ${name} || test -e ${path}`);
  isolationSeen(this).program = name;
  isolationSeen(this).programFound = succeeded(found) ? found.stdout.trim() || path : '';
});

When('its kernel release and its size are looked at', async function (this: KitWorld) {
  isolationSeen(this).kernel = (await this.containers.get('main').shell('uname -r')).stdout.trim();
});

Then(
  "the host's process table has that PID, running the container's command",
  async function (this: KitWorld) {
    const onHost = await this.engine.host.commandLine(
      isolationSeen(this).hostPid,
      this.containers.get('main'),
    );
    this.judge(hostRuns(isolationSeen(this).hostPid, isolationSeen(this).command, onHost));
  },
);

Then('inside the container the same command is PID 1', async function (this: KitWorld) {
  const pid1 = await this.containers.get('main').shell("tr '\\0' ' ' < /proc/1/cmdline");
  this.judge(pid1Runs(isolationSeen(this).command, pid1.stdout.trim()));
});

Then('the second container does not have the file', async function (this: KitWorld) {
  const found = await this.containers.get('second').has(`/${this.seen.marker}`);
  this.judge(absentFrom(`/${this.seen.marker}`, 'the second container', found));
});

Then("the second container's process list does not have that process", async function (this: KitWorld) {
  const ps = async (alias: string) => (await this.containers.get(alias).shell('ps -o pid,args')).stdout;
  if (!listsProcess(await ps('first'), 'sleep 4242'))
    throw new Error('the second process is not running in the first container either');
  this.judge(
    absentFrom('"sleep 4242"', 'the second container', listsProcess(await ps('second'), 'sleep 4242')),
  );
});

Then('each container has its own network address', async function (this: KitWorld) {
  const address = async (alias: string) =>
    (await this.containers.get(alias).shell("ip -4 -o addr show eth0 | awk '{print $4}'")).stdout.trim();
  this.judge(ownAddresses(await address('first'), await address('second')));
});

Then("its hostname is its own, not the host's", async function (this: KitWorld) {
  const { Config } = await this.containers.get('main').inspect((i) => ({ Hostname: i.Config.Hostname }));
  this.judge(ownHostname(isolationSeen(this).hostname, Config.Hostname, this.engine.context.engine.hostName));
});

Then("its root directory holds the image's files", async function (this: KitWorld) {
  const image = await this.engine.images.files(this.engine.context.fixtures.idle);
  this.judge(
    holdsImageFiles(isolationSeen(this).rootDirectory, image, await this.engine.host.rootDirectory()),
  );
});

Then(
  'its process list holds only its own processes, with its main process as PID 1',
  function (this: KitWorld) {
    this.judge(ownProcesses(isolationSeen(this).processList));
  },
);

Then('it does not find it', function (this: KitWorld) {
  this.judge(notInside(isolationSeen(this).program, isolationSeen(this).programFound));
});

Then('the shell it runs is one its image carries', async function (this: KitWorld) {
  // /proc/$$/exe is the binary actually running this shell.
  const shell = (await this.containers.get('main').shell('readlink /proc/$$/exe')).stdout.trim();
  this.judge(carriedByImage(shell, await this.engine.images.files(this.engine.context.fixtures.idle)));
});

Then("the kernel release inside is the one the engine's host runs", function (this: KitWorld) {
  this.judge(hostKernel(isolationSeen(this).kernel, this.engine.context.engine.kernel));
});

Then('its own writable layer is a tiny fraction of its image', async function (this: KitWorld) {
  this.judge(tinyLayer(await this.containers.get('main').size()));
});
