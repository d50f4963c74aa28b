import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SUITES } from '../lab/kinds';
import { mountsUnder } from '../lab/mounts';
import { removeRootfsCache } from '../lab/rootfs';

const ROOT = join(__dirname, '..', '..');

/** A lab cache (KIT_LAB_CACHE) holding `entries` under rootfs/: names ending in / are folders. */
function cacheWith(entries: string[]): string {
  const cache = mkdtempSync(join(tmpdir(), 'dck-lab-cache-'));
  process.env.KIT_LAB_CACHE = cache;
  const dir = join(cache, 'rootfs');
  mkdirSync(dir);
  for (const entry of entries) {
    if (entry.endsWith('/')) {
      mkdirSync(join(dir, entry, 'etc'), { recursive: true });
      writeFileSync(join(dir, entry, 'etc', 'os-release'), 'x');
    } else {
      writeFileSync(join(dir, entry), '');
    }
  }
  return dir;
}

const BUILDS = [
  'sid-0123456789ab/',
  'sid-ba9876543210.partial/',
  'sid-ba9876543210.partial.log',
  'bookworm-aaaaaaaaaaaa/',
];

describe("removing the lab's root filesystems", () => {
  it('removes every build of every suite and keeps the lock files and what is not the lab’s', async () => {
    const dir = cacheWith([...BUILDS, 'sid.lock', 'notes.txt']);
    const done = await removeRootfsCache(
      () => [],
      () => {},
    );
    assert.deepEqual(done.removed.sort(), BUILDS.map((b) => join(dir, b.replace(/\/$/, ''))).sort());
    assert.deepEqual(done.mounted, []);
    assert.deepEqual(readdirSync(dir).sort(), ['notes.txt', ...SUITES.map((s) => `${s}.lock`)].sort());
  });

  it('removes nothing while a lab engine is up or being brought up', async () => {
    const dir = cacheWith(BUILDS);
    const done = await removeRootfsCache(
      () => ['docker-28.5-ab12'],
      () => {},
    );
    assert.deepEqual(done, { removed: [], up: ['docker-28.5-ab12'], mounted: [] });
    for (const build of BUILDS) assert.ok(existsSync(join(dir, build)), build);
  });

  it("waits for a suite's lock, as a build holds it, and looks for engines only once it has it", async () => {
    const dir = cacheWith(BUILDS);
    const build = spawn('flock', [join(dir, 'sid.lock'), 'sh', '-c', 'echo held; sleep 0.5'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => build.stdout.once('data', resolve));
    const waitedFor: string[] = [];
    let buildRanAtCheck: boolean | undefined;
    const done = await removeRootfsCache(
      () => {
        buildRanAtCheck = build.exitCode === null;
        return [];
      },
      (suite) => waitedFor.push(suite),
    );
    assert.deepEqual(waitedFor, ['sid']);
    assert.equal(buildRanAtCheck, false);
    assert.equal(done.removed.length, BUILDS.length);
  });

  it('keeps a build with something mounted under it (a killed build’s /proc), as root', async (t) => {
    const dir = cacheWith(BUILDS);
    const proc = join(dir, 'sid-ba9876543210.partial', 'proc');
    mkdirSync(proc);
    if (spawnSync('mount', ['-t', 'tmpfs', 'tmpfs', proc]).status !== 0) return t.skip('cannot mount here');
    try {
      const done = await removeRootfsCache(
        () => [],
        () => {},
      );
      assert.deepEqual(done.mounted, [{ path: join(dir, 'sid-ba9876543210.partial'), mounts: [proc] }]);
      assert.equal(done.removed.length, BUILDS.length - 1);
      assert.ok(existsSync(proc));
    } finally {
      spawnSync('umount', [proc]);
    }
  });

  it('finds the mounts under a path', () => {
    assert.ok(mountsUnder(['/proc']).includes('/proc'));
    assert.deepEqual(mountsUnder([join(tmpdir(), 'dck-no-such-dir')]), []);
  });
});

describe('commands run through runCommand', () => {
  /** Runs a runner script; `env` is added to ours, an undefined value removes the variable. */
  const run = (script: string, args: string[], env: Record<string, string | undefined> = {}) =>
    spawnSync(
      process.execPath,
      ['--require', 'ts-node/register', join(ROOT, 'support', 'runner', script), ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, ...env },
      },
    );

  /** The result is exit 2 and one line starting with `problem`. */
  const refused = (result: ReturnType<typeof run>, problem: string) => {
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.ok(result.stderr.startsWith(`docker-conformance-kit: ${problem}`), result.stderr);
  };

  it('refuse bad input in one line, exit 2: clean (async) and compare (sync)', () => {
    refused(run('clean.ts', ['everything']), 'Clean takes "images", "lab" or nothing, not "everything".');
    refused(run('compare.ts', []), 'Compare takes two conformance.json files.');
  });

  it('clean: an engine the user named that does not answer is an error, not nothing to clean', () => {
    const socket = join(tmpdir(), 'dck-no-engine.sock');
    refused(
      run('clean.ts', ['images'], { DOCKER_HOST: `unix://${socket}` }),
      `No container engine answers at unix://${socket}`,
    );
    refused(
      run('clean.ts', ['images'], { DOCKER_CONTEXT: 'dck-no-such-context' }),
      'The docker context "dck-no-such-context"',
    );
  });
});
