import { PLAIN, type Voice } from '../../common/voice';
import type { ClaimDetail } from '../details';
import { sayDetailEn } from '../details-en';
import { esc, inEnglish, inlineMarkdown } from '../html';
import type { Lang } from './lang';
import { sayDetailPt } from './reasons-pt';

/**
 * A verdict's reason as a page in `lang` shows it, rendered from the record (reports/details.ts):
 * the kit's words in the page's language, the words of others (the engine's answer, a check's
 * observation, a step as written) as recorded and, on a Portuguese page, marked `lang="en"`.
 * A refined claim's reason opens with what really happens: the catalog's refinement in `lang`.
 */
export function detailHtml(detail: ClaimDetail, lang: Lang, refinement?: string): string {
  const voice: Voice = {
    text: (value) => esc(String(value)),
    said: (value) => inEnglish(lang, esc(value)),
    code: (value) => `<code>${esc(value)}</code>`,
  };
  const refined = refinement ? inlineMarkdown(refinement) : undefined;
  return lang === 'en' ? sayDetailEn(detail, voice, refined) : sayDetailPt(detail, voice, refined);
}

/** A verdict's reason as plain text in `lang` (a title attribute, a line of a list). */
export function detailText(detail: ClaimDetail, lang: Lang, refinement?: string): string {
  return lang === 'en' ? sayDetailEn(detail, PLAIN, refinement) : sayDetailPt(detail, PLAIN, refinement);
}
