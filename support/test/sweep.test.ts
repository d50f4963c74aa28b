import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { RUN_LABEL } from '../hygiene/labels';
import { isAbandoned, type LabelledObject, listLabelled, removeLabelled, removeRun } from '../hygiene/sweep';

const object = (owner: string, createdMs = Date.now()): LabelledObject => ({
  kind: 'container',
  id: 'c1',
  name: 'c1',
  runId: 'r1',
  owner,
  scenario: '',
  createdMs,
});

describe('the sweep', () => {
  it('spares objects of a live run on this host and reaps those of a dead one', () => {
    const alive = (pid: number) => pid === 100;
    assert.equal(isAbandoned(object(`${hostname()}:100`), Date.now(), alive), false);
    assert.equal(isAbandoned(object(`${hostname()}:200`), Date.now(), alive), true);
  });

  it("reaps another host's objects only after six hours", () => {
    const now = Date.now();
    assert.equal(isAbandoned(object('elsewhere:1', now - 60_000), now), false);
    assert.equal(isAbandoned(object('elsewhere:1', now - 7 * 3600_000), now), true);
  });

  it('asks the engine only for labelled objects, and removes containers before networks', async () => {
    const asked: string[] = [];
    const removed: string[] = [];
    const answer =
      <T>(value: T) =>
      async (options: { filters: string }) => {
        asked.push(options.filters);
        return value;
      };
    const fake = {
      listContainers: answer([{ Id: 'c', Names: ['/c'], Created: 1, Labels: { [RUN_LABEL]: 'r' } }]),
      listNetworks: answer([{ Id: 'n', Name: 'n', Labels: { [RUN_LABEL]: 'r' } }]),
      listVolumes: answer({ Volumes: [] }),
      listImages: answer([]),
      getContainer: (id: string) => ({
        kill: async () => void removed.push(`kill ${id}`),
        remove: async () => void removed.push(`container ${id}`),
      }),
      getNetwork: (id: string) => ({
        remove: async () => void removed.push(`network ${id}`),
        inspect: async () => {
          throw Object.assign(new Error('no such network'), { statusCode: 404 });
        },
      }),
    } as unknown as Docker;
    const found = await listLabelled(fake, 'r');
    for (const filters of asked) assert.deepEqual(JSON.parse(filters), { label: [`${RUN_LABEL}=r`] });
    assert.deepEqual(await removeLabelled(fake, found.reverse()), []);
    assert.deepEqual(removed, ['kill c', 'container c', 'network n']);
  });

  it('removes a parent image after its children, whatever the order listed', async () => {
    const images = new Set(['parent', 'child']);
    const fake = {
      getImage: (id: string) => ({
        remove: async () => {
          if (id === 'parent' && images.has('child'))
            throw new Error('conflict: image has dependent child images');
          images.delete(id);
        },
      }),
    } as unknown as Docker;
    const image = (id: string): LabelledObject => ({ ...object('h:1'), kind: 'image', id, name: id });
    assert.deepEqual(await removeLabelled(fake, [image('parent'), image('child')]), []);
    assert.equal(images.size, 0);
  });

  it('reports what it could not remove, without looping', async () => {
    const fake = {
      getImage: () => ({
        remove: async () => {
          throw new Error('conflict: image is being used by a running container');
        },
      }),
    } as unknown as Docker;
    const failures = await removeLabelled(fake, [{ ...object('h:1'), kind: 'image', id: 'i', name: 'i' }]);
    assert.equal(failures.length, 1);
  });
});

describe('removing a run', () => {
  const listing = (images: string[]) =>
    ({
      listContainers: async () => [],
      listNetworks: async () => [],
      listVolumes: async () => ({ Volumes: [] }),
      listImages: async () =>
        images.map((id) => ({ Id: id, RepoTags: [], Created: 1, Labels: { [RUN_LABEL]: 'r' } })),
    }) as unknown as Docker;

  it('stops at once when nothing it finds can be removed', async () => {
    const fake = Object.assign(listing(['stuck']), {
      getImage: () => ({
        remove: async () => {
          throw new Error('conflict: image is being used by a running container');
        },
      }),
    });
    const started = Date.now();
    const { found, failures } = await removeRun(fake, 'r', { timeoutMs: 10_000 });
    assert.ok(Date.now() - started < 2000);
    assert.equal(found.length, 1);
    assert.match(failures[0] ?? '', /being used/);
  });

  it('removes what appears while it waits for the engine to be quiet', async () => {
    const images = new Set<string>();
    let listings = 0;
    const fake = {
      ...listing([]),
      listImages: async () => {
        if (++listings === 2) images.add('late'); // a commit that lands after the first look
        return [...images].map((id) => ({ Id: id, RepoTags: [], Created: 1, Labels: { [RUN_LABEL]: 'r' } }));
      },
      getImage: (id: string) => ({ remove: async () => void images.delete(id) }),
    } as unknown as Docker;
    const { found, failures } = await removeRun(fake, 'r', { quietMs: 300 });
    assert.deepEqual(
      found.map((o) => o.id),
      ['late'],
    );
    assert.deepEqual(failures, []);
    assert.equal(images.size, 0);
  });
});
