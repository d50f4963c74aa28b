import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whereItHolds } from '../matrix/ranges';

const col = (id: string, product: string, version: string) => ({ id, product, version, status: 'ran' });
const COLUMNS = [
  col('docker-20.10', 'Docker Engine', '20.10.24+dfsg1'),
  col('docker-26.1', 'Docker Engine', '26.1.5+dfsg1'),
  col('docker-28.5', 'Docker Engine', '28.5.2+dfsg4'),
  col('docker-28.5-containerd', 'Docker Engine', '28.5.2+dfsg4'),
  col('docker-28.5-rootless', 'Docker Engine', '28.5.2+dfsg4'),
  col('docker-29.7', 'Docker Engine', '29.7.2'),
  col('podman-4.3', 'Podman', '4.3.1'),
  col('podman-5.8', 'Podman', '5.8.6'),
  col('podman-6.1', 'Podman', '6.1.1'),
];
const cell = (outcome: string, reason?: string) => ({
  outcome,
  reason: { code: 'recorded' as const, text: `${outcome} detail` },
  ...(reason ? { expected: { reason } } : {}),
});
const cells = (byId: Record<string, ReturnType<typeof cell>>) =>
  Object.fromEntries(COLUMNS.map((c) => [c.id, byId[c.id] ?? cell('passed')]));

describe('where a claim holds', () => {
  it('gives each product its versions as ranges, and the engines that diverge with their reason', () => {
    const link = 'Podman refuses --link';
    const text = whereItHolds(
      COLUMNS,
      cells({
        'docker-28.5-rootless': cell('skipped', 'rootless'),
        'podman-4.3': cell('failed', link),
        'podman-5.8': cell('failed', link),
        'podman-6.1': cell('failed', link),
      }),
    );
    assert.equal(
      text,
      'holds on Docker 20.10–29.7; diverges on Podman 4.3–6.1 (Podman refuses --link); not verified on Docker 28.5 rootless (rootless)',
    );
  });

  it('keeps a range across a version where a variant diverges, naming that variant', () => {
    const text = whereItHolds(COLUMNS, cells({ 'docker-28.5-rootless': cell('failed', 'no cgroups') }));
    assert.equal(
      text,
      'holds on Docker 20.10–29.7, Podman 4.3–6.1; diverges on Docker 28.5 rootless (no cgroups)',
    );
  });

  it('ends a range at a version where the claim only diverges', () => {
    const store = 'a new image ID';
    const text = whereItHolds(
      COLUMNS,
      cells({ 'docker-28.5-containerd': cell('failed', store), 'docker-29.7': cell('failed', store) }),
    );
    assert.equal(
      text,
      'holds on Docker 20.10–28.5, Podman 4.3–6.1; diverges on Docker 28.5 containerd–29.7 (a new image ID)',
    );
    const middle = whereItHolds(COLUMNS, cells({ 'docker-26.1': cell('failed', 'x') }));
    assert.equal(
      middle,
      'holds on Docker 20.10, Docker 28.5–29.7, Podman 4.3–6.1; diverges on Docker 26.1 (x)',
    );
  });
});
