import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Reason } from '../common/reasons';
import { sayReason } from '../common/reasons-en';
import { BoltFile, uvarint } from '../host/bolt';
import { LocalHost } from '../host/local-host';
import { chainIds, containersStorageLayerDirs, dockerLayerDirs, engineStorage } from '../host/storage';
import { aFingerprint } from './fingerprints';

const here = new LocalHost();
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe("IMG-07: an image's layers in the storage's own records", () => {
  it("names each layer by its chain ID, as Docker's layer store does", () => {
    const [a, b, c] = [sha('a'), sha('b'), sha('c')];
    const chain = chainIds([a, b, c]);
    assert.equal(chain[0], a);
    assert.equal(chain[1], sha(`${a} ${b}`));
    assert.equal(chain[2], sha(`${chain[1]} ${c}`));
  });

  it("finds each layer's directory of Docker's classic store through its cache-id, per driver", async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-layerdb-'));
    const diffs = [sha('base'), sha('top')];
    chainIds(diffs).forEach((chain, i) => {
      for (const driver of ['vfs', 'overlay2']) {
        const dir = join(root, 'image', driver, 'layerdb', 'sha256', chain.slice('sha256:'.length));
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'cache-id'), `cache${i}\n`);
      }
    });
    assert.deepEqual(await dockerLayerDirs(here, root, 'vfs', diffs), [
      join(root, 'vfs', 'dir', 'cache0'),
      join(root, 'vfs', 'dir', 'cache1'),
    ]);
    assert.deepEqual(await dockerLayerDirs(here, root, 'overlay2', diffs), [
      join(root, 'overlay2', 'cache0', 'diff'),
      join(root, 'overlay2', 'cache1', 'diff'),
    ]);
    await assert.rejects(
      dockerLayerDirs(here, root, 'vfs', [sha('unknown')]),
      /the layer database has no layer/,
    );
  });

  it("walks containers/storage from the image's top layer through each parent", async () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-containers-storage-'));
    for (const driver of ['vfs', 'overlay']) {
      mkdirSync(join(root, `${driver}-images`));
      mkdirSync(join(root, `${driver}-layers`));
      writeFileSync(
        join(root, `${driver}-images`, 'images.json'),
        JSON.stringify([{ id: 'img', layer: 'l2' }]),
      );
      writeFileSync(
        join(root, `${driver}-layers`, 'layers.json'),
        JSON.stringify([{ id: 'l1' }, { id: 'l2', parent: 'l1' }, { id: 'other', parent: 'l1' }]),
      );
    }
    assert.deepEqual(await containersStorageLayerDirs(here, root, 'vfs', 'sha256:img'), [
      join(root, 'vfs', 'dir', 'l2'),
      join(root, 'vfs', 'dir', 'l1'),
    ]);
    assert.deepEqual(await containersStorageLayerDirs(here, root, 'overlay', 'img'), [
      join(root, 'overlay', 'l2', 'diff'),
      join(root, 'overlay', 'l1', 'diff'),
    ]);
    await assert.rejects(containersStorageLayerDirs(here, root, 'vfs', 'nope'), /has no image nope/);
  });

  it('leaves a driver it does not read not verified, naming the driver, never an error', async () => {
    const storage = await engineStorage(aFingerprint({ storageDriver: 'zfs', dataRoot: tmpdir() }), here);
    assert.ok('unavailable' in storage);
    assert.match(
      sayReason(storage.unavailable),
      /does not read the storage driver zfs \(classic image store; it reads overlay2, fuse-overlayfs, vfs\)/,
    );
    const vfs = await engineStorage(aFingerprint({ storageDriver: 'vfs', dataRoot: tmpdir() }), here);
    assert.deepEqual(vfs, { path: tmpdir(), driver: 'vfs', layout: 'docker-layerdb' });
  });

  it("says why where the engine's host cannot be read, never an error", async () => {
    const storage = await engineStorage(aFingerprint({ storageDriver: 'overlay2' }), {
      code: 'helper-refused',
      said: 'no',
    });
    assert.deepEqual(storage, {
      unavailable: { code: 'storage-unreadable', why: { code: 'helper-refused', said: 'no' } },
    });
    assert.ok('unavailable' in storage);
    assert.match(
      sayReason(storage.unavailable as Reason),
      /^the engine's storage cannot be read: the engine refused the kit's helper container/,
    );
  });

  it('says why where the data root is there but cannot be listed (a kit not run as root), never a missing layer', async () => {
    const unlistable = {
      ...here,
      exists: async () => true,
      listable: async () => false,
      readFile: here.readFile,
    };
    const storage = await engineStorage(
      aFingerprint({ storageDriver: 'overlay2', dataRoot: '/var/lib/docker' }),
      unlistable,
    );
    assert.ok('unavailable' in storage);
    assert.match(sayReason(storage.unavailable), /\/var\/lib\/docker cannot be read from here; run as root/);
  });
});

describe("the native snapshotter's bolt database", () => {
  it("reads IDs as Go's binary.PutUvarint writes them", () => {
    assert.equal(uvarint(Buffer.from([0x05])), 5);
    assert.equal(uvarint(Buffer.from([0xac, 0x02])), 300);
  });

  it('refuses a file that is not a bolt database, never reading it as empty', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kit-bolt-')), 'metadata.db');
    assert.throws(() => new BoltFile(Buffer.alloc(8192), file), /is not a bbolt database/);
  });
});
