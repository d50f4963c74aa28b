import { literally } from '../../common/pattern';
import { DETAIL } from '../conformance';
import { esc, inEnglish, inlineMarkdown } from '../html';
import type { Lang } from './lang';

/**
 * A verdict's detail as a page in `lang` shows it. The detail is the run's record, in
 * English: the kit's own frame ("2 scenario(s) passed, 1 skipped: …", "what really happens:
 * …", "Your machine: …", written by reports/conformance.ts) around what a scenario or the
 * engine said. In Portuguese the frame is translated, the refinement is the catalog's
 * Portuguese (`refinement`), and what was said stays as recorded, marked `lang="en"`.
 * A detail in no known frame is shown whole as recorded.
 */
export function detailHtml(detail: string, lang: Lang, refinement?: string): string {
  if (lang === 'en') return esc(detail);
  return portuguese(detail, refinement);
}

const asRecorded = (text: string) => inEnglish('pt-BR', esc(text));
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const SCENARIOS_ENDED: Record<string, [string, string]> = {
  skipped: ['pulado', 'pulados'],
  'not run': ['não rodou', 'não rodaram'],
};

/** The whole-sentence details the kit writes itself, as plain text in `lang`; any other as recorded. */
export function detailText(detail: string, lang: Lang): string {
  if (lang === 'en') return detail;
  return WHOLE[detail] ?? detail;
}

const WHOLE: Record<string, string> = {
  [DETAIL.notSelected]: 'os cenários não foram selecionados nesta execução',
  [DETAIL.notCovered]: 'nenhum cenário tem a tag desta afirmação ainda',
};
const REFINED = new RegExp(
  `^${literally(DETAIL.refined)}([\\s\\S]*) \\((\\d+${literally(DETAIL.passed)}[\\s\\S]*)\\)$`,
);
const PASSED = new RegExp(
  `^(\\d+)${literally(DETAIL.passed)}(?:, (\\d+) (skipped|not run): ([\\s\\S]*?))?(?:${literally(DETAIL.yourMachine)}([\\s\\S]*))?$`,
);

function portuguese(detail: string, refinement?: string): string {
  const refined = REFINED.exec(detail);
  if (refined) {
    const what = refinement ? inlineMarkdown(refinement) : asRecorded(refined[1] ?? '');
    return `o que acontece de fato: ${what} (${portuguese(refined[2] ?? '')})`;
  }
  const passed = PASSED.exec(detail);
  if (passed) {
    const [, n = '0', k, ended = '', why = '', mine] = passed;
    const [one, many] = SCENARIOS_ENDED[ended] ?? [ended, ended];
    return [
      count(Number(n), 'cenário passou', 'cenários passaram'),
      k ? `, ${count(Number(k), one, many)}: ${asRecorded(why)}` : '',
      mine !== undefined ? `; no host do engine. Na sua máquina: ${asRecorded(mine)}` : '',
    ].join('');
  }
  if (detail.startsWith(DETAIL.notVerified))
    return `não verificada: ${asRecorded(detail.slice(DETAIL.notVerified.length))}`;
  const whole = WHOLE[detail];
  return whole ? esc(whole) : asRecorded(detail);
}
