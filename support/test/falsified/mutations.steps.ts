import { When } from '@cucumber/cucumber';
import { buildSeen } from '../../../steps/builds.steps';
import { containerSeen } from '../../../steps/containers.steps';
import { dnsSeen } from '../../../steps/dns.steps';
import { contentsSeen } from '../../../steps/image-contents.steps';
import { imageSeen } from '../../../steps/images.steps';
import { isolationSeen } from '../../../steps/isolation.steps';
import { networkSeen } from '../../../steps/networks.steps';
import { registrySeen } from '../../../steps/registry.steps';
import { COMMAND_EXIT } from '../../common/exit';
import type { KitWorld } from '../../cucumber/world';
import { withPublishedPort } from '../../scenario/container-spec';
import type { Builder } from '../../scenario/images';
import { waitUntilServing } from '../../scenario/probes';

// Loaded only by the `falsified` profile. Each step corrupts one observation the kit made,
// the way a different engine could have answered, so that the real check after it must fail.

When('falsified: the container runs another command than it does', function (this: KitWorld) {
  isolationSeen(this).command = 'sleep 1';
});

When('falsified: the engine reported another host PID', function (this: KitWorld) {
  isolationSeen(this).hostPid += 100_000;
});

When('falsified: the container is replaced by a new one of the same name', async function (this: KitWorld) {
  await this.containers.get('main').remove();
  await this.engine.containers.run('main', this.engine.context.fixtures.idle);
});

When(
  "falsified: another container answers on that host port in the server's stead",
  async function (this: KitWorld) {
    // Real means: the page that answers carries the name the kit gave another container.
    await this.containers.get('main').remove();
    const { web } = this.engine.context.fixtures;
    const other = await this.engine.containers.run(
      'other',
      web,
      withPublishedPort(this.hostPorts.get('main'), 80),
    );
    await waitUntilServing(other);
  },
);

When('falsified: the kit looks in the diff for a file nobody wrote', function (this: KitWorld) {
  this.seen.marker = '/nobody-wrote-this.txt';
});

When('falsified: the image had another layer before', function (this: KitWorld) {
  this.seen.imageBefore = { ...this.seen.imageBefore, layers: [...this.seen.imageBefore.layers, 'sha256:0'] };
});

When('falsified: the container was given another host port', function (this: KitWorld) {
  this.hostPorts.set('main', this.hostPorts.get('main') + 1);
});

When('falsified: `docker ps` listed what `docker ps -a` did', function (this: KitWorld) {
  containerSeen(this).listedRunning = containerSeen(this).listedAll;
});

When('falsified: the second container is the first one', function (this: KitWorld) {
  this.containers.set('second', this.containers.get('first'));
});

When("falsified: the kernel inside is not the host's", function (this: KitWorld) {
  isolationSeen(this).kernel = '0.0.0-elsewhere';
});

When('falsified: the new container is the one that wrote the files', function (this: KitWorld) {
  this.containers.set('reader', this.containers.get('writer'));
});

When('falsified: the two host ports are swapped', function (this: KitWorld) {
  const [[a, portA], [b, portB]] = this.hostPorts.entries() as [string, number][];
  this.hostPorts.set(a, portB);
  this.hostPorts.set(b, portA);
});

When("falsified: the hostname seen inside is the host's", function (this: KitWorld) {
  isolationSeen(this).hostname = this.engine.context.engine.hostName;
});

When("falsified: the host's program was found inside", function (this: KitWorld) {
  isolationSeen(this).programFound = `/usr/bin/${isolationSeen(this).program}`;
});

When('falsified: the image is looked up as docker.io\\/other\\/NAME:latest', async function (this: KitWorld) {
  imageSeen(this).found = await this.engine.images.lookUp(`docker.io/other/${this.seen.image}:latest`);
});

When('falsified: the pull names the tag latest', async function (this: KitWorld) {
  this.seen.lastCommand = await this.engine.images.pull(`${imageSeen(this).registryImage}:latest`);
});

When(
  'falsified: it is built again without the cache, with {builder}',
  async function (this: KitWorld, builder: Builder) {
    const ref = this.engine.imageRef('layers');
    this.images.set(
      'built',
      await this.engine.images.build(ref, buildSeen(this).dockerfile, { noCache: true, builder }),
    );
  },
);

