/**
 * `npm start` / `npm run dev` first run scripts/ensure-electron.mjs: electron fetches its binary lazily and
 * electron-vite only reads electron's path.txt. Where the binary cannot be fetched the script says so in
 * one line and fails; where it is present it passes silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const electronDir = join(root, 'node_modules/electron');

/** True when electron's own installer would find its binary (path.txt names a file under dist/). */
function binaryPresent(): boolean {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
}

describe('scripts/ensure-electron.mjs', () => {
  it('is what npm start and npm run dev run first', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.prestart).toBe('node scripts/ensure-electron.mjs');
    expect(scripts.predev).toBe('node scripts/ensure-electron.mjs');
  });

  it('fails with one line saying what to do when the binary cannot be fetched, else passes silently', () => {
    // A mirror on a closed loopback port: the download fails at once, on any machine.
    const env = {
      ...process.env,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(root, 'out', 'no-cache'),
    };
    const res = spawnSync(process.execPath, [join(root, 'scripts/ensure-electron.mjs')], { env, encoding: 'utf8' });
    if (binaryPresent()) {
      expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 0, stderr: '' });
      return;
    }
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Electron's binary could not be fetched \(.+\); connect to the internet/);
  });
});
