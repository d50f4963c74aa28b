/** The kit's verbs, as the installed command and the checkout's npm scripts both offer them. */
export type Verb = 'test' | 'matrix' | 'lab' | 'book' | 'compare' | 'clean';

/**
 * The command a user runs here for `verb` (with `args`): `npx docker-conformance-kit matrix
 * ARGS` where the kit is installed (its command sets KIT_INVOKED_AS), `npm run matrix -- ARGS`
 * in a checkout. Every message that tells a user what to run names it through this.
 */
export function kitCommand(verb: Verb, args = ''): string {
  const installed = process.env.KIT_INVOKED_AS;
  if (installed) return `${installed} ${verb}${args ? ` ${args}` : ''}`;
  const npm = verb === 'test' ? 'npm test' : `npm run ${verb}`;
  return args ? `${npm} -- ${args}` : npm;
}

/** How to get an engine and a docker CLI on a Debian machine, here. */
export function setupHint(): string {
  return process.env.KIT_INVOKED_AS
    ? 'sudo apt-get install docker.io docker-cli, then start dockerd'
    : 'scripts/setup installs and starts one';
}
