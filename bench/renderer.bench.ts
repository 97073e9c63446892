/**
 * Figure 5 (docs/architecture.md, "Benchmarks"): the production renderer's JS size gzipped; the profile
 * list's first paint with 10,000 profiles (navigation start to the first row painted) beside the empty list's;
 * and a keystroke in its search box (keydown to the filtered list painted) beside a keystroke in a plain input
 * — in Chromium through the E2E harness (test/helpers/e2e-app.ts), whose renderer talks to a real router.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { requireBuiltRenderer, startE2eApp, type E2eApp } from '../test/helpers/e2e-app';
import { atMost, figure, recordFigures, type Figure } from './figures';
import { sampleRounds } from './measure';
import { EMPTY_LIST, FIRST_ROW, firstPaintScript, keystrokeScript, localListScript } from './page-timing';
import { seedProfiles } from './seed';

const COUNT = 10_000;
const PAINTS = 15;
const KEYS = 30;
let full: E2eApp;
let empty: E2eApp;

beforeAll(async () => {
  full = await startE2eApp({ seed: (ctx) => void seedProfiles(ctx.db, COUNT) });
  empty = await startE2eApp();
  for (const app of [full, empty]) await app.page.addInitScript({ content: firstPaintScript([FIRST_ROW, EMPTY_LIST]) });
  await full.page.addInitScript({ content: localListScript(await full.ctx.router.handle('profiles:list', {})) });
}, 180_000);

afterAll(async () => {
  await full?.close();
  await empty?.close();
});

/** Every .js file under `dir`, recursively. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

/** Loads `app` afresh and returns the ms from navigation start to `selector`'s first paint. */
async function paintTime(app: E2eApp, selector: string, query = ''): Promise<number> {
  await app.page.goto(app.url + query, { waitUntil: 'commit' });
  const handle = await app.page.waitForFunction(
    (s) => (window as unknown as { __benchShown?: Record<string, number> }).__benchShown?.[s],
    selector,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Presses `key` in `page` and returns its keydown-to-paint ms (page-timing.ts keystrokeScript). */
async function keyTime(page: Page, watch: string | null, key: string): Promise<number> {
  await page.evaluate(keystrokeScript(watch));
  await page.keyboard.press(key);
  return page.evaluate('window.__benchKey') as Promise<number>;
}

test('renderer size, first paint and a search keystroke', async () => {
  const section = '5. Renderer';
  const files = jsFiles(requireBuiltRenderer());
  const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0) / 1024;
  const raw = files.reduce((sum, f) => sum + readFileSync(f).length, 0) / 1024;
  const figures: Figure[] = [
    figure({
      section,
      name: `production JS, gzip (${files.length} files under out/renderer)`,
      unit: 'KB',
      samples: [gzipped],
      baseline: { name: 'the same JS uncompressed', samples: [raw] },
      budgets: (v) => [atMost(v, 300, 'KB')],
      note: 'every .js chunk counts, the lazily loaded ones too; gzip at zlib’s default level',
    }),
  ];

  // The full list's own load comes last in each round: the bridge and keystroke figures below need it.
  const [localPaints, emptyPaints, paints] = await sampleRounds(PAINTS, [
    () => paintTime(full, FIRST_ROW, '?bench=local'),
    () => paintTime(empty, EMPTY_LIST),
    () => paintTime(full, FIRST_ROW),
  ]);
  expect(new URL(full.page.url()).search).toBe('');
  await expect.poll(() => full.page.getByRole('row').count()).toBeGreaterThan(5);
  await full.screenshot('bench-list-10000-1280x800', { fullPage: false });
  figures.push(
    figure({
      section,
      name: `first paint of the list, ${COUNT.toLocaleString('en')} profiles`,
      unit: 'ms',
      samples: paints!,
      baseline: { name: 'first paint of the empty list', samples: emptyPaints! },
      budgets: (v) => [atMost(v, 500, 'ms')],
      note: 'Chromium at 1280 × 800, from navigation start to the frame after the first row (or the empty list) appeared',
    }),
  );

  figures.push(
    figure({
      section,
      name: `first paint of the list, ${COUNT.toLocaleString('en')} profiles, list already in the page`,
      unit: 'ms',
      samples: localPaints!,
      baseline: { name: 'first paint of the empty list', samples: emptyPaints! },
      budgets: () => [],
      note: 'as above, but `profiles:list` is answered in the page from a copy taken once: the renderer’s own share',
    }),
  );

  // The harness's bridge (Playwright exposeFunction: JSON over the DevTools protocol) stands in for Electron's
  // IPC; this shows what the first paint above spends on it for the 10,000-row list.
  const [bridged, direct] = await sampleRounds(10, [
    () => full.page.evaluate("window.authbench.invoke('profiles:list', {}).then((r) => r.ok)"),
    () => full.ctx.router.handle('profiles:list', {}),
  ]);
  figures.push(
    figure({
      section,
      name: '`profiles:list` from the page through the E2E bridge',
      unit: 'ms',
      samples: bridged!,
      baseline: { name: 'the same call on the router in Node', samples: direct! },
      budgets: () => [],
      note: 'a harness cost inside the first paint above (Electron’s IPC is not measured here)',
    }),
  );

  const search = full.page.getByRole('searchbox', { name: 'Search profiles' });
  await search.focus();
  const plain = await full.page.context().browser()!.newPage();
  await plain.setContent('<label>Plain <input type="text"></label>');
  await plain.getByRole('textbox', { name: 'Plain' }).focus();
  // '9' narrows the 10,000 names to those holding a 9, Backspace widens them again: each key changes the list.
  let pressed = 0;
  const nextKey = () => (pressed++ % 2 === 0 ? '9' : 'Backspace');
  const keys: number[] = [];
  const plainKeys: number[] = [];
  await sampleRounds(KEYS, [
    async () => keys.push(await keyTime(full.page, '.list-page', nextKey())),
    async () => plainKeys.push(await keyTime(plain, null, 'a')),
  ]);
  expect(await search.inputValue()).toBe(pressed % 2 === 0 ? '' : '9');
  await plain.close();
  figures.push(
    figure({
      section,
      name: `keystroke in the search box, ${COUNT.toLocaleString('en')} profiles`,
      unit: 'ms',
      samples: keys.slice(-KEYS),
      baseline: { name: 'keystroke in a plain input', samples: plainKeys.slice(-KEYS) },
      budgets: (v) => [atMost(v, 50, 'ms')],
      note: 'from the keydown event to the frame after the filtered list changed; alternately “9” and Backspace',
    }),
  );
  recordFigures('5-renderer', figures);
}, 600_000);
