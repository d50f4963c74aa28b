import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseCatalog, taggedClaims } from '../run/claims';

const ROOT = join(__dirname, '..', '..');
const catalogText = readFileSync(join(ROOT, 'features', 'claims.md'), 'utf8');

describe('the claim catalog', () => {
  it('has a row per claim, each ID once', () => {
    const ids = parseCatalog(catalogText).map((c) => c.id);
    assert.ok(ids.length >= 50, `only ${ids.length} claims parsed`);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('IMG-01') && ids.includes('NET-11'));
  });

  it('is the same as the shared catalog, when that is beside the checkout', {
    skip: !existsSync(join(ROOT, '..', 'shared', 'claims.md')),
  }, () => {
    const shared = readFileSync(join(ROOT, '..', 'shared', 'claims.md'), 'utf8');
    assert.equal(
      catalogText,
      shared,
      'features/claims.md differs from ../shared/claims.md: copy the shared one over',
    );
  });

  it('tags only IDs the catalog knows', () => {
    const known = new Set(parseCatalog(catalogText).map((c) => c.id));
    for (const id of taggedClaims(join(ROOT, 'features')))
      assert.ok(known.has(id), `@claim:${id} is not in the catalog`);
  });
});
