import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A process of the host, as /proc shows it. */
export interface HostProcess {
  pid: number;
  ppid: number;
  /** `mnt:[4026532247]`, `net:[4026532178]`. */
  mntNs: string;
  netNs: string;
  command: string;
}

/** Every process /proc lists now (those that end while it is read are left out). */
function hostProcesses(): HostProcess[] {
  const found: HostProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        mntNs: readlinkSync(`/proc/${entry}/ns/mnt`),
        netNs: readlinkSync(`/proc/${entry}/ns/net`),
        command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim(),
      });
    } catch {
      // ended while we looked
    }
  }
  return found;
}

/** What ties a process to a lab engine: its namespaces, or the engine's first process. */
export interface EngineTies {
  pid?: number;
  mntNs?: string;
  netNs?: string;
}

/**
 * The processes of an engine: those in its mount or network namespace or the process it
 * started as, and every descendant of theirs (a container's processes live in namespaces of
 * their own, but descend from the engine's shim or conmon).
 */
export function engineProcesses(ties: EngineTies): HostProcess[] {
  const all = hostProcesses();
  const members = new Set(
    all
      .filter(
        (p) =>
          p.pid === ties.pid ||
          (ties.mntNs !== undefined && p.mntNs === ties.mntNs) ||
          (ties.netNs !== undefined && p.netNs === ties.netNs),
      )
      .map((p) => p.pid),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!members.has(p.pid) && members.has(p.ppid)) {
        members.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => members.has(p.pid) && p.pid !== process.pid);
}

/** Whether a process is alive (a zombie of ours counts as gone). */
export function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
