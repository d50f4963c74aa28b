import { readdirSync } from 'node:fs';
import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { runContainer } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { hostCommandLine, killOnHost } from '../support/kit/host-processes';
import { ENGINE_ADDED, imageFiles } from '../support/kit/images';
import { containerSize, inspectContainer } from '../support/kit/inspect';

/** `ps -o pid,args` output as `[pid, args]` rows. */
function processes(ps: string): [number, string][] {
  return ps
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), (m[2] ?? '').trim()]);
}

Given(
  'two containers from the same image, whose main processes wait forever',
  async function (this: KitWorld) {
    const idle = this.scope.context.fixtures.idle;
    this.containers.set('first', await runContainer(this.scope, 'first', idle));
    this.containers.set('second', await runContainer(this.scope, 'second', idle));
  },
);

When('the engine is asked for the host PID of its main process', async function (this: KitWorld) {
  const inspect = await inspectContainer(this.scope, this.container('main'), (i) => ({
    Pid: i.State.Pid,
    Cmd: i.Config.Cmd,
  }));
  this.hostPid = inspect.State.Pid;
  this.seen.set('command', [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])].join(' '));
});

When('its process is killed with {signal} on the host', async function (this: KitWorld, signal: string) {
  const { State } = await inspectContainer(this.scope, this.container('main'), (i) => ({ Pid: i.State.Pid }));
  await killOnHost(this.scope, State.Pid, signal);
});

When('the first container writes a file and starts a second process', async function (this: KitWorld) {
  this.marker = 'kit-marker-4242';
  const done = await shellIn(
    this.scope,
    this.container('first'),
    `echo x > /${this.marker}; sleep 4242 >/dev/null 2>&1 &`,
  );
  if (done.exitCode !== 0) throw new Error(`the first container could not write or start: ${done.stderr}`);
});

When('its hostname, root directory and processes are looked at from inside', async function (this: KitWorld) {
  const main = this.container('main');
  this.seen.set('hostname', (await shellIn(this.scope, main, 'hostname')).stdout.trim());
  this.seen.set('root directory', (await shellIn(this.scope, main, 'ls -A /')).stdout.trim());
  this.seen.set('process list', (await shellIn(this.scope, main, 'ps -o pid,args')).stdout.trim());
});

When('it looks for node, a program this host has since the kit runs on it', async function (this: KitWorld) {
  const found = await shellIn(
    this.scope,
    this.container('main'),
    `command -v node || test -e ${process.execPath}`,
  );
  this.seen.set('node', found.exitCode === 0 ? found.stdout.trim() || process.execPath : '');
});

When('its kernel release and its size are looked at', async function (this: KitWorld) {
  this.seen.set('kernel', (await shellIn(this.scope, this.container('main'), 'uname -r')).stdout.trim());
});

Then(
  "the host's process table has that PID, running the container's command",
  async function (this: KitWorld) {
    const onHost = await hostCommandLine(this.scope, this.hostPid);
    const command = this.observed('command');
    expectClaim(this.scope, onHost === command, `host process ${this.hostPid} running "${command}"`, () =>
      onHost === undefined ? 'no such process on the host' : `"${onHost}"`,
    );
  },
);

Then('inside the container the same command is PID 1', async function (this: KitWorld) {
  const pid1 = (
    await shellIn(this.scope, this.container('main'), "tr '\\0' ' ' < /proc/1/cmdline")
  ).stdout.trim();
  const command = this.observed('command');
  expectClaim(
    this.scope,
    pid1 === command,
    `PID 1 inside running "${command}"`,
    () => `PID 1 runs "${pid1}"`,
  );
});

Then('the second container does not have the file', async function (this: KitWorld) {
  const found = await shellIn(this.scope, this.container('second'), `test -e /${this.marker}`);
  expectClaim(
    this.scope,
    found.exitCode !== 0,
    `no /${this.marker} in the second container`,
    () => 'it is there',
  );
});

Then("the second container's process list does not have that process", async function (this: KitWorld) {
  const ps = (await shellIn(this.scope, this.container('second'), 'ps -o pid,args')).stdout;
  const inFirst = (await shellIn(this.scope, this.container('first'), 'ps -o pid,args')).stdout;
  const visible = (list: string) => processes(list).some(([, args]) => args.includes('sleep 4242'));
  if (!visible(inFirst)) throw new Error('the second process is not running in the first container either');
  expectClaim(this.scope, !visible(ps), '"sleep 4242" absent from the second container', () => ps.trim());
});

