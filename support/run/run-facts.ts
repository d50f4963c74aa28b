import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The kit's version (package.json) and the commit it was run from (`+dirty` with changes not committed), or its package was built from. */
export function kitVersion(root: string): { version: string; commit: string } {
  const { version, kitCommit } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    kitCommit?: string;
  };
  // The installed kit: the commit its package was built from (scripts/build-package).
  if (kitCommit) return { version, commit: kitCommit };
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return {
      version,
      commit: `${git('rev-parse', '--short=12', 'HEAD')}${git('status', '--porcelain') ? '+dirty' : ''}`,
    };
  } catch {
    return { version, commit: 'unknown (not a git checkout)' };
  }
}
