import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import type { KitWorld } from '../support/cucumber/world';
import { buildImage } from '../support/kit/builds';
import { runDocker } from '../support/kit/cli';
import { containerSpec, withCmd } from '../support/kit/container-spec';
import { runContainer, runWithCli } from '../support/kit/containers';
import { shellIn } from '../support/kit/exec';
import { expectClaim } from '../support/kit/expect';
import { ENGINE_ADDED, imageFiles, imageLayers } from '../support/kit/images';
import { labelArgs } from '../support/kit/labels';
import { removeImage } from '../support/kit/transfers';

const GREETING = 'hello from a one-file image';

Given('an image built FROM scratch with one static binary copied in', async function (this: KitWorld) {
  const text = [
    `FROM ${this.scope.context.base.ref} AS source`,
    'FROM scratch',
    'COPY --from=source /bin/busybox /busybox',
    `ENTRYPOINT ["/busybox", "echo", "${GREETING}"]`,
    '',
  ].join('\n');
  this.images.set('one-file', await buildImage(this.scope, `${this.scope.names.name('one-file')}:1`, text));
  this.image = this.built('one-file').ref;
});

Given('an image with ENV, EXPOSE, WORKDIR and CMD settings', async function (this: KitWorld) {
  const text = [
    `FROM ${this.scope.context.base.ref}`,
    'ENV GREETING=hello',
    'EXPOSE 8080',
    'WORKDIR /app',
    'CMD ["sh", "-c", "echo \\"$GREETING from $(pwd)\\""]',
    '',
  ].join('\n');
  this.images.set('settings', await buildImage(this.scope, `${this.scope.names.name('settings')}:1`, text));
});

When('a container runs it', async function (this: KitWorld) {
  const spec = containerSpec(this.scope, 'main', this.image, []);
  this.containers.set('main', { id: spec.name, name: spec.name });
  this.lastCommand = await runWithCli(this.scope, spec);
});

When('it is run once without a command and once with one', async function (this: KitWorld) {
  const ref = this.built('settings').ref;
  this.seen.set(
    'default run',
    (await runWithCli(this.scope, containerSpec(this.scope, 'default', ref, []))).stdout.trim(),
  );
  const override = containerSpec(this.scope, 'override', ref, [
    withCmd('echo', 'a command given at run time'),
  ]);
  this.seen.set('override run', (await runWithCli(this.scope, override)).stdout.trim());
});

When(
  'it is saved to a tar file with `docker save`, removed, and loaded with `docker load`',
  async function (this: KitWorld) {
    const dir = mkdtempSync(join(tmpdir(), 'dck-save-'));
    this.scope.cleanup.push(`remove ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'image.tar');
    const image = this.built('random').ref;
    const saved = await runDocker(this.scope.transcript, ['save', '-o', file, image]);
    if (saved.exitCode !== 0) throw new Error(`docker save failed: ${saved.stderr}`);
    await removeImage(this.scope, image);
    this.lastCommand = await runDocker(this.scope.transcript, ['load', '-i', file]);
  },
);

When('the container is committed as a new image with `docker commit`', async function (this: KitWorld) {
  const ref = `${this.scope.names.name('committed')}:1`;
  this.scope.cleanup.push(`remove image ${ref}`, async () => {
    await this.scope.docker.getImage(ref).remove({ force: true });
  });
  const changes = labelArgs(this.scope.labels)
    .filter((arg) => arg !== '--label')
    .flatMap((l) => ['--change', `LABEL ${l}`]);
  const commit = await runDocker(this.scope.transcript, [
    'commit',
    ...changes,
    this.container('main').name,
    ref,
  ]);
  expectClaim(
    this.scope,
    commit.exitCode === 0,
    `\`docker commit\` to make ${ref} from the container`,
    () => `exit code ${commit.exitCode}: ${commit.stderr.trim()}`,
  );
  this.image = ref;
});

Then('a new container from the same image does not have the file', async function (this: KitWorld) {
  const next = await runContainer(this.scope, 'next', this.imageBefore.id, withCmd('sleep', '86400'));
  const found = await shellIn(this.scope, next, `test -e ${this.marker}`);
  expectClaim(
    this.scope,
    found.exitCode !== 0,
    `no ${this.marker} in a new container of the image`,
    () => 'it is there',
  );
});

