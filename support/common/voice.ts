/**
 * How a rendered reason marks what is not the kit's own words: a name or number the kit
 * knows (`text`), words someone else said (`said`: the engine's answer, a tool's error, a
 * step as written), and a command or address (`code`). The kit's words themselves go in as
 * they are, and hold no markup (`<`, `&`), so the same sentence is plain text or HTML.
 */
export interface Voice {
  text(value: string | number): string;
  said(value: string): string;
  code(value: string): string;
}

/** Plain text: everything as it is (the console, conformance.md, a title attribute before escaping). */
export const PLAIN: Voice = {
  text: (value) => String(value),
  said: (value) => value,
  code: (value) => value,
};

/** The phrases of a list joined as a sentence says them ("a, b and c"), in `and`'s language. */
export function listed(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