Then('each container has its own network address', async function (this: KitWorld) {
  const address = async (alias: string) =>
    (
      await shellIn(this.scope, this.container(alias), "ip -4 -o addr show eth0 | awk '{print $4}'")
    ).stdout.trim();
  const [first, second] = [await address('first'), await address('second')];
  expectClaim(
    this.scope,
    first !== '' && second !== '' && first !== second,
    'two different eth0 addresses',
    () => `first ${first || 'none'}, second ${second || 'none'}`,
  );
});

Then("its hostname is its own, not the host's", async function (this: KitWorld) {
  const inside = this.observed('hostname');
  const main = this.container('main');
  const { Config } = await inspectContainer(this.scope, main, (i) => ({ Hostname: i.Config.Hostname }));
  const hostName = this.scope.context.engine.hostName;
  expectClaim(
    this.scope,
    inside === Config.Hostname && inside !== hostName,
    `the container's own hostname ${Config.Hostname}, not the host's ${hostName}`,
    () => inside,
  );
});

Then("its root directory holds the image's files", async function (this: KitWorld) {
  const inside = this.observed('root directory').split('\n').sort();
  const image = (await imageFiles(this.scope, this.scope.context.fixtures.idle)).filter(
    (p) => !p.includes('/'),
  );
  // Engines differ in which mount points they create (Docker's /.dockerenv, Podman's /run).
  const own = (paths: string[]) => JSON.stringify(paths.filter((p) => !ENGINE_ADDED.test(p)));
  const same = own(inside) === own(image);
  const host = this.scope.context.engine.local ? readdirSync('/').sort() : undefined;
  if (host) this.scope.transcript.note(`this host's / holds: ${host.join(' ')}`);
  expectClaim(
    this.scope,
    same && JSON.stringify(host) !== JSON.stringify(inside),
    `/ holding ${image.join(' ')}`,
    () => inside.join(' '),
  );
});

Then(
  'its process list holds only its own processes, with its main process as PID 1',
  function (this: KitWorld) {
    const rows = processes(this.observed('process list'));
    const strangers = rows.filter(([pid, args]) => pid !== 1 && !args.includes('ps -o pid,args'));
    expectClaim(
      this.scope,
      rows[0]?.[0] === 1 && rows[0]?.[1] === 'sleep 86400' && strangers.length === 0,
      'PID 1 "sleep 86400" and nothing else but the ps that listed it',
      () => this.observed('process list'),
    );
  },
);

Then('it does not find it', function (this: KitWorld) {
  const found = this.observed('node');
  expectClaim(this.scope, found === '', 'no node inside the container', () => `found ${found}`);
});

Then('the shell it runs is one its image carries', async function (this: KitWorld) {
  // /proc/$$/exe is the binary actually running this shell.
  const shell = (await shellIn(this.scope, this.container('main'), 'readlink /proc/$$/exe')).stdout.trim();
  const files = await imageFiles(this.scope, this.scope.context.fixtures.idle);
  const carried = shell !== '' && files.includes(shell.replace(/^\//, ''));
  expectClaim(this.scope, carried, `${shell || 'the shell'} to be a file of the image`, () =>
    shell ? `${shell} is not among the image's files` : 'no shell',
  );
});

Then("the kernel release inside is the one the engine's host runs", function (this: KitWorld) {
  const inside = this.observed('kernel');
  const host = this.scope.context.engine.kernel;
  expectClaim(
    this.scope,
    inside === host,
    `kernel ${host}, the engine host's`,
    () => `kernel ${inside} inside`,
  );
});

Then('its own writable layer is a tiny fraction of its image', async function (this: KitWorld) {
  const size = await containerSize(this.scope, this.container('main'));
  const image = size.total - size.writable;
  expectClaim(
    this.scope,
    size.writable < Math.min(1024 * 1024, image / 10),
    `a writable layer under 1 MiB and under a tenth of the image's ${image} bytes`,
    () => `${size.writable} bytes`,
  );
});
