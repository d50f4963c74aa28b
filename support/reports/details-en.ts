import { sayReason } from '../common/reasons-en';
import { PLAIN, type Voice } from '../common/voice';
import type { ClaimDetail, YourMachineSeen } from './details';

type Sayings = {
  [C in ClaimDetail['code']]: (detail: Extract<ClaimDetail, { code: C }>, v: Voice) => string;
};

const where = (step: string | undefined, v: Voice) => (step ? `step "${v.said(step)}"` : 'a hook');
const scenarios = (n: number) => `${n} scenario${n === 1 ? '' : 's'}`;

/** What your machine saw of a published port, in English. */
export const yourMachineEn = (seen: YourMachineSeen, v: Voice) =>
  `${v.code(seen.url)} ${seen.answered ? 'answers too (something forwards the port here)' : `does not answer (${v.said(seen.answer)}): nothing forwards the engine host's port to this machine`}`;

/** Each detail in English. The words of others go through the voice; the kit's own hold no markup. */
export const DETAILS_EN: Sayings = {
  passed: () => '',
  violated: (d, v) =>
    `${where(d.step, v)}: ${v.text(d.claim)}: expected ${v.said(d.expected)}; but saw ${v.said(d.seen)}${d.reproduce ? `; reproduce: ${v.code(d.reproduce)}` : ''}`,
  'step-failed': (d, v) => `${where(d.step, v)}: ${v.said(d.message)}`,
  'harness-error': (d, v) => {
    const what =
      d.status === 'FAILED'
        ? `${v.said(d.exception ?? 'error')}: ${v.said(d.message ?? '')}`
        : `${v.text(d.status.toLowerCase())} step`;
    return `harness error in ${where(d.step, v)}: ${what}${d.after ? ` (after the claim failed: ${sayDetailEn(d.after, v)})` : ''}`;
  },
  'not-verified': (d, v) => `not verified: in ${where(d.step, v)}, ${sayReason(d.why, v)}`,
  skipped: (d, v) => (d.why ? sayReason(d.why, v) : 'skipped'),
  'not-run': (d, v) => sayReason(d.why, v),
  flaky: (d, v) =>
    `passed on attempt ${v.text(d.attempts)} of ${v.text(d.attempts)}; attempt ${v.text(d.attempt)} ${d.ended === 'error' ? 'broke' : 'failed'}: ${sayDetailEn(d.earlier, v)}`,
  'not-selected': () => 'its scenarios were not selected in this run',
  'not-covered': () => 'no scenario is tagged with this claim yet',
  held: (d, v) =>
    [
      `${scenarios(d.passed)} passed`,
      d.others
        ? `, ${v.text(d.others.count)} ${v.text(d.others.outcome)}: ${sayDetailEn(d.others.detail, v)}`
        : '',
      d.yourMachine ? `; on the engine's host. Your machine: ${yourMachineEn(d.yourMachine, v)}` : '',
    ].join(''),
  'in-scenario': (d, v) => `${v.said(d.scenario)}: ${sayDetailEn(d.detail, v)}`,
  'attempts-alike': (d, v) => {
    const said = sayDetailEn(d.detail, v);
    const note = `(alike in ${v.text(d.alike)} of ${v.text(d.of)} attempts)`;
    return said ? `${said} ${note}` : note;
  },
  'attempts-disagree': (d, v) =>
    `the attempts disagree: ${d.attempts
      .map((a, i) => {
        const said =
          a.detail && a.outcome !== 'passed' && a.outcome !== 'refined' ? sayDetailEn(a.detail, v) : '';
        return `attempt ${i + 1}: ${v.text(a.outcome)}${said ? ` (${said})` : ''}`;
      })
      .join('; ')}`,
  'engine-did-not-run': (d, v) => (d.said ? v.said(d.said) : v.text(d.status)),
  recorded: (d, v) => v.said(d.text),
};

/** A detail in English; a refined claim's says what really happens first (`refinement`, already as the voice writes it). */
export function sayDetailEn(detail: ClaimDetail, v: Voice = PLAIN, refinement?: string): string {
  const say = DETAILS_EN[detail.code] as (d: ClaimDetail, v: Voice) => string;
  const said = say(detail, v);
  return refinement ? `what really happens: ${refinement} (${said})` : said;
}
