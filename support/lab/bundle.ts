import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { SetupError } from '../common/errors';
import { succeeded } from '../common/exit';
import { labCache } from './rootfs';

/** What a release bundle's folder must hold for the lab to run it. */
const NEEDED = ['dockerd', 'docker'];

/**
 * The folder of a Docker release bundle's binaries (`docker/` of Docker's static downloads):
 * a folder as it is, or an archive unpacked once into the lab's cache, named by its content's
 * hash. A bundle that is not there, does not unpack or lacks dockerd or docker is refused in one line.
 */
export async function ensureBundle(path: string): Promise<string> {
  if (!existsSync(path)) throw refuse(path, 'is not there');
  if (statSync(path).isDirectory()) return binariesIn(path);
  const hash = await sha256(path);
  const dest = join(labCache(), 'bundles', hash.slice(0, 16));
  if (!existsSync(dest)) {
    const partial = `${dest}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const unpacked = await execa('tar', ['-xf', path, '-C', partial], { reject: false, stdin: 'ignore' });
    if (!succeeded(unpacked)) {
      rmSync(partial, { recursive: true, force: true });
      throw refuse(path, `does not unpack (${unpacked.stderr.split('\n')[0]})`);
    }
    // Another bring-up may have unpacked the same bundle meanwhile: theirs is as good.
    if (existsSync(dest)) rmSync(partial, { recursive: true, force: true });
    else renameSync(partial, dest);
  }
  return binariesIn(dest, path);
}

/** `dir/docker` (the download's layout) or `dir` itself, whichever holds dockerd and docker. */
function binariesIn(dir: string, shownAs = dir): string {
  for (const candidate of [join(dir, 'docker'), dir]) {
    if (NEEDED.every((name) => existsSync(join(candidate, name)))) return candidate;
  }
  throw refuse(shownAs, 'holds no docker/dockerd and docker/docker');
}

function refuse(path: string, what: string): SetupError {
  return new SetupError(
    `The Docker release bundle ${path} ${what}.`,
    "Name a docker-X.Y.Z.tgz of Docker's static downloads, or a folder holding its docker/ folder.",
  );
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
