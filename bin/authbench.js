#!/usr/bin/env node
'use strict';
// The `authbench` command: runs the built CLI bundle (npm install builds it via the "prepare" script).
const { join } = require('node:path');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`authbench needs Node.js 22.12 or newer; this is ${process.version}\n`);
  process.exit(3);
}
// Scripts start the CLI hundreds of times: reuse V8's compiled code across runs (Node >= 22.1).
require('node:module').enableCompileCache?.();
let cli;
try {
  cli = require(join(__dirname, '..', 'out', 'main', 'cli.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('cli.js')) {
    process.stderr.write('authbench is not built yet: run `npm run build` in the checkout\n');
    process.exit(3);
  }
  throw err;
}
cli.main(process.argv).then((code) => {
  process.exitCode = code;
});