When(
  'falsified: the second image is built adding 1 MB on a fresh 8 MB layer instead',
  async function (this: KitWorld) {
    // Another instruction than the shared image's, or the builder would reuse its layer from cache.
    const text = `FROM ${this.engine.context.base.ref}\nRUN head -c 8388608 /dev/urandom > /not-shared\nRUN head -c 1048576 /dev/urandom > /two\n`;
    await this.build('two', text);
  },
);

When('falsified: the transfers of the second were those of the first', function (this: KitWorld) {
  const { pushes, pulls, layers } = registrySeen(this).transfers;
  registrySeen(this).transfers = { pushes: [pushes[0], pushes[0]], pulls: [pulls[0], pulls[0]], layers };
});

When('falsified: the image is the one committed from the container', function (this: KitWorld) {
  this.seen.imageBefore = { ...this.seen.imageBefore, id: this.seen.image };
});

When('falsified: the kit takes the image with settings for the one-file image', function (this: KitWorld) {
  this.seen.image = this.images.get('settings').ref;
});

When('falsified: the run with a command printed what the run without one did', function (this: KitWorld) {
  contentsSeen(this).overrideRun = contentsSeen(this).defaultRun;
});

When('falsified: the image had another ID before', function (this: KitWorld) {
  this.images.set('random', { ...this.images.get('random'), id: `sha256:${'0'.repeat(64)}` });
});

When('falsified: the kit looks for another name in the list', function (this: KitWorld) {
  this.seen.image = `${this.seen.image}-elsewhere`;
});

When("falsified: the new image is the container's original image", function (this: KitWorld) {
  this.seen.image = this.seen.imageBefore.id;
});

When('falsified: the run failed for another reason', function (this: KitWorld) {
  this.seen.lastCommand = {
    ...this.seen.lastCommand,
    exitCode: COMMAND_EXIT.dockerRunFailed,
    stderr: 'docker: Error response from daemon: no such image.',
  };
});

When('falsified: the program lets go of its port', async function (this: KitWorld) {
  await this.seen.portHolder.close();
});

When("falsified: the program's port is another", function (this: KitWorld) {
  this.seen.portHolder = { ...this.seen.portHolder, port: this.seen.portHolder.port + 1 };
});

When('falsified: the container is moved to a user-defined network', async function (this: KitWorld) {
  const main = this.containers.get('main');
  await main.disconnect('bridge');
  await main.connect((await this.engine.networks.create('elsewhere')).name);
});

When('falsified: the server has stopped', async function (this: KitWorld) {
  await this.containers.get('server').stop();
});

When('falsified: the engine kept no MASQUERADE rule', function (this: KitWorld) {
  const { iptables, nft } = networkSeen(this).nat;
  networkSeen(this).nat = {
    iptables:
      'rules' in iptables ? { rules: iptables.rules.replace(/ -j MASQUERADE/g, ' -j ACCEPT') } : iptables,
    nft:
      'json' in nft
        ? {
            text: nft.text.replace(/\bmasquerade\b/g, 'accept'),
            json: nft.json.replace(/\{"masquerade":[^}]*\}/g, '{"accept":null}'),
          }
        : nft,
  };
});

When('falsified: the tries before joining went as the one after', function (this: KitWorld) {
  networkSeen(this).tries = {
    ...networkSeen(this).tries,
    byName: networkSeen(this).tries.byNameAfterJoining,
  };
});

When('falsified: the download is counted on the outward interfaces', function (this: KitWorld) {
  networkSeen(this).traffic = { ...networkSeen(this).traffic, outward: networkSeen(this).traffic.veth };
});

When('falsified: the resolving container is on another network', async function (this: KitWorld) {
  this.networks.set('app', await this.engine.networks.create('other'));
});

When('falsified: the name resolved on the default bridge', function (this: KitWorld) {
  dnsSeen(this).resolved = '172.17.0.99';
});

When('falsified: the server is another container on the bridge', async function (this: KitWorld) {
  this.containers.set('server', await this.engine.containers.run('other', this.engine.context.fixtures.web));
});

When("falsified: the two containers' resolvers are swapped", function (this: KitWorld) {
  const { custom, onDefault } = dnsSeen(this).resolvers;
  dnsSeen(this).resolvers = { custom: onDefault, onDefault: custom };
});

When('falsified: the server came back at its old address', function (this: KitWorld) {
  dnsSeen(this).addresses = { ...dnsSeen(this).addresses, new: dnsSeen(this).addresses.old };
});

When('falsified: the overlay network is looked up as the default bridge', function (this: KitWorld) {
  this.networks.set('overlay', this.engine.networks.named('bridge'));
});
