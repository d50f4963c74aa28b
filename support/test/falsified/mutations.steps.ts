import { When } from '@cucumber/cucumber';
import type { KitWorld } from '../../cucumber/world';
import { buildImage } from '../../kit/builds';
import { runDocker } from '../../kit/cli';
import { runContainer, stopContainer } from '../../kit/containers';
import { connectNetwork, createNetwork } from '../../kit/networks';
import { diskUsage } from '../../kit/storage';
import { pull } from '../../kit/transfers';

// Loaded only by the `falsified` profile. Each step corrupts one observation the kit made,
// the way a different engine could have answered, so that the real check after it must fail.

When('falsified: the container runs another command than it does', function (this: KitWorld) {
  this.seen.set('command', 'sleep 1');
});

When('falsified: the engine reported another host PID', function (this: KitWorld) {
  this.hostPid += 100_000;
});

When('falsified: the kit looks in the diff for a file nobody wrote', function (this: KitWorld) {
  this.marker = '/nobody-wrote-this.txt';
});

When('falsified: the image had another layer before', function (this: KitWorld) {
  this.imageBefore = { ...this.imageBefore, layers: [...this.imageBefore.layers, 'sha256:0'] };
});

When('falsified: the container was given another host port', function (this: KitWorld) {
  this.hostPort += 1;
});

When('falsified: `docker ps` listed what `docker ps -a` did', function (this: KitWorld) {
  this.seen.set('ps', this.observed('ps -a'));
});

When('falsified: the second container is the first one', function (this: KitWorld) {
  this.containers.set('second', this.container('first'));
});

When("falsified: the kernel inside is not the host's", function (this: KitWorld) {
  this.seen.set('kernel', '0.0.0-elsewhere');
});

When('falsified: the new container is the one that wrote the files', function (this: KitWorld) {
  this.containers.set('main', this.container('writer'));
});

When('falsified: the two host ports are swapped', function (this: KitWorld) {
  const [[a, portA], [b, portB]] = [...this.hostPorts.entries()] as [string, number][];
  this.hostPorts.set(a, portB);
  this.hostPorts.set(b, portA);
});

When("falsified: the hostname seen inside is the host's", function (this: KitWorld) {
  this.seen.set('hostname', this.scope.context.engine.hostName);
});

When('falsified: node was found inside', function (this: KitWorld) {
  this.seen.set('node', '/usr/bin/node');
});

When('falsified: the image is looked up as docker.io\\/other\\/NAME:latest', async function (this: KitWorld) {
  const found = await runDocker(this.scope.transcript, [
    'image',
    'inspect',
    '--format',
    '{{.Id}}',
    `docker.io/other/${this.image}:latest`,
  ]);
  this.seen.set('found', found.exitCode === 0 ? found.stdout.trim() : `not found: ${found.stderr.trim()}`);
});

When('falsified: the pull names the tag latest', async function (this: KitWorld) {
  this.lastCommand = await pull(this.scope, `${this.registryImage}:latest`);
});

When('falsified: it is built again without the cache', async function (this: KitWorld) {
  const ref = `${this.scope.names.name('layers')}:1`;
  this.images.set('built', await buildImage(this.scope, ref, this.observed('dockerfile'), { noCache: true }));
});

When(
  'falsified: the second image is built adding 1 MB on a fresh 8 MB layer instead',
  async function (this: KitWorld) {
    const storage = this.scope.context.storage;
    if (!('path' in storage)) throw new Error(storage.unavailable);
    const before = diskUsage(storage.path);
    // Another instruction than the shared image's, or the builder would reuse its layer from cache.
    const text = `FROM ${this.scope.context.base.ref}\nRUN head -c 8388608 /dev/urandom > /not-shared\nRUN head -c 1048576 /dev/urandom > /two\n`;
    this.images.set('two', await buildImage(this.scope, `${this.scope.names.name('two')}:1`, text));
    this.seen.set('growth', String(diskUsage(storage.path) - before));
  },
);

When('falsified: the transfers of the second were those of the first', function (this: KitWorld) {
  this.seen.set('push second', this.observed('push first'));
  this.seen.set('pull second', this.observed('pull first'));
});

When('falsified: the image is the one committed from the container', function (this: KitWorld) {
  this.imageBefore = { ...this.imageBefore, id: this.image };
});

When('falsified: the kit takes the image with settings for the one-file image', function (this: KitWorld) {
  this.image = this.built('settings').ref;
});

When('falsified: the run with a command printed what the run without one did', function (this: KitWorld) {
  this.seen.set('override run', this.observed('default run'));
});

When('falsified: the image had another ID before', function (this: KitWorld) {
  const image = this.built('random');
  this.images.set('random', { ...image, id: `sha256:${'0'.repeat(64)}` });
});

When('falsified: the kit looks for another name in the list', function (this: KitWorld) {
  this.image = `${this.image}-elsewhere`;
});

When("falsified: the new image is the container's original image", function (this: KitWorld) {
  this.image = this.imageBefore.id;
});

When('falsified: the program lets go of its port', async function (this: KitWorld) {
  await this.portHolder.close();
});

When("falsified: the program's port is another", function (this: KitWorld) {
  this.portHolder = { ...this.portHolder, port: this.portHolder.port + 1 };
});

When('falsified: the container is moved to a user-defined network', async function (this: KitWorld) {
  const main = this.container('main');
  await this.scope.docker.getNetwork('bridge').disconnect({ Container: main.id });
  await connectNetwork(this.scope, await createNetwork(this.scope, 'elsewhere'), main);
});

When('falsified: the server has stopped', async function (this: KitWorld) {
  await stopContainer(this.scope, this.container('server'));
});

When('falsified: the engine kept no MASQUERADE rule', function (this: KitWorld) {
  this.seen.set('nat', this.observed('nat').replace(/ -j MASQUERADE/g, ' -j ACCEPT'));
});

When('falsified: the tries before joining went as the one after', function (this: KitWorld) {
  this.seen.set('by name before', this.observed('by name after'));
});

When('falsified: the download is counted on the outward interfaces', function (this: KitWorld) {
  this.seen.set('outward bytes', this.observed('veth bytes'));
});

When('falsified: the resolving container is on another network', async function (this: KitWorld) {
  this.seen.set('network', await createNetwork(this.scope, 'other'));
});

When('falsified: the name resolved on the default bridge', function (this: KitWorld) {
  this.seen.set('resolved', '172.17.0.99');
});

When('falsified: the server is another container on the bridge', async function (this: KitWorld) {
  this.containers.set('server', await runContainer(this.scope, 'other', this.scope.context.fixtures.web));
});

When("falsified: the two containers' resolvers are swapped", function (this: KitWorld) {
  const [custom, bridge] = [this.observed('custom'), this.observed('default')];
  this.seen.set('custom', bridge);
  this.seen.set('default', custom);
});

When('falsified: the server came back at its old address', function (this: KitWorld) {
  this.seen.set('new address', this.observed('old address'));
});

When('falsified: the overlay network is looked up as the default bridge', function (this: KitWorld) {
  this.seen.set('network', 'bridge');
});
