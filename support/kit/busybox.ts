import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { pack } from 'tar-stream';

export interface StaticBusybox {
  path: string;
  digest: string;
}

const CANDIDATES = ['/bin/busybox', '/usr/bin/busybox', '/usr/local/bin/busybox'];

/** A statically linked busybox on this host (KIT_BUSYBOX, else the usual places), or undefined. */
export function findStaticBusybox(): StaticBusybox | undefined {
  const paths = process.env.KIT_BUSYBOX ? [process.env.KIT_BUSYBOX] : CANDIDATES;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    if (isStaticElf(bytes)) return { path, digest: createHash('sha256').update(bytes).digest('hex') };
  }
  return undefined;
}

/** Whether an ELF executable has no program interpreter, i.e. needs no shared libraries. */
export function isStaticElf(bytes: Buffer): boolean {
  if (bytes.length < 64 || bytes.toString('latin1', 0, 4) !== '\x7fELF') return false;
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const phoff = is64 ? Number(little ? bytes.readBigUInt64LE(32) : bytes.readBigUInt64BE(32)) : u32(28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const PT_INTERP = 3;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return false;
    if (u32(at) === PT_INTERP) return false;
  }
  return true;
}

/**
 * A root filesystem holding only busybox and its applet links, as a tar stream for
 * `docker import`: the smallest base that has sh, httpd, nc, nslookup, wget and ip.
 */
export function baseTarFromBusybox(path: string): NodeJS.ReadableStream {
  const applets = execFileSync(path, ['--list-full'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const tar = pack();
  const dirs = new Set(['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'etc', 'root', 'tmp', 'var', 'var/www']);
  for (const dir of dirs) tar.entry({ name: dir, type: 'directory', mode: dir === 'tmp' ? 0o1777 : 0o755 });
  tar.entry({ name: 'bin/busybox', mode: 0o755 }, readFileSync(path));
  tar.entry(
    { name: 'etc/passwd', mode: 0o644 },
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
  );
  tar.entry({ name: 'etc/group', mode: 0o644 }, 'root:x:0:\nnogroup:x:65534:\n');
  for (const applet of applets) {
    if (applet === 'bin/busybox' || !dirs.has(applet.split('/').slice(0, -1).join('/'))) continue;
    tar.entry({ name: applet, type: 'symlink', linkname: '/bin/busybox' });
  }
  tar.finalize();
  return tar as unknown as NodeJS.ReadableStream;
}
