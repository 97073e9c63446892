/**
 * Smoke test of the built Electron main bundle (out/main/index.js) under Node with a stand-in `electron`
 * module: every contract channel gets a handler, the window is secure, the renderer is served over `app:`
 * with its CSP header, a packaged app ignores the dev server and has no DevTools, the preload is CommonJS.
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
const APP_PAGE = 'app://authbench/index.html';

/** A started main bundle: its fake electron, and `stop` to quit it and remove its data. */
interface LoadedMain {
  fake: FakeElectron;
  stop(): Promise<void>;
}

/**
 * Loads out/main/index.js afresh with a new fake electron (`isPackaged`) and its own data dir and keychain
 * service; `rendererUrl` is the ELECTRON_RENDERER_URL it sees. Resolves once the window exists.
 */
async function loadMain(options: { isPackaged: boolean; rendererUrl?: string }): Promise<LoadedMain> {
  expect(existsSync(mainBundle), 'out/main/index.js is missing: run `npm run build` first').toBe(true);
  const saved = { ...process.env };
  const service = `authbench-test-${randomUUID()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'authbench-main-'));
  process.env.AUTHBENCH_DATA_DIR = dataDir;
  process.env.AUTHBENCH_KEYCHAIN_SERVICE = service;
  if (options.rendererUrl) process.env.ELECTRON_RENDERER_URL = options.rendererUrl;
  else delete process.env.ELECTRON_RENDERER_URL;
  const fake = createFakeElectron(dataDir, { isPackaged: options.isPackaged });
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake.module : originalLoad.call(this, request, ...rest);
  };
  const require = createRequire(import.meta.url);
  delete require.cache[mainBundle];
  require(mainBundle);
  await fake.whenWindow;
  return {
    fake,
    async stop() {
      fake.app.emit('will-quit');
      loader._load = originalLoad;
      process.env = saved;
      await clearKeychainService(service);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the `app:` protocol handler the bundle registered. */
async function fetchApp(fake: FakeElectron, url: string, method = 'GET'): Promise<Response> {
  const handler = fake.protocolHandlers.get('app');
  expect(handler, 'no protocol.handle("app", …)').toBeDefined();
  return handler!(new Request(url, { method }));
}

const cspOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';

describe('built main bundle', () => {
  let fake: FakeElectron;
  let main: LoadedMain | undefined;

  beforeAll(async () => {
    main = await loadMain({ isPackaged: false });
    fake = main.fake;
  });

  afterAll(async () => main?.stop());

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
    expect(prefs.devTools).toBe(true);
    expect(fake.windows[0]!.loaded).toEqual([APP_PAGE]);
  });

  it('writes webPreferences as an object literal in the BrowserWindow constructor call', () => {
    const source = readFileSync(mainBundle, 'utf8');
    const call = /new \w*BrowserWindow\(\{[\s\S]*?webPreferences: \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true'])
      expect(call).toContain(setting);
    expect(call).toMatch(/devTools: /);
  });

  it('registers app: as a privileged standard scheme before ready, and serves index.html with the CSP header', async () => {
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    for (const url of [APP_PAGE, 'app://authbench/']) {
      const reply = await fetchApp(fake, url);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await reply.text()).toBe(html);
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      // The header carries every directive of the meta CSP, so neither is looser than the other.
      for (const directive of cspOf(html).split(';')) expect(csp).toContain(directive.trim());
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetchApp(fake, `app://authbench/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves only files under out/renderer: ../ paths, encoded or not, other hosts and POST are refused', async () => {
    const outside = [
      'app://authbench/..%2f..%2fpackage.json',
      'app://authbench/assets/..%2F..%2F..%2Fpackage.json',
      'app://authbench/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://authbench/..%5c..%5cpackage.json',
      'app://authbench/%2fetc%2fpasswd',
      'app://authbench/index.html%00.js',
    ];
    for (const url of outside) {
      const reply = await fetchApp(fake, url);
      expect(reply.status, url).toBeGreaterThanOrEqual(400);
      expect(await reply.text(), url).not.toMatch(/"name": "authbench"|root:/);
    }
    expect((await fetchApp(fake, 'app://authbench/../../package.json')).status).toBe(404);
    expect((await fetchApp(fake, 'app://authbench/nothing-here.js')).status).toBe(404);
    expect((await fetchApp(fake, 'app://evil.example/index.html')).status).toBe(404);
    expect((await fetchApp(fake, APP_PAGE, 'POST')).status).toBe(405);
  });

  it('answers IPC from the app page and refuses other frames', async () => {
    const appFrame = { senderFrame: { url: APP_PAGE, parent: null } };
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
    const refused = [
      { url: `file://${join(root, 'out/renderer/index.html')}` },
      { url: `file://evil-host${join(root, 'out/renderer/index.html')}` },
      { url: 'app://evil/index.html' },
      { url: APP_PAGE, parent: { url: APP_PAGE } },
    ];
    for (const senderFrame of refused)
      expect(await fake.handlers.get('profiles:list')!({ senderFrame }, {}), senderFrame.url).toMatchObject({
        ok: false,
      });
  });

  it('blocks navigation away from the app, new windows and permission requests', () => {
    const wc = fake.createWebContents();
    let prevented = false;
    wc.listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    const navigates = (url: string) => {
      let stopped = false;
      wc.listeners.get('will-navigate')!({ preventDefault: () => (stopped = true) }, url);
      return !stopped;
    };
    expect(navigates(APP_PAGE)).toBe(true);
    expect(navigates('app://authbench/other.html')).toBe(true);
    expect(navigates('app://evil/index.html')).toBe(false);
    expect(navigates(`file://${join(root, 'out/renderer/index.html')}`)).toBe(false);
    expect(navigates(`file://evil-host${join(root, 'out/renderer/index.html')}`)).toBe(false);
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
    const csp = cspOf(html);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'"])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('built main bundle, packaged', () => {
  let main: LoadedMain | undefined;
  beforeAll(async () => void (main = await loadMain({ isPackaged: true, rendererUrl: 'http://localhost:5173/' })));
  afterAll(async () => main?.stop());

  it('ignores ELECTRON_RENDERER_URL and loads the app: page', async () => {
    const { fake } = main!;
    expect(fake.windows[0]!.loaded).toEqual([APP_PAGE]);
    const fromDevServer = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    expect(await fake.handlers.get('profiles:list')!(fromDevServer, {})).toMatchObject({ ok: false });
    expect(await fake.handlers.get('profiles:list')!({ senderFrame: { url: APP_PAGE } }, {})).toMatchObject({
      ok: true,
    });
  });

  it('disables DevTools, and closes them if they open anyway', () => {
    const { fake } = main!;
    expect((fake.windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    const wc = fake.createWebContents();
    wc.listeners.get('devtools-opened')!();
    expect(wc.devToolsClosed).toBe(1);
  });
});

describe('built main bundle, development run with the dev server', () => {
  let main: LoadedMain | undefined;
  beforeAll(async () => void (main = await loadMain({ isPackaged: false, rendererUrl: 'http://localhost:5173/' })));
  afterAll(async () => main?.stop());

  it('loads the dev server, keeps DevTools, and pins navigation to the dev server', () => {
    const { fake } = main!;
    expect(fake.windows[0]!.loaded).toEqual(['http://localhost:5173/']);
    expect((fake.windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    const wc = fake.createWebContents();
    expect(wc.listeners.has('devtools-opened')).toBe(false);
    let prevented = false;
    wc.listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'http://localhost:5174/');
    expect(prevented).toBe(true);
  });
});
