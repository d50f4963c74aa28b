import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Reason } from '../common/reasons';
import type { EngineFingerprint } from '../engine/fingerprint';
import { BoltFile, uvarint } from './bolt';
import type { HostAccess } from './host-access';

/** How the storage readers read the engine host's files: on this machine, or through the kit's helper container. */
export type HostFiles = Pick<HostAccess, 'readFile' | 'exists' | 'listable'>;

/**
 * How the kit finds an image's layer directories in one engine's storage, each from the
 * storage's own records, never from what the engine says of them:
 * - `overlay-mounts`: a container's root is an overlay mount, whose lowerdir (the kernel's
 *   mount table) names its image's layers: the containerd store's overlayfs snapshotter;
 * - `docker-layerdb`: Docker's classic store, whatever its driver: `image/DRIVER/layerdb/
 *   sha256/CHAIN-ID/cache-id` names each layer's directory (overlay2, fuse-overlayfs, vfs);
 * - `containers-storage`: Podman's, `DRIVER-images/images.json` and `DRIVER-layers/layers.json`
 *   (each image's top layer, each layer's parent), for overlay (kernel or fuse-overlayfs) and vfs;
 * - `containerd-native`: the containerd store's native snapshotter, whose metadata.db (a bolt
 *   database) names each layer's snapshot by its chain ID.
 */
export type LayerLayout = 'overlay-mounts' | 'docker-layerdb' | 'containers-storage' | 'containerd-native';

/** Where the engine keeps its layers on this machine and how to read them, or why the kit cannot. */
export type StorageInfo = { path: string; driver: string; layout: LayerLayout } | { unavailable: Reason };

/** The storage drivers each image store is read for, with the layout that reads them. */
const LAYOUTS: Record<EngineFingerprint['imageStore'], Record<string, LayerLayout>> = {
  classic: { overlay2: 'docker-layerdb', 'fuse-overlayfs': 'docker-layerdb', vfs: 'docker-layerdb' },
  containerd: { overlayfs: 'overlay-mounts', native: 'containerd-native' },
  'containers/storage': { overlay: 'containers-storage', vfs: 'containers-storage' },
};

/**
 * The engine's data root, where its layer storage is (overlay2, the containerd snapshotter,
 * Podman's graph root), and the layout its driver keeps there, when the kit can read the
 * engine's host (`host`: on this machine or through its helper; a string says why it cannot)
 * and knows its driver. Looking is read-only.
 */
export async function engineStorage(
  engine: EngineFingerprint,
  host: HostFiles | Reason,
): Promise<StorageInfo> {
  if ('code' in host) return { unavailable: { code: 'storage-unreadable', why: host } };
  const driver = engine.storageDriver;
  const layout = LAYOUTS[engine.imageStore]?.[driver];
  if (!layout) {
    const known = Object.keys(LAYOUTS[engine.imageStore] ?? {});
    return { unavailable: { code: 'storage-driver-unknown', driver, imageStore: engine.imageStore, known } };
  }
  const path = engine.dataRoot;
  if (await host.listable(path)) return { path, driver, layout };
  return { unavailable: { code: 'storage-needs-root', path } };
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

/**
 * The chain IDs of an image's layers from their diff IDs (RootFS.Layers), as Docker's layer
 * store names them: the first is its diff ID, each next the digest of "PARENT DIFF-ID".
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const diff of diffIds) {
    const parent = chain.at(-1);
    chain.push(parent ? `sha256:${createHash('sha256').update(`${parent} ${diff}`).digest('hex')}` : diff);
  }
  return chain;
}

/** Where Docker's classic store keeps the files of the layer whose directory is `cacheId`, per driver. */
function classicLayerDir(root: string, driver: string, cacheId: string): string {
  return driver === 'vfs' ? join(root, 'vfs', 'dir', cacheId) : join(root, driver, cacheId, 'diff');
}

/**
 * The directories of an image's layers in Docker's classic store, base first: each layer's
 * cache-id in the layer database, under the driver's own folder.
 */
export async function dockerLayerDirs(
  files: HostFiles,
  root: string,
  driver: string,
  diffIds: readonly string[],
): Promise<string[]> {
  const dirs: string[] = [];
  for (const chain of chainIds(diffIds)) {
    const file = join(root, 'image', driver, 'layerdb', 'sha256', chain.replace(/^sha256:/, ''), 'cache-id');
    if (!(await files.exists(file)))
      throw new Error(`the layer database has no layer ${chain}: ${file} is not there`);
    dirs.push(classicLayerDir(root, driver, (await files.readFile(file)).toString('utf8').trim()));
  }
  return dirs;
}

interface StoredImage {
  id: string;
  layer?: string;
}
interface StoredLayer {
  id: string;
  parent?: string;
}

async function readRecords<T>(files: HostFiles, file: string): Promise<T[]> {
  if (!(await files.exists(file))) throw new Error(`the storage has no ${file}`);
  const records = JSON.parse((await files.readFile(file)).toString('utf8')) as unknown;
  if (!Array.isArray(records)) throw new Error(`${file} is not a list of records`);
  return records as T[];
}

/**
 * The directories of an image's layers in containers/storage (Podman's), top first: the
 * image's top layer in images.json, then each layer's parent in layers.json.
 */
export async function containersStorageLayerDirs(
  files: HostFiles,
  root: string,
  driver: string,
  imageId: string,
): Promise<string[]> {
  const id = imageId.replace(/^sha256:/, '');
  const image = (await readRecords<StoredImage>(files, join(root, `${driver}-images`, 'images.json'))).find(
    (i) => i.id === id,
  );
  if (!image?.layer) throw new Error(`${driver}-images/images.json has no image ${id} with a layer`);
  const layers = new Map(
    (await readRecords<StoredLayer>(files, join(root, `${driver}-layers`, 'layers.json'))).map((l) => [
      l.id,
      l,
    ]),
  );
  const dirs: string[] = [];
  for (
    let layer = layers.get(image.layer);
    layer;
    layer = layer.parent ? layers.get(layer.parent) : undefined
  ) {
    dirs.push(driver === 'vfs' ? join(root, 'vfs', 'dir', layer.id) : join(root, driver, layer.id, 'diff'));
    if (dirs.length > 500) throw new Error(`the layers of ${id} in layers.json do not end`);
  }
  return dirs;
}

/**
 * The directories of an image's layers in the containerd store's native snapshotter, base
 * first: each layer's committed snapshot is named `NAMESPACE/N/CHAIN-ID` in the snapshotter's
 * metadata.db, with the ID of its directory under snapshots/.
 */
export async function nativeSnapshotDirs(
  files: HostFiles,
  dataRoot: string,
  diffIds: readonly string[],
): Promise<string[]> {
  const root = join(dataRoot, 'containerd', 'daemon', 'io.containerd.snapshotter.v1.native');
  const file = join(root, 'metadata.db');
  const db = new BoltFile(await files.readFile(file), file);
  const names = [...db.entries(['v1', 'snapshots']).keys()];
  return chainIds(diffIds).map((chain) => {
    const name = names.find((n) => n.endsWith(`/${chain}`));
    if (!name) throw new Error(`the native snapshotter's metadata.db has no snapshot of layer ${chain}`);
    const id = db.entries(['v1', 'snapshots', name]).get('id');
    if (!id) throw new Error(`the snapshot ${name} in metadata.db has no id`);
    return join(root, 'snapshots', String(uvarint(id)));
  });
}
