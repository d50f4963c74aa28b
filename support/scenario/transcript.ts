import type { ObservedFrom } from '../host/host-access';

export { commandLine } from '../common/shell';

/** One action on the engine, as a learner could type it. */
export interface TranscriptEntry {
  /** The command line: `docker …`, `curl …`, `iptables …`. */
  command: string;
  /**
   * `cli`: this very command ran (the real docker CLI, or a tool of the host's such as
   * iptables). `api`: the kit called the Engine API and this is the equivalent command.
   * `host`: the kit acted from its own process on the host (a request, a socket, a file it
   * read) and this is the equivalent command. `helper`: the kit did so on the engine's host,
   * through its helper container (see run/standpoint.ts). `address`: the kit asked from its
   * own process at the engine's address (its published ports over tcp:// or ssh://).
   */
  via: 'cli' | 'api' | 'host' | 'helper' | 'address';
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Where transcripts go: the scenario's report, as text under a short title. */
export type TranscriptSink = (text: string, title: string) => void;

/** Collects a scenario's transcript and forwards each entry to its report as it happens. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  constructor(private readonly sink: TranscriptSink) {}

  record(entry: TranscriptEntry): void {
    this.entries.push(entry);
    this.sink(formatEntry(entry), titleOf(entry.command));
  }

  /** Records a note that is not a command (what was measured, why a value was chosen). */
  note(text: string): void {
    this.sink(`# ${text}`, 'note');
  }
}

const MAX_OUTPUT = 4000;

const EQUIVALENT_NOTE: Record<TranscriptEntry['via'], string> = {
  cli: '',
  api: '   # equivalent: the kit made this call through the Engine API',
  host: '   # equivalent: the kit did this from its own process on the host',
  helper: "   # equivalent: the kit did this on the engine's host, through its helper container",
  address: "   # equivalent: the kit asked this from its own process, at the engine's address",
};

/** How the transcript's note of what this machine saw of a published port begins (see ports.ts). */
export const YOUR_MACHINE = '# your machine: ';

/** Where each kind of entry observed from, as reports say it: the host's looks, not the engine's answers. */
const OBSERVED_FROM: Partial<Record<TranscriptEntry['via'], ObservedFrom>> = {
  host: 'this machine',
  helper: "the engine's host, through the kit's helper container",
  address: "the engine's address",
};

/** A look at the host in a formatted entry (see formatEntry): its command and where it was made from; undefined for anything else. */
export function observationIn(
  formatted: string,
): { command: string; observedFrom: ObservedFrom } | undefined {
  const first = formatted.split('\n')[0] ?? '';
  if (!first.startsWith('$ ')) return undefined;
  for (const [via, observedFrom] of Object.entries(OBSERVED_FROM) as [
    TranscriptEntry['via'],
    ObservedFrom,
  ][]) {
    const note = EQUIVALENT_NOTE[via];
    if (first.endsWith(note)) return { command: first.slice(2, first.length - note.length), observedFrom };
  }
  return undefined;
}

/** The entry as shown in reports: the command, then exit code and output. */
export function formatEntry(entry: TranscriptEntry): string {
  const how = EQUIVALENT_NOTE[entry.via];
  const lines = [`$ ${entry.command}${how}`, `exit code: ${entry.exitCode}`];
  if (entry.stdout.trim()) lines.push(`stdout:\n${clip(entry.stdout)}`);
  if (entry.stderr.trim()) lines.push(`stderr:\n${clip(entry.stderr)}`);
  return lines.join('\n');
}

/**
 * A title for an entry, for reports that list attachments by name (Allure): the program and,
 * for docker, its subcommand — `docker run`, `docker image history`, `curl`.
 */
export function titleOf(command: string): string {
  const words = command.split(' ');
  const program = words[0] ?? command;
  if (program !== 'docker') return `$ ${program}`;
  const subcommand = words.slice(1).findIndex((word) => word.startsWith('-') || !/^[a-z]+$/.test(word));
  const end = subcommand === -1 ? words.length : subcommand + 1;
  return `$ ${words.slice(0, Math.min(end, 3)).join(' ')}`;
}

function clip(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  return trimmed.length > MAX_OUTPUT
    ? `${trimmed.slice(0, MAX_OUTPUT)}\n… (${trimmed.length - MAX_OUTPUT} more characters)`
    : trimmed;
}

// The kit's bookkeeping labels are not needed to reproduce anything.
const KIT_LABEL_ARGS = / --label docker-conformance-kit\.[a-z]+=\S+/g;

/** A command line as a reader would re-run it: without the kit's bookkeeping labels. */
export function withoutKitLabels(command: string): string {
  return command.replace(KIT_LABEL_ARGS, '');
}
