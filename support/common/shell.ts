/** Quotes one argument the way a POSIX shell user would type it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A whole command line, quoted. */
export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
