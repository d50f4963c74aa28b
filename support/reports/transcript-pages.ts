import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim } from '../run/claims';
import { esc, page } from './html';
import { WORDS, type Words } from './i18n/words';
import type { ScenarioRun, StepRun } from './messages';

/** A step and what it attached, as a terminal would show the commands and their output (in English, as it ran). */
function stepHtml(step: StepRun, words: Words = WORDS.en): string {
  const text = step.attachments.filter((a) => a.mediaType.startsWith('text/'));
  const json = step.attachments.filter((a) => a.mediaType === 'application/json');
  return [
    `<div class="step"><div class="t st-${esc(step.status)}" lang="en">${esc(step.text)}</div>`,
    ...text.map((a) => `<pre>${esc(a.body)}</pre>`),
    ...json.map(
      (a) =>
        `<details><summary>${a.title ? `<span lang="en">${esc(a.title)}</span>` : esc(words.book.evidence)}</summary><pre>${esc(a.body)}</pre></details>`,
    ),
    step.status === 'FAILED' && step.message ? `<pre>✘ ${esc(step.message)}</pre>` : '',
    '</div>',
  ].join('\n');
}

/** Every scenario of a claim as it ran on one engine, step by step; the page's own words in `words`. */
export function scenariosHtml(scenarios: ScenarioRun[], words: Words = WORDS.en): string {
  if (scenarios.length === 0) return `<p class="muted">${esc(words.book.noScenarioRan)}</p>`;
  return scenarios
    .map((s) => {
      const steps = s.steps.filter((step) => step.gherkin || step.attachments.length > 0);
      return [
        `<h3>${esc(words.book.scenario)}: <span lang="en">${esc(s.name)}</span></h3>`,
        `<p class="muted">${esc(s.uri)} · ${(s.durationMs / 1000).toFixed(1)} s</p>`,
        ...steps.map((step) => stepHtml(step, words)),
      ].join('\n');
    })
    .join('\n');
}

/**
 * One page per claim of the catalog under `dir/claims/`: the engine's transcripts of that
 * claim, for links from the matrix (and the book) to land on.
 */
export function writeTranscriptPages(
  dir: string,
  catalog: Claim[],
  scenarios: ScenarioRun[],
  engineTitle: string,
  back?: { href: string; label: string },
): void {
  mkdirSync(join(dir, 'claims'), { recursive: true });
  for (const claim of catalog) {
    const ofClaim = scenarios.filter((s) => s.claims.includes(claim.id));
    const body = [
      back ? `<nav class="crumbs"><a href="${esc(back.href)}">← ${esc(back.label)}</a></nav>` : '',
      `<h1>${esc(claim.id)}: ${esc(claim.claim)}</h1>`,
      `<p class="lead">On ${esc(engineTitle)}: every step, and the docker commands behind it with their output.</p>`,
      scenariosHtml(ofClaim),
    ].join('\n');
    writeFileSync(join(dir, 'claims', `${claim.id}.html`), page(`${claim.id} on ${engineTitle}`, body));
  }
}