Then('a container from the new image has the file', async function (this: KitWorld) {
  const next = await runContainer(this.scope, 'from-commit', this.image, withCmd('sleep', '86400'));
  const found = await shellIn(this.scope, next, `cat ${this.marker}`);
  expectClaim(
    this.scope,
    found.stdout.trim() === 'hello',
    `${this.marker} in a container of ${this.image}`,
    () => `exit code ${found.exitCode}: ${found.stderr.trim()}`,
  );
});

Then('the image holds no kernel and no kernel modules', async function (this: KitWorld) {
  const files = await imageFiles(this.scope, this.scope.context.fixtures.idle);
  const kernel = files.filter((f) =>
    /^boot\/(vmlinu[xz]|bzImage)|^lib\/modules\/|^usr\/lib\/modules\//.test(f),
  );
  expectClaim(this.scope, kernel.length === 0, 'no /boot/vmlinuz* and no /lib/modules in the image', () =>
    kernel.join(', '),
  );
});

Then('the program runs and prints its greeting', function (this: KitWorld) {
  const { exitCode, stdout, stderr } = this.lastCommand;
  expectClaim(
    this.scope,
    exitCode === 0 && stdout.trim() === GREETING,
    `exit code 0 and "${GREETING}"`,
    () =>
      `exit code ${exitCode}, stdout ${JSON.stringify(stdout.trim())}, stderr ${JSON.stringify(stderr.trim())}`,
  );
});

Then("the image's files are that one binary", async function (this: KitWorld) {
  const layers = (await imageLayers(this.scope, this.image)).layers.length;
  const files = (await imageFiles(this.scope, this.image)).filter((f) => !ENGINE_ADDED.test(f));
  expectClaim(
    this.scope,
    layers === 1 && files.length === 1 && files[0] === 'busybox',
    'one layer holding only /busybox',
    () => `${layers} layer(s) holding ${files.join(', ')}`,
  );
});

Then('`docker inspect` shows its Cmd, Env, ExposedPorts and WorkingDir', async function (this: KitWorld) {
  const ref = this.built('settings').ref;
  const { Config } = await this.scope.docker.getImage(ref).inspect();
  const shown = {
    Cmd: Config.Cmd,
    Env: Config.Env,
    ExposedPorts: Config.ExposedPorts,
    WorkingDir: Config.WorkingDir,
  };
  this.scope.transcript.record({
    command: `docker image inspect --format '{{json .Config}}' ${ref}`,
    via: 'api',
    exitCode: 0,
    stdout: JSON.stringify(shown, null, 2),
    stderr: '',
  });
  const holds =
    (Config.Cmd ?? []).join(' ').includes('$GREETING from $(pwd)') &&
    (Config.Env ?? []).includes('GREETING=hello') &&
    '8080/tcp' in (Config.ExposedPorts ?? {}) &&
    Config.WorkingDir === '/app';
  expectClaim(
    this.scope,
    holds,
    'Cmd with the echo, Env GREETING=hello, ExposedPorts 8080/tcp, WorkingDir /app',
    () => JSON.stringify(shown),
  );
});

Then("the run without a command ran the image's CMD, in its WORKDIR with its ENV", function (this: KitWorld) {
  const output = this.observed('default run');
  expectClaim(this.scope, output === 'hello from /app', '"hello from /app"', () => JSON.stringify(output));
});

Then('the run with a command ran that command instead', function (this: KitWorld) {
  const output = this.observed('override run');
  expectClaim(this.scope, output === 'a command given at run time', '"a command given at run time"', () =>
    JSON.stringify(output),
  );
});

Then('a container runs from the loaded image', async function (this: KitWorld) {
  const run = await runWithCli(this.scope, containerSpec(this.scope, 'loaded', this.built('random').ref, []));
  expectClaim(
    this.scope,
    run.exitCode === 0 && run.stdout.includes('random image ran'),
    '"random image ran"',
    () => `exit code ${run.exitCode}: ${run.stdout.trim()} ${run.stderr.trim()}`,
  );
});
