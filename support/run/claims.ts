import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Claim {
  id: string;
  claim: string;
}

/** The catalog's claims, in order: every table row that starts with an ID such as `PRT-04`. */
export function parseCatalog(markdown: string): Claim[] {
  const claims: Claim[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*([A-Z]{3}-\d{2})\s*\|\s*(.*?)\s*\|/.exec(line);
    if (match?.[1] && match[2] !== undefined) claims.push({ id: match[1], claim: match[2] });
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

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.feature'))
    .map((entry) => join(entry.parentPath, entry.name));
}
