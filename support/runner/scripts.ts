import { dirname, extname, join } from 'node:path';

/** Whether the kit runs compiled (the installed package) rather than from TypeScript through ts-node (a checkout). */
const compiled = extname(__filename) === '.js';

/** The node arguments that run the kit's runner script `name` (main, matrix, clean…), compiled or not. */
export function runnerScript(name: string): string[] {
  return compiled
    ? [join(__dirname, `${name}.js`)]
    : ['--require', 'ts-node/register', join(__dirname, `${name}.ts`)];
}

/** cucumber-js's own command, wherever npm put the package (the kit's node_modules, or the project's it is installed in). */
export function cucumberBin(): string {
  return join(dirname(require.resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');
}
