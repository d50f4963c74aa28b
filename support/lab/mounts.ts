import { readFileSync } from 'node:fs';

/** Host mounts at or under any of `paths`, deepest first (the order to unmount them in). */
export function mountsUnder(paths: readonly string[]): string[] {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter(Boolean);
  return mounts.filter((m) => paths.some((p) => m === p || m.startsWith(`${p}/`))).reverse();
}
