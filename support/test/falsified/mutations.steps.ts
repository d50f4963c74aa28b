import { When } from '@cucumber/cucumber';
import type { KitWorld } from '../../cucumber/world';

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

When("falsified: the two containers' host ports are swapped", function (this: KitWorld) {
  const [one, two] = [this.hostPorts.get('one') ?? 0, this.hostPorts.get('two') ?? 0];
  this.hostPorts.set('one', two);
  this.hostPorts.set('two', one);
});

When("falsified: the hostname seen inside is the host's", function (this: KitWorld) {
  this.seen.set('hostname', this.scope.context.engine.hostName);
});

When('falsified: node was found inside', function (this: KitWorld) {
  this.seen.set('node', '/usr/bin/node');
});
