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

describe('NAT rules in nftables', () => {
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
