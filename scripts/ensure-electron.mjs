#!/usr/bin/env node
// Runs before `npm start` / `npm run dev`: electron (since 42) no longer downloads its binary at install
// time, and electron-vite only reads node_modules/electron/path.txt, so the binary is fetched here with
// electron's own `install-electron` (a no-op once it is present). Where it cannot be fetched, one line
// says why and what to do, instead of electron-vite's "Electron uninstall".
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  const reason = (result.stderr || result.error?.message || 'unknown error').trim().split('\n')[0];
  console.error(
    `Electron's binary could not be fetched (${reason}); connect to the internet (or set ELECTRON_MIRROR) and run \`npm start\` again — the CLI, \`npx authbench\`, works without it.`,
  );
  process.exit(1);
}
