import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endedAs } from '../checks/containers';
import { grewByOneLayer } from '../checks/images';
import { masqueraded } from '../checks/networks';
import { type ContainerState, inDockerTerms } from '../scenario/container';

const state = (status: string, running: boolean, exitCode: number): ContainerState => ({
  status,
  running,
  exitCode,
  oomKilled: false,
  pid: 0,
});

describe('CTR-03: the state a container ended in', () => {
  test('"exited" with the exit code holds', () => {
    assert.equal(endedAs(state('exited', false, 3), 'exited', 3).holds, true);
  });
  test('another exit code, a running container or another state does not hold', () => {
    const cases = [
      state('exited', false, 143),
      state('running', true, 0),
      state('stopped', false, 0),
      state('created', false, 0),
      state('dead', false, 0),
    ];
    for (const seen of cases) assert.equal(endedAs(seen, 'exited', 0).holds, false, JSON.stringify(seen));
  });
});

describe("a container's state in Docker's terms", () => {
  test('Podman\'s transient "stopped" of a container that is not running is "exited", and is said so', () => {
    const { state: seen, note } = inDockerTerms(state('stopped', false, 3));
    assert.deepEqual(seen, state('exited', false, 3));
    assert.match(note ?? '', /calls this state "stopped"/);
  });
  test('any other state is left as the engine gave it', () => {
    for (const given of [state('exited', false, 0), state('stopped', true, 0), state('running', true, 0)])
      assert.deepEqual(inDockerTerms(given), { state: given });
  });
});

describe('NET-03: the NAT rules that masquerade a container', () => {
  const masquerading = '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE';
  const emptyNft = { text: '', json: '{"nftables":[]}' };
  test('a masquerade in iptables holds, whatever nft could read', () => {
    const rules = { iptables: { rules: masquerading }, nft: { unreadable: 'nft crashed (SIGSEGV)' } };
    assert.equal(masqueraded(rules, '172.17.0.2').holds, true);
  });
  test('no masquerade in rules both tools read does not hold', () => {
    const rules = { iptables: { rules: '-P POSTROUTING ACCEPT' }, nft: emptyNft };
    assert.equal(masqueraded(rules, '172.17.0.2').holds, false);
  });
  test('a listing that could not be read is the kit failing, never an empty ruleset', () => {
    const rules = { iptables: { rules: '' }, nft: { unreadable: 'nft crashed (SIGSEGV)' } };
    assert.throws(() => masqueraded(rules, '172.17.0.2'), /could not read the NAT rules.*SIGSEGV/);
    const noIptables = { iptables: { unreadable: 'iptables exited 4' }, nft: emptyNft };
    assert.throws(() => masqueraded(noIptables, '172.17.0.2'), /iptables exited 4/);
  });
});

describe('IMG-07: what the storage holds for an image alone', () => {
  const MiB = 1024 * 1024;
  test('holds for a stacked layer of about 1 MiB', () => {
    assert.equal(grewByOneLayer({ bytes: 1.1 * MiB, driver: 'overlay2', layers: 1 }).holds, true);
  });

  test('fails on a copying driver, naming it and the bytes stored again', () => {
    const copied = grewByOneLayer({ bytes: 10.1 * MiB, driver: 'vfs', layers: 1 });
    assert.equal(copied.holds, false);
    assert.match(
      copied.seen,
      /10\.10 MiB in 1 layer directory of storage driver vfs: 9\.1 MiB more than its own 1 MiB/,
    );
  });
});
