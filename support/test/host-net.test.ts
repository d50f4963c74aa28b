import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { interfaceWithIndex } from '../host/net';

describe('the host interface with a given index (a veth peer)', () => {
  const sys = mkdtempSync(join(tmpdir(), 'dck-sys-class-net-'));
  after(() => rmSync(sys, { recursive: true, force: true }));
  for (const [name, index] of [
    ['eth0', '2'],
    ['veth1a2b3c', '27'],
  ] as const) {
    mkdirSync(join(sys, name));
    writeFileSync(join(sys, name, 'ifindex'), `${index}\n`);
  }
  // Another scenario's container ended: its veth is listed but its index is gone.
  mkdirSync(join(sys, 'aaa-being-deleted'));

  test('is found by its index', () => {
    assert.equal(interfaceWithIndex('27\n', sys), 'veth1a2b3c');
  });
  test('an interface deleted while the list is read is left out, not an error', () => {
    assert.equal(interfaceWithIndex('99', sys), undefined);
  });
});
