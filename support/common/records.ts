import type { ObservedFrom, Reason } from './reasons';

/** The media type of a scenario's records among its attachments: what the reports read, never its text. */
export const RECORD_MEDIA_TYPE = 'application/vnd.docker-conformance-kit.record+json';

/**
 * A record a scenario attaches as data, beside its transcript's text:
 * - `look`: a look at the engine's host or a published port, where it was made from, and the
 *   command on the engine's host where that differs;
 * - `your-machine`: what this machine saw of a published port, across a boundary;
 * - `skipped`: why it did not run here (what it needs is missing), `not-run`: why it was not
 *   run at all (the engine went away);
 * - `not-verified`: why a step could not look where the claim is about;
 * - `violation`: the claim seen not to hold: what was expected, what was seen, how to see it again.
 */
export type ScenarioRecord =
  | { kind: 'look'; command: string; observedFrom: ObservedFrom; onEngineHost?: string }
  | { kind: 'your-machine'; url: string; answered: boolean; answer: string }
  | { kind: 'skipped'; why: Reason }
  | { kind: 'not-run'; why: Reason }
  | { kind: 'not-verified'; why: Reason }
  | { kind: 'violation'; claim: string; expected: string; seen: string; reproduce?: string };

/** The records among a step's attachments. */
export function recordsIn(attachments: readonly { mediaType: string; body: string }[]): ScenarioRecord[] {
  return attachments
    .filter((a) => a.mediaType === RECORD_MEDIA_TYPE)
    .map((a) => JSON.parse(a.body) as ScenarioRecord);
}
