import { COMMAND_EXIT } from '../common/exit';
import type { ScenarioRecord } from '../common/records';
import type { Needs, Ran } from '../host/host-access';

export { commandLine } from '../common/shell';

/** One action on the engine, as a learner could type it. */
export interface TranscriptEntry {
  /** The command line: `docker …`, `curl …`, `iptables …`. */
  command: string;
  /**
   * `cli`: this very command ran (the real docker CLI, a tool of the host's such as iptables,
   * or a `docker exec` the kit made through the Engine API exactly as shown). `api`: the kit
   * called the Engine API and this is the equivalent command. `host`: the kit acted from its
   * own process on this machine (a request, a socket, a file it read) and this is the
   * equivalent command. `address`: the kit asked from its own process at the engine's address.
   */
  via: 'cli' | 'api' | 'host' | 'address';
  exitCode: number;
  stdout: string;
  stderr: string;
  /** For a look at the engine's host or a published port: what it really did (see host/host-access.ts). */
  ran?: Ran;
}

/**
 * Where transcripts go: the scenario's report, as text under a short title, and each look's
 * record as data (`RECORD_MEDIA_TYPE`), which the reports read instead of the text.
 */
export interface TranscriptSink {
  text(text: string, title: string): void;
  record(record: TranscriptRecord): void;
}

export { RECORD_MEDIA_TYPE } from '../common/records';
/** A record a transcript attaches: a look (at the engine's host, a published port), or what your machine saw of a published port. */
export type TranscriptRecord = Extract<ScenarioRecord, { kind: 'look' | 'your-machine' }>;

/** Collects a scenario's transcript and forwards each entry to its report as it happens. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  /** The containers this transcript has shown started, by name (the helper: once, before its first exec). */
  private readonly started = new Set<string>();

  constructor(private readonly sink: TranscriptSink) {}

  record(entry: TranscriptEntry): void {
    const needs = entry.ran?.needs;
    if (needs && !this.started.has(needs.name)) {
      // Shown, not kept among the entries: a reproduction starts it its own way (reproductionOf).
      this.started.add(needs.name);
      const start: TranscriptEntry = {
        command: needs.startedAs,
        via: 'api',
        exitCode: COMMAND_EXIT.success,
        stdout: `${needs.name}: started when the run began, removed when it ends`,
        stderr: '',
      };
      this.sink.text(formatEntry(start), titleOf(start.command));
    }
    this.entries.push(entry);
    this.sink.text(formatEntry(entry), titleOf(entry.command));
    const { ran } = entry;
    if (ran)
      this.sink.record({
        kind: 'look',
        command: ran.command,
        observedFrom: ran.observedFrom,
        ...(ran.onEngineHost && ran.onEngineHost !== ran.command ? { onEngineHost: ran.onEngineHost } : {}),
      });
  }

  /** Records a note that is not a command (what was measured, why a value was chosen). */
  note(text: string): void {
    this.sink.text(`# ${text}`, 'note');
  }

  /** Records what your machine saw of a published port: a note for the reader, a record for the reports. */
  yourMachine(url: string, answered: boolean, answer: string): void {
    this.note(
      `your machine: ${url} ${answered ? 'answers too (something forwards the port here)' : `does not answer (${answer}): nothing forwards the engine host's port to this machine`}`,
    );
    this.sink.record({ kind: 'your-machine', url, answered, answer });
  }
}

const MAX_OUTPUT = 4000;

const EQUIVALENT_NOTE: Record<TranscriptEntry['via'], string> = {
  cli: '',
  api: '   # equivalent: the kit made this call through the Engine API',
  host: '   # equivalent: the kit did this from its own process on this machine',
  address: "   # equivalent: the kit asked this from its own process, at the engine's address",
};

/** What an entry's first line says of how it ran: nothing for a command that ran as shown. */
function howItRan(entry: TranscriptEntry): string {
  if (entry.ran?.exact && entry.ran.observedFrom === 'helper')
    return "   # the kit ran this through the Engine API: an exec in its helper container, in the engine host's namespaces";
  return entry.ran?.exact ? '' : EQUIVALENT_NOTE[entry.via];
}

/** The entry as shown in reports: the command, the same on the engine's host where it differs, then exit code and output. */
export function formatEntry(entry: TranscriptEntry): string {
  const lines = [`$ ${entry.command}${howItRan(entry)}`];
  const onHost = entry.ran?.onEngineHost;
  if (onHost && onHost !== entry.command) lines.push(`# on the engine's host, the same is: ${onHost}`);
  lines.push(`exit code: ${entry.exitCode}`);
  if (entry.stdout.trim()) lines.push(`stdout:\n${clip(entry.stdout)}`);
  if (entry.stderr.trim()) lines.push(`stderr:\n${clip(entry.stderr)}`);
  return lines.join('\n');
}

/**
 * The commands of `entries` as a reader re-runs them from where they stand, after the run:
 * first starting what they need where it is not running (the helper, which the run removed),
 * then each command without the kit's bookkeeping labels.
 */
export function reproductionOf(entries: readonly TranscriptEntry[]): string {
  const needed = new Map<string, Needs>();
  for (const entry of entries) {
    const needs = entry.ran?.needs;
    if (needs) needed.set(needs.name, needs);
  }
  const starts = [...needed.values()].map(
    (n) => `{ docker start ${n.name} >/dev/null 2>&1 || ${n.start} >/dev/null; }`,
  );
  // A transcript's annotations (`   # before`) would comment out the commands after them.
  const commands = entries.map((entry) =>
    withoutKitLabels(entry.command.split('\n')[0] ?? '').replace(/\s{2,}# .*$/, ''),
  );
  return [...starts, ...commands].join(' ; ');
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
