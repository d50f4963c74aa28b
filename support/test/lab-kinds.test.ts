import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SetupError } from '../common/errors';
import { ENGINE_KINDS, findKind, kindFromArg, missingPart, requireParts } from '../lab/kinds';
import { recipeOf } from '../lab/recipes';
import { extraContainersConf, podman, podmanCgroupV2 } from '../lab/recipes/podman';
import { parseTargets } from '../matrix/targets';

describe('lab kinds', () => {
  it('name a Docker release bundle by the release it holds', () => {
    const kind = kindFromArg('docker-27.5-containerd-nftables=bundle:/x/docker-27.5.1.tgz');
    assert.equal(kind?.recipe, 'docker-bundle');
    assert.equal(kind?.version, '27.5');
    assert.equal(kind?.imageStore, 'containerd');
    assert.equal(kind?.storeIsDefault, undefined);
    assert.equal(kind?.firewall, 'nftables');
    assert.equal(kind?.bundle, '/x/docker-27.5.1.tgz');
    assert.equal(kindFromArg('docker-27.5=bundle:/x')?.imageStore, undefined);
  });

  it('refuse a bundle column whose name says no release, in one line', () => {
    assert.throws(() => kindFromArg('mine=bundle:/x/docker.tgz'), SetupError);
    assert.throws(() => kindFromArg('docker-27=bundle:/x/docker.tgz'), /cannot name a column/);
  });

  it('refuse a bundle that is not there, saying where to get one', () => {
    const kind = kindFromArg('docker-27.5=bundle:/nowhere/docker-27.5.1.tgz');
    assert.ok(kind);
    assert.match(missingPart(kind) ?? '', /\/nowhere\/docker-27\.5\.1\.tgz is not there/);
    assert.throws(() => requireParts(kind), /download\.docker\.com/);
  });

  it('state the classic store for Debian Docker kinds, and leave a bundle release its default, checked', () => {
    for (const kind of ENGINE_KINDS.filter((k) => k.recipe === 'debian-docker')) {
      assert.ok(kind.imageStore, `${kind.name} states its image store`);
      assert.equal(kind.storeIsDefault, undefined, kind.name);
    }
    assert.equal(findKind('docker-29.7')?.imageStore, 'containerd');
    assert.equal(findKind('docker-29.7')?.storeIsDefault, true);
    assert.equal(findKind('docker-29.7-nftables')?.firewall, 'nftables');
  });

  it('give Podman 6 the cgroup v2 recipe, older Podman the other', () => {
    assert.equal(recipeOf(findKind('podman-6.1') as never), podmanCgroupV2);
    assert.equal(recipeOf(findKind('podman-5.8') as never), podman);
    assert.equal(podmanCgroupV2.needs.cgroupV2, true);
  });
});

describe('the matrix without a release bundle', () => {
  it('leaves the bundle kinds out of the default matrix, saying so, and refuses them named', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kit-bundles-'));
    const saved = process.env.KIT_ENGINE_BUNDLES;
    process.env.KIT_ENGINE_BUNDLES = empty;
    try {
      // The kinds read the folder when they are made: look them up afresh.
      delete require.cache[require.resolve('../lab/kinds')];
      delete require.cache[require.resolve('../matrix/targets')];
      const fresh = require('../matrix/targets') as typeof import('../matrix/targets');
      const said: string[] = [];
      const targets = fresh.parseTargets(
        [],
        () => false,
        (line) => said.push(line),
      );
      assert.ok(!targets.some((t) => t.id.startsWith('docker-29.7')));
      assert.ok(targets.some((t) => t.id === 'podman-6.1'));
      assert.match(
        said.join('\n'),
        /leaving out docker-29\.7 runs Docker 29\.7 from its static release bundle/,
      );
      assert.throws(() => fresh.parseTargets(['docker-29.7'], () => false), /has no docker-29\.7\.\*\.tgz/);
      writeFileSync(join(empty, 'docker-29.7.3.tgz'), '');
      delete require.cache[require.resolve('../lab/kinds')];
      delete require.cache[require.resolve('../matrix/targets')];
      const found = (require('../matrix/targets') as typeof import('../matrix/targets')).parseTargets(
        ['docker-29.7'],
        () => false,
      );
      assert.equal(found[0]?.source === 'lab' && found[0].kind.bundle, join(empty, 'docker-29.7.3.tgz'));
    } finally {
      if (saved === undefined) delete process.env.KIT_ENGINE_BUNDLES;
      else process.env.KIT_ENGINE_BUNDLES = saved;
      delete require.cache[require.resolve('../lab/kinds')];
      delete require.cache[require.resolve('../matrix/targets')];
    }
  });

  it('takes a bundle column among other engines', () => {
    const here = mkdtempSync(join(tmpdir(), 'kit-bundle-'));
    writeFileSync(join(here, 'docker-27.5.1.tgz'), '');
    const targets = parseTargets(
      ['docker-20.10', `docker-27.5=bundle:${join(here, 'docker-27.5.1.tgz')}`],
      () => false,
    );
    assert.deepEqual(
      targets.map((t) => t.id),
      ['docker-20.10', 'docker-27.5'],
    );
  });
});

describe("the user's containers.conf settings for lab Podman (KIT_LAB_CONTAINERS_CONF)", () => {
  const withSetting = (value: string | undefined, check: () => void) => {
    const before = process.env.KIT_LAB_CONTAINERS_CONF;
    if (value === undefined) delete process.env.KIT_LAB_CONTAINERS_CONF;
    else process.env.KIT_LAB_CONTAINERS_CONF = value;
    try {
      check();
    } finally {
      if (before === undefined) delete process.env.KIT_LAB_CONTAINERS_CONF;
      else process.env.KIT_LAB_CONTAINERS_CONF = before;
    }
  };

  it('takes tables of settings', () => {
    withSetting('{"containers":{"utsns":"host","pids_limit":0},"engine":{"env":["A=1"]}}', () =>
      assert.deepEqual(extraContainersConf(), {
        containers: { utsns: 'host', pids_limit: 0 },
        engine: { env: ['A=1'] },
      }),
    );
    withSetting(undefined, () => assert.deepEqual(extraContainersConf(), {}));
  });

  it('refuses, in one line, what is not tables of settings', () => {
    for (const bad of ['{', '"host"', '{"utsns":"host"}', '{"containers":{"a":{"b":1}}}']) {
      withSetting(bad, () => assert.throws(() => extraContainersConf(), SetupError));
    }
  });
});
