import { accessSync, constants, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineFingerprint } from '../engine/fingerprint';

/** Where the engine keeps its layers on this machine, or why the kit cannot look there. */
export type StorageInfo = { path: string } | { unavailable: string };

/**
 * The engine's data root, where its layer storage is (overlay2, the containerd snapshotter,
 * Podman's graph root), when the engine is on this machine and the kit may read it. Looking
 * is read-only.
 */
export function engineStorage(engine: EngineFingerprint): StorageInfo {
  if (!engine.sameMachine) {
    return {
      unavailable: `the engine's storage is not on this machine (${engine.local ? 'unknown' : engine.notLocal})`,
    };
  }
  const path = engine.dataRoot;
  try {
    accessSync(path, constants.R_OK | constants.X_OK);
    readdirSync(path);
    return { path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return {
      unavailable: `the engine's layer storage ${path} cannot be read here (${code}); run as root on the engine's host`,
    };
  }
}

/**
 * Bytes on disk under `paths` together (allocated blocks, as `du` counts them), each file
 * counted once however many hard links it has. Symbolic links are not followed.
 */
export function diskUsage(paths: string | string[]): number {
  const seen = new Set<string>();
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(full);
      } catch {
        continue; // removed while we walked: a build's temporary files
      }
      const key = `${stat.dev}:${stat.ino}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total += stat.blocks * 512;
      if (entry.isDirectory()) {
        try {
          walk(full);
        } catch {
          // a directory removed while we walked
        }
      }
    }
  };
  for (const path of typeof paths === 'string' ? [paths] : paths) walk(path);
  return total;
}
