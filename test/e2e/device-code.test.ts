/**
 * End to end (RFC 8628; docs/architecture.md, "The Test panel"): a device-code profile created in the editor, its
 * Test showing the user code large with Copy, the verification URL and the polling line while it waits, a second
 * Chromium as the "system browser" approving the code at a real oidc-provider on loopback, then the passed run.
 * Screenshots of the waiting state and the result at 1280×800 and 900×600.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEVICE_GRANT, startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser-login';
import { approveDevice } from '../helpers/device-login-cli.mjs';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });

describe('a device-code Test in the app', () => {
  let idp: RunningIdp;
  let app: E2eApp;
  let approver: Browser;
  const opened: string[] = [];

  beforeAll(async () => {
    idp = await startOidcIdp({ clients: [{ client_id: 'tv-e2e', grant_types: [DEVICE_GRANT], scope: 'openid' }] });
    approver = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    app = await startE2eApp({ context: { openBrowser: async (url) => void opened.push(url) } });
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    await app?.close();
    await approver?.close();
    await idp?.close();
  });
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  /** Tests the open profile, checks and photographs the waiting state, approves, and photographs the result. */
  async function testAndApprove(size: string) {
    const { page } = app;
    opened.length = 0;
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const wait = page.getByRole('region', { name: 'Device approval' });
    await wait.waitFor();
    const code = wait.getByRole('status', { name: 'User code' }).or(wait.locator('output[aria-label="User code"]'));
    const userCode = (await code.first().innerText()).trim();
    expect(userCode).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    // Large: readable from across the room, well above the panel's 13 px text.
    const fontSize = await code.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(24);
    await expectInViewport(page, code.first(), 'the user code');
    await expect(wait.locator('.device-wait__url').innerText()).resolves.toBe(`${idp.issuer}/device`);
    await expect(wait.getByRole('timer').innerText()).resolves.toMatch(
      /^Waiting for approval… \(polling every 5 s, expires in (9:\d\d|10:00)\)$/,
    );
    await page.getByRole('button', { name: 'Copy user code' }).click();
    await poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(userCode);
    expect(opened).toEqual([`${idp.issuer}/device?user_code=${userCode}`]);
    await expect(page.getByRole('button', { name: 'Cancel' }).isVisible()).resolves.toBe(true);
    await app.screenshot(`device-code-waiting-${size}`, { fullPage: false });

    const context = await approver.newContext();
    try {
      expect(await approveDevice(await context.newPage(), opened[0]!)).toContain('Device approved');
    } finally {
      await context.close();
    }
    // The waiting view goes when polling ends; the newest run is then the verdict shown.
    await wait.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByText('Passed', { exact: true }).first().waitFor();
    await app.screenshot(`device-code-passed-${size}`, { fullPage: false });
  }

  it('creates the profile in the editor, fills the Device Authorization URL from the issuer, and passes its Test', async () => {
    const { page } = app;
    await page.setViewportSize(E2E_VIEWPORTS[0]);
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByRole('radio', { name: 'OAuth v2 device authorization', exact: true }).check();
    await label(page, 'Name').fill('Living-room TV');
    await label(page, 'Identity Provider Name').fill('oidc-provider (loopback)');
    await label(page, 'Client ID').fill('tv-e2e');
    await label(page, 'Client Authentication').selectOption('none');
    await label(page, 'Issuer').fill(idp.issuer);
    await page.getByRole('button', { name: 'Fill from issuer' }).click();
    await page.getByRole('status').filter({ hasText: 'Filled' }).waitFor();
    await expect(label(page, 'Device Authorization URL').inputValue()).resolves.toBe(`${idp.issuer}/device/auth`);
    await expect(label(page, 'Token Request URL').inputValue()).resolves.toBe(idp.tokenEndpoint);
    await label(page, 'Scope value 1').fill('openid');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Living-room TV' }).waitFor();
    const stored = (await app.ctx.profiles.list()).find((p) => p.name === 'Living-room TV')!;
    expect(await app.ctx.profiles.get(stored.id)).toMatchObject({
      grantType: 'device_code',
      deviceAuthorizationUrl: `${idp.issuer}/device/auth`,
      status: 'configured',
    });
    await testAndApprove('1280x800');
    const [run] = app.ctx.runs.list(stored.id);
    expect(run!.ok).toBe(true);
    expect(run!.exchanges.filter((e) => e.step !== 'discovery').map((e) => e.step)[0]).toBe('device_authorization');
  }, 90_000);

  it('shows the same waiting state at 900×600', async () => {
    await app.page.setViewportSize(E2E_VIEWPORTS[1]);
    await testAndApprove('900x600');
  }, 90_000);
});
