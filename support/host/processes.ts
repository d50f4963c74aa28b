import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The command line of host process `pid` (arguments joined by spaces), or undefined when there is none. */
export function commandLineOf(pid: number): string | undefined {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return undefined;
  return readFileSync(file).toString().split('\0').filter(Boolean).join(' ');
}

/** Sends `signal` to host process `pid` directly, as `kill` would. */
export function signalProcess(pid: number, signal: string): void {
  process.kill(pid, signal as NodeJS.Signals);
}

/**
 * The host PID of the process a container's engine knows as `enginePid`: the process whose
 * NSpid (its PID in each PID namespace it is in, outermost first) holds `enginePid` below the
 * host's, and whose environment holds `mark` (the variable the kit gave the container, never
 * its hostname, which is the engine's to choose). A rootless engine may run in a PID namespace
 * of its own, so the PID it reports is not the host's.
 */
export function hostPidOf(enginePid: number, mark: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const nspid =
        /^NSpid:\s+(.*)$/m
          .exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]
          ?.split(/\s+/)
          .map(Number) ?? [];
      if (!nspid.includes(enginePid)) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(mark)) return Number(entry);
    } catch {
      // ended while we looked
    }
  }
  return undefined;
}
