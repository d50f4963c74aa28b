// Preloaded before anything else (`node --require ./support/runner/node-check.js`): on a Node
// the kit's libraries do not support, one clear line instead of a crash deep in a dependency.
// The versions that work are package.json's "engines".
const { engines } = require('../../package.json');

/** Whether version `v` ("22.23.3") satisfies a range of the forms "^22.22.0 || ^24.0.0 || >=26.0.0". */
function satisfies(v, range) {
  const [major, minor, patch] = v.split('.').map(Number);
  const at = (a) => a.split('.').map(Number);
  const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return range.split('||').some((part) => {
    const text = part.trim();
    const base = at(text.replace(/^[\^>=]+/, ''));
    if (text.startsWith('^')) return major === base[0] && cmp([major, minor, patch], base) >= 0;
    if (text.startsWith('>=')) return cmp([major, minor, patch], base) >= 0;
    return cmp([major, minor, patch], base) === 0;
  });
}

if (!satisfies(process.versions.node, engines.node)) {
  process.stderr.write(
    `docker-conformance-kit: Node ${process.versions.node} is not one the kit's libraries support (${engines.node}). Put a supported Node first on PATH: scripts/setup installs one.\n`,
  );
  // Bad input, as runner/command.ts's EXIT.badInput: this file imports nothing, since it must run
  // on any Node, before the kit's own code (which needs a newer one) is loaded.
  process.exit(2);
}
