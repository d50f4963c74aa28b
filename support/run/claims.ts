import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Claim {
  id: string;
  claim: string;
  /** Where the notes make it: a note's number and its words. */
  source?: string;
  /** What a faithful check observes. */
  observes?: string;
  /** What really happens, for a claim only partly true as written ("Refine: …" in the catalog). */
  refinement?: string;
}

/** The claims of the catalog the features cover, `features/claims.md` under `root`. */
export function readCatalog(root: string): Claim[] {
  return parseCatalog(readFileSync(join(root, 'features', 'claims.md'), 'utf8'));
}

/**
 * The catalog's claims, in order: every table row that starts with an ID such as `PRT-04`.
 * The English catalog marks a refinement "Refine: …" or "(… — refine)"; its Portuguese
 * companion, features/claims.pt-BR.md, "Refinamento: …".
 */
export function parseCatalog(markdown: string, lang: 'en' | 'pt-BR' = 'en'): Claim[] {
  const claims: Claim[] = [];
  for (const line of markdown.split('\n')) {
    if (!/^\|\s*[A-Z]{3}-\d{2}\s*\|/.test(line)) continue;
    const [id = '', claim = '', source = '', observes = ''] = line
      .replace(/^\|/, '')
      .replace(/\|\s*$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    // "Refine: what really happens", or "(what really happens — refine)".
    const refinement =
      lang === 'pt-BR'
        ? /Refinamento:\s*(.*)$/.exec(observes)?.[1]
        : (/Refine:\s*(.*)$/.exec(observes)?.[1] ?? /\(([^()]*) — refine\)/.exec(observes)?.[1]);
    claims.push({ id, claim, source, observes, ...(refinement ? { refinement } : {}) });
  }
  return claims;
}

/** The claim IDs that at least one scenario (or rule or feature) under `dir` is tagged with. */
export function taggedClaims(dir: string): Set<string> {
  const ids = new Set<string>();
  for (const file of featureFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@claim:([A-Z]{3}-\d{2})\b/g)) {
      if (match[1]) ids.add(match[1]);
    }
  }
  return ids;
}

/** Every tag the features under `dir` carry (on features, rules, scenarios and examples). */
export function featureTags(dir: string): string[] {
  const tags = new Set<string>();
  for (const file of featureFiles(dir)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*@/.test(line))
        for (const tag of line.trim().split(/\s+/)) if (tag.startsWith('@')) tags.add(tag);
    }
  }
  return [...tags].sort();
}

export function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.feature'))
    .map((entry) => join(entry.parentPath, entry.name));
}
