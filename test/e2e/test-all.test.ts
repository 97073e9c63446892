/**
 * End to end: "Test all" from the profile list (docs/architecture.md, "Test all"): tick some profiles (passing,
 * one failing with invalid_client, one skipped), Test selected, see the progress bar, the outcomes that need a
 * look and the summary, and the Last test column follow; Cancel a batch against a slow IdP. Both window sizes,
 * with screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const CLIENT_ID = 'test-all-client';
const SECRET = 'test-all-e2e-secret';
let app: E2eApp;
let idp: RunningIdp;
let faults: FaultServer;

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, SECRET);
  faults = await startFaultServer();
  app = await startE2eApp({
    seed: async (ctx) => {
      const base = {
        grantType: 'client_credentials' as const,
        identityProviderName: 'oidc-provider (loopback)',
        clientId: CLIENT_ID,
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
      };
      for (const { width } of E2E_VIEWPORTS) {
        await ctx.profiles.create({ ...base, name: `A pass ${width}` }, { clientSecret: SECRET });
        await ctx.profiles.create({ ...base, name: `B pass ${width}` }, { clientSecret: SECRET });
        await ctx.profiles.create({ ...base, name: `C wrong ${width}` }, { clientSecret: 'not-the-secret' });
        await ctx.profiles.create({ ...base, name: `D no secret ${width}` });
        for (let i = 0; i < 3; i++)
          await ctx.profiles.create(
            { ...base, name: `S slow ${width} ${i}`, tokenUrl: faults.url('/slow?ms=60000') },
            { clientSecret: SECRET },
          );
      }
    },
  });
});

afterAll(async () => {
  await app?.close();
  await faults?.close();
  await idp?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const tick = (page: Page, name: string) => page.getByRole('checkbox', { name: `Select ${name}` }).check();
const panel = (page: Page) => page.getByRole('region', { name: 'Test all' });
const untickAll = async (page: Page) => {
  const ticked = page.getByRole('checkbox', { checked: true });
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
};

describe.each(E2E_VIEWPORTS)('Test all at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('tests the selected profiles: progress, the failure and the skip with reasons, the summary', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Test all' }).isVisible()).toBe(true);
    for (const name of [`A pass ${width}`, `B pass ${width}`, `C wrong ${width}`, `D no secret ${width}`])
      await tick(page, name);
    const button = page.getByRole('button', { name: 'Test selected (4)' });
    await expectInViewport(page, button, 'Test selected');
    await app.screenshot(`test-all-selected-${size}`);
    await button.focus();
    await page.keyboard.press('Enter');

    const region = panel(page);
    await poll(() => region.getByRole('status').textContent()).toMatch(
      /^Done: 2 passed, 1 failed, 1 skipped, 0 cancelled in \d+\.\d s$/,
    );
    const bar = region.getByRole('progressbar', { name: 'Tests done' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('4');
    expect(await bar.getAttribute('aria-valuemax')).toBe('4');
    const list = region.getByRole('list', { name: 'Tests that did not pass' });
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^D no secret ${width} Skipped — Not configured: Client Secret is not set$`)),
      expect.stringMatching(new RegExp(`^C wrong ${width} Failed · invalid_client — `)),
    ]);
    await expectInViewport(page, region, 'the batch panel');
    // The list's Last test column follows without a reload.
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader').filter({ hasText: `C wrong ${width}` }) });
    await poll(() => row.getByRole('cell').last().textContent()).toMatch(/Failed · invalid_client/);
    await app.screenshot(`test-all-summary-${size}`);
    await region.getByRole('button', { name: 'Close' }).click();
    await untickAll(page);
  });

  it('Cancel stops a batch against a slow IdP', async () => {
    const { page } = app;
    for (let i = 0; i < 3; i++) await tick(page, `S slow ${width} ${i}`);
    await page.getByRole('button', { name: 'Test selected (3)' }).click();
    const region = panel(page);
    await poll(() => region.getByRole('status').textContent()).toMatch(/^0 of 3 \(0%\)/);
    expect(await page.getByRole('button', { name: 'Test selected (3)' }).isDisabled()).toBe(true);
    await app.screenshot(`test-all-running-${size}`);
    await region.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => region.getByRole('status').textContent()).toMatch(
      /^Done: 0 passed, 0 failed, 0 skipped, 3 cancelled/,
    );
    expect(await region.getByRole('listitem').count()).toBe(3);
    await app.screenshot(`test-all-cancelled-${size}`);
    await region.getByRole('button', { name: 'Close' }).click();
    await untickAll(page);
  });
});
