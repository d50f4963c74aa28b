import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type LabEngine, readInside, writeInside } from '../lab-engine';

/** An ordinary user a rootless engine runs as, inside its root filesystem, and the IDs it maps. */
export interface RootlessUser {
  name: string;
  uid: number;
  /** Its subordinate ID range, `START:COUNT`. */
  subordinate: string;
}

/**
 * Makes `user` in the engine's root filesystem (its own passwd, group, subuid and subgid files,
 * in the engine's writable layer, not the host's), gives it a home and the shared socket folder
 * as its XDG_RUNTIME_DIR (with no logind, a folder it owns, mode 700, or every container fails),
 * points DOCKER_HOST at `socket` there, and returns the command prefix that runs as it.
 */
export function asRootlessUser(engine: LabEngine, user: RootlessUser, socket: string): string[] {
  const { name, uid, subordinate } = user;
  const append = (file: string, line: string) =>
    writeInside(engine, `/etc/${file}`, `${readInside(engine, `etc/${file}`).trimEnd()}\n${line}\n`);
  append('passwd', `${name}:x:${uid}:${uid}::/home/${name}:/bin/sh`);
  append('group', `${name}:x:${uid}:`);
  append('subuid', `${name}:${subordinate}`);
  append('subgid', `${name}:${subordinate}`);
  const home = join(engine.runDir, 'upper', 'home', name);
  const runtimeDir = join(engine.runDir, 'sock');
  mkdirSync(home, { recursive: true });
  for (const dir of [home, runtimeDir, engine.dataDir]) chownSync(dir, uid, uid);
  chmodSync(runtimeDir, 0o700);
  engine.env.DOCKER_HOST = `unix://${join(runtimeDir, socket)}`;
  // slirp4netns and pasta open /dev/net/tun as the user.
  engine.openTun = true;
  return [
    'setpriv',
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    'env',
    `HOME=/home/${name}`,
    `USER=${name}`,
    `XDG_RUNTIME_DIR=${runtimeDir}`,
    'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
  ];
}
