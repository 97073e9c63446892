/**
 * Smoke test of the built Electron main bundle (out/main/index.js) under Node with a stand-in `electron`
 * module: every contract channel gets a handler, the window is secure, the preload is CommonJS.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/channels';
import { clearKeychainService } from '../helpers/context';
import { createFakeElectron, type FakeElectron } from '../helpers/fake-electron';

const root = resolve(__dirname, '../..');
const mainBundle = join(root, 'out/main/index.js');
const preloadBundle = join(root, 'out/preload/index.js');

describe('built main bundle', () => {
  let fake: FakeElectron;
  let dataDir: string;
  const service = `authbench-test-${randomUUID()}`;
  const saved = { ...process.env };
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;

  beforeAll(async () => {
    expect(existsSync(mainBundle), 'out/main/index.js is missing: run `npm run build` first').toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'authbench-main-'));
    process.env.AUTHBENCH_DATA_DIR = dataDir;
    process.env.AUTHBENCH_KEYCHAIN_SERVICE = service;
    fake = createFakeElectron(dataDir);
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? fake.module : originalLoad.call(this, request, ...rest);
    };
    createRequire(import.meta.url)(mainBundle);
    await fake.whenWindow;
  });

  afterAll(async () => {
    fake?.app.emit('will-quit');
    loader._load = originalLoad;
    process.env = saved;
    await clearKeychainService(service);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers a handler for every contract channel and nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('creates the window with isolation, sandbox and no Node integration', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.preload).toBe(preloadBundle);
    expect(fake.windows[0]!.loaded).toEqual([join(root, 'out/renderer/index.html')]);
  });

  it('answers IPC from the app page and refuses other frames', async () => {
    const appFrame = { senderFrame: { url: `file://${join(root, 'out/renderer/index.html')}` } };
    const list = (await fake.handlers.get('profiles:list')!(appFrame, {})) as {
      ok: boolean;
      value: { name: string }[];
    };
    expect(list.ok).toBe(true);
    // First run seeds the demo profile (the app's default data).
    expect(list.value.map((p) => p.name)).toContain('Authbench demo IdP');
    const foreign = (await fake.handlers.get('profiles:list')!(
      { senderFrame: { url: 'https://evil.example/' } },
      {},
    )) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('blocks navigation away from the app, new windows and permission requests', () => {
    const wc = fake.createWebContents();
    let prevented = false;
    wc.listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(wc.openHandler?.()).toEqual({ action: 'deny' });
    let allowed: boolean | undefined;
    fake.permissionRequestHandler!({}, 'media', (allow) => (allowed = allow));
    expect(allowed).toBe(false);
  });

  it('ships a CommonJS preload that needs nothing but electron', () => {
    const source = readFileSync(preloadBundle, 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    const requires = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
  });

  it('has a strict Content-Security-Policy in the renderer page', () => {
    const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'"])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});
