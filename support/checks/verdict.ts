/** A check's judgement of what it saw: whether the claim holds, what it expected, what it saw. */
export interface Verdict {
  holds: boolean;
  expected: string;
  seen: string;
}

/** A verdict, with what was seen written out only when it is needed. */
export function verdict(holds: boolean, expected: string, seen: () => string): Verdict {
  return { holds, expected, seen: holds ? '' : seen() };
}
