#!/usr/bin/env node
// The installed kit's command: docker-conformance-kit <test|matrix|lab|book|compare|clean> …
// The package runs its compiled JavaScript (dist/); a checkout without dist/ runs the
// TypeScript through ts-node, as its npm scripts do.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const root = existsSync(join(dist, 'support', 'runner', 'cli.js')) ? dist : join(__dirname, '..');
require(join(root, 'support', 'runner', 'node-check.js'));
if (root !== dist) require('ts-node/register');
require(join(root, 'support', 'runner', 'cli'));
