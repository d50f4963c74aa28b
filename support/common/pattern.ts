/** `text` as a regular expression matches it: every character that means something there escaped. */
export const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
