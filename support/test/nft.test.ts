import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nftMasqueradePath } from '../host/nft';

const match = (op: string, field: string, addr: string, len: number) => ({
  match: { op, left: { payload: { protocol: 'ip', field } }, right: { prefix: { addr, len } } },
});
const rule = (chain: string, handle: number, expr: object[]) => ({
  rule: { family: 'inet', table: 'netavark', chain, handle, expr },
});

/** netavark's NAT, as `nft -j list ruleset` gives it: a jump per network into a chain that masquerades. */
const NETAVARK = JSON.stringify({
  nftables: [
    { table: { family: 'inet', name: 'netavark', handle: 1 } },
    {
      chain: {
        family: 'inet',
        table: 'netavark',
        name: 'nat-postrouting',
        handle: 3,
        type: 'nat',
        hook: 'postrouting',
      },
    },
    { chain: { family: 'inet', table: 'netavark', name: 'nv_2f259bab_10_88_0_0_nm16', handle: 10 } },
    rule('nat-postrouting', 5, [
      { match: { op: 'in', left: { meta: { key: 'mark' } }, right: 8192 } },
      { masquerade: null },
    ]),
    rule('nat-postrouting', 11, [
      match('==', 'saddr', '10.88.0.0', 16),
      { jump: { target: 'nv_2f259bab_10_88_0_0_nm16' } },
    ]),
    rule('nv_2f259bab_10_88_0_0_nm16', 12, [match('==', 'daddr', '10.88.0.0', 16), { accept: null }]),
    rule('nv_2f259bab_10_88_0_0_nm16', 13, [match('!=', 'daddr', '224.0.0.0', 4), { masquerade: null }]),
  ],
});
const TEXT = [
  '\t\tmeta mark & 0x00002000 == 0x00002000 masquerade # handle 5',
  '\t\tip saddr 10.88.0.0/16 jump nv_2f259bab_10_88_0_0_nm16 # handle 11',
  '\t\tip daddr 10.88.0.0/16 accept # handle 12',
  '\t\tip daddr != 224.0.0.0/4 masquerade # handle 13',
].join('\n');

/**
 * Docker 29's nftables backend (`--firewall-backend=nftables`), its ip table as `nft -j list
 * ruleset` (nft 1.1) gives it: postrouting dispatches through verdict maps keyed by interface.
 */
const DOCKER_29 = JSON.stringify({
  nftables: [
    { table: { family: 'ip', name: 'docker-bridges', handle: 1 } },
    {
      chain: {
        family: 'ip',
        table: 'docker-bridges',
        name: 'nat-POSTROUTING',
        handle: 3,
        type: 'nat',
        hook: 'postrouting',
        prio: 100,
        policy: 'accept',
      },
    },
    { chain: { family: 'ip', table: 'docker-bridges', name: 'nat-postrouting-in__docker0', handle: 19 } },
    { chain: { family: 'ip', table: 'docker-bridges', name: 'nat-postrouting-out__docker0', handle: 20 } },
    {
      map: {
        family: 'ip',
        name: 'nat-postrouting-in-jumps',
        table: 'docker-bridges',
        type: 'ifname',
        handle: 9,
        map: 'verdict',
        elem: [['docker0', { jump: { target: 'nat-postrouting-in__docker0' } }]],
      },
    },
    {
      map: {
        family: 'ip',
        name: 'nat-postrouting-out-jumps',
        table: 'docker-bridges',
        type: 'ifname',
        handle: 10,
        map: 'verdict',
        elem: [['docker0', { jump: { target: 'nat-postrouting-out__docker0' } }]],
      },
    },
    {
      rule: {
        family: 'ip',
        table: 'docker-bridges',
        chain: 'nat-POSTROUTING',
        handle: 14,
        expr: [{ vmap: { key: { meta: { key: 'iifname' } }, data: '@nat-postrouting-out-jumps' } }],
      },
    },
    {
      rule: {
        family: 'ip',
        table: 'docker-bridges',
        chain: 'nat-POSTROUTING',
        handle: 15,
        expr: [{ vmap: { key: { meta: { key: 'oifname' } }, data: '@nat-postrouting-in-jumps' } }],
      },
    },
    {
      rule: {
        family: 'ip',
        table: 'docker-bridges',
        chain: 'nat-postrouting-out__docker0',
        handle: 26,
        comment: 'MASQUERADE',
        expr: [
          { match: { op: '!=', left: { meta: { key: 'oifname' } }, right: 'docker0' } },
          match('==', 'saddr', '172.17.0.0', 16),
          { counter: { packets: 0, bytes: 0 } },
          { masquerade: null },
        ],
      },
    },
  ],
});
const DOCKER_29_TEXT = [
  '\t\tiifname vmap @nat-postrouting-out-jumps # handle 14',
  '\t\toifname vmap @nat-postrouting-in-jumps # handle 15',
  '\t\toifname != "docker0" ip saddr 172.17.0.0/16 counter packets 0 bytes 0 masquerade comment "MASQUERADE" # handle 26',
].join('\n');

describe('NAT rules in nftables', () => {
  it("follow Docker 29's verdict map, through the bridge's element, into the chain that masquerades", () => {
    assert.deepEqual(nftMasqueradePath(DOCKER_29, DOCKER_29_TEXT, '172.17.0.2'), [
      'iifname vmap @nat-postrouting-out-jumps # handle 14',
      '"docker0" : jump nat-postrouting-out__docker0',
      'oifname != "docker0" ip saddr 172.17.0.0/16 counter packets 0 bytes 0 masquerade comment "MASQUERADE" # handle 26',
    ]);
  });

  it("find nothing through Docker 29's maps for an address of another network, or once the masquerade is gone", () => {
    assert.deepEqual(nftMasqueradePath(DOCKER_29, DOCKER_29_TEXT, '172.18.0.2'), []);
    const gone = DOCKER_29.replace(/\{"masquerade":null\}/g, '{"accept":null}');
    assert.deepEqual(nftMasqueradePath(gone, DOCKER_29_TEXT, '172.17.0.2'), []);
  });

  it("find nothing when the bridge's element is gone from the map", () => {
    const noElement = DOCKER_29.replace(
      /"elem":\[\["docker0",\{"jump":\{"target":"nat-postrouting-out__docker0"\}\}\]\]/,
      '"elem":[]',
    );
    assert.notEqual(noElement, DOCKER_29);
    assert.deepEqual(nftMasqueradePath(noElement, DOCKER_29_TEXT, '172.17.0.2'), []);
  });

  it("follow netavark's jump per network into the chain that masquerades, not its masquerade of marked packets", () => {
    assert.deepEqual(nftMasqueradePath(NETAVARK, TEXT, '10.88.0.7'), [
      'ip saddr 10.88.0.0/16 jump nv_2f259bab_10_88_0_0_nm16 # handle 11',
      'ip daddr != 224.0.0.0/4 masquerade # handle 13',
    ]);
  });

  it('find nothing for an address of another network', () => {
    assert.deepEqual(nftMasqueradePath(NETAVARK, TEXT, '10.89.0.7'), []);
  });

  it('find nothing once the masquerade is gone', () => {
    assert.deepEqual(
      nftMasqueradePath(NETAVARK.replace(/\{"masquerade":null\}/g, '{"accept":null}'), TEXT, '10.88.0.7'),
      [],
    );
  });

  it('find nothing in an empty ruleset', () => {
    assert.deepEqual(nftMasqueradePath('{"nftables":[]}', '', '10.88.0.7'), []);
  });
});
