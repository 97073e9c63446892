/**
 * The app for end-to-end tests (docs/architecture.md, "How it is tested"): the built renderer served over http on 127.0.0.1, in
 * Debian's Chromium driven by playwright-core, with `window.authbench` bridged to the SAME router the
 * Electron main binds to ipcMain (a real SQLite file and the real keychain, from makeTestContext).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src-shared/channels';
import type { Events } from '../../src-shared/ipc';
import type { ContextOptions } from '../../src-main/context';
import { CHROMIUM, CHROMIUM_ARGS } from './browser-login';
import { makeTestContext, type TestContext } from './context';
import { startStaticServer, type StaticServer } from './static-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RENDERER_DIR = join(ROOT, 'out/renderer');
const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

/**
 * The page-side half of the bridge, mirroring src-main/preload.ts: `invoke` and `on` for contract
 * names only. `__authbenchEmit` is how the test host pushes events, as main's webContents.send would.
 * A string (not a function) so the test transformer cannot inject helpers into it.
 */
const BRIDGE_SCRIPT = `(() => {
  const channels = ${JSON.stringify(CHANNEL_NAMES)};
  const events = ${JSON.stringify(EVENT_NAMES)};
  const listeners = new Map();
  const bridge = Object.freeze({
    invoke(channel, request) {
      if (!channels.includes(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'invalid_request', message: 'Unknown channel ' + String(channel) } });
      }
      return window.__authbenchInvoke(channel, request).then((text) => JSON.parse(text));
    },
    on(event, listener) {
      if (!events.includes(event)) throw new Error('Unknown event ' + String(event));
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => void listeners.get(event).delete(listener);
    },
  });
  Object.defineProperty(window, 'authbench', { value: bridge, enumerable: true });
  Object.defineProperty(window, '__authbenchEmit', {
    value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); },
  });
})();`;

/** A running E2E app. */
export interface E2eApp {
  ctx: TestContext;
  page: Page;
  /** Base URL of the served renderer. */
  url: string;
  /** Uncaught page errors and console errors (CSP violations land here) since the last `takeErrors`. */
  takeErrors(): string[];
  /** Reloads the renderer: a fresh UI over the same stores. */
  reload(): Promise<void>;
  /**
   * Saves a screenshot to test-results/screenshots/<name>.png (the full page unless `fullPage` is false:
   * a modal's backdrop covers only the viewport); returns its path.
   */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** Throws a clear error unless the renderer was built (`npx electron-vite build`). */
export function requireBuiltRenderer(): string {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `${index} is missing: build the renderer first with \`npx electron-vite build\` (npm test does this).`,
    );
  }
  return RENDERER_DIR;
}

/** What a test may change about the app: context options such as `openBrowser` (the auth-code flow's "system browser"). */
export interface E2eAppOptions {
  context?: Partial<ContextOptions>;
  /** Runs on the fresh context before the page first loads (e.g. seeding 10,000 profiles). */
  seed?: (ctx: TestContext) => void | Promise<void>;
  viewport?: { width: number; height: number };
}

/** Starts context, server and browser, and opens the app at 1280×800. */
export async function startE2eApp(options: E2eAppOptions = {}): Promise<E2eApp> {
  const rendererDir = requireBuiltRenderer();
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    cleanups.length = 0;
  };
  try {
    const ctx = makeTestContext(options.context);
    cleanups.push(() => ctx.dispose());
    await options.seed?.(ctx);
    const server: StaticServer = await startStaticServer(rendererDir);
    cleanups.push(() => server.close());
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());

    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: 'light',
    });
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });

    // The answer crosses as one JSON string: Playwright copies a string as is, but walks an object value by
    // value, which takes a second for a 10,000-row list where Electron's IPC takes milliseconds.
    await page.exposeFunction('__authbenchInvoke', async (channel: unknown, payload: unknown) =>
      JSON.stringify(await ctx.router.handle(channel, payload)),
    );
    await page.addInitScript({ content: BRIDGE_SCRIPT });
    const forward = <E extends keyof Events>(event: E) =>
      ctx.events.on(event, (payload) => {
        page
          .evaluate(
            ([name, data]) =>
              (window as unknown as { __authbenchEmit(e: string, p: unknown): void }).__authbenchEmit(name, data),
            [event, payload] as const,
          )
          .catch(() => {});
      });
    // Every contract event, as the app's ipc-binding forwards them all.
    for (const event of EVENT_NAMES) cleanups.push(forward(event));

    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Authorization Profile Summary' }).waitFor();

    return {
      ctx,
      page,
      url: server.url,
      takeErrors: () => errors.splice(0),
      async reload() {
        await page.goto(server.url);
        await page.getByRole('heading', { name: 'Authorization Profile Summary' }).waitFor();
      },
      async screenshot(name, options = {}) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: options.fullPage ?? true });
        return path;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Polls `read` until the assertion holds (vitest has no Playwright web-first matchers); `timeout` in ms. */
export const poll = <T>(read: () => Promise<T>, timeout = 10_000) => expect.poll(read, { timeout, interval: 50 });

/** The window sizes every screen is tested at: the app's default and its minimum (px). */
export const E2E_VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
] as const;

/** Asserts that `locator` is laid out entirely inside the viewport; returns its box (px). */
export async function expectInViewport(page: Page, locator: Locator, what = 'the element') {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  expect(box, `${what} is laid out`).not.toBeNull();
  expect(box!.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what} top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} right edge`).toBeLessThanOrEqual(width);
  expect(box!.y + box!.height, `${what} bottom edge`).toBeLessThanOrEqual(height);
  return box!;
}

/** Opens the profile `name` from the list and waits for its screen. */
export async function openProfile(page: Page, name: string): Promise<void> {
  await page
    .getByRole('row', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .getByRole('button', { name, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
