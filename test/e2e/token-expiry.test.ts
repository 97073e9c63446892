/**
 * End to end: a refresh token close to its expiry where users look. Tokens come from real Tests against the
 * fault server acting as a Keycloak-style IdP (`refresh_expires_in`). The list's Status shows "Expires soon"
 * within the warning lead (24 h by default) and nothing for a token further out; the token view counts the
 * refresh token down live; the Settings dialog (keyboard: focus in, Escape, focus back) changes the lead and the
 * list follows. Both window sizes, with screenshots (light and dark).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  openProfile,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';

requireBuiltRenderer();

let app: E2eApp;
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
  app = await startE2eApp({
    seed: async (ctx) => {
      const create = async (name: string, seconds: number) => {
        const { id } = await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name,
            identityProviderName: 'Keycloak-style IdP',
            clientId: 'e2e-expiry',
            tokenUrl: server.url(`/refresh-lifetime?s=${seconds}`),
          },
          { clientSecret: 'e2e-expiry-secret' },
        );
        const run = await ctx.tests.run(id);
        expect(run.ok, JSON.stringify(run.error)).toBe(true);
      };
      for (const { width, height } of E2E_VIEWPORTS) {
        await create(`Orders ${width}x${height}`, 7200);
        await create(`Reports ${width}x${height}`, 36 * 3600);
      }
      await create('Billing (short)', 90);
    },
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const row = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: name }) });
/** The Status cell: the 5th cell after the select box (Authorization Type, Test, Status). */
const statusCell = (page: Page, name: string) => row(page, name).getByRole('cell').nth(3);
/** The badges a sighted user reads in a row's Status cell. */
const statusBadges = (page: Page, name: string) =>
  statusCell(page, name)
    .locator('.badge')
    .evaluateAll((els) =>
      els.map((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
        return (copy.textContent ?? '').trim();
      }),
    );
const refreshCountdown = (page: Page) => page.locator('.token-view .token-view__countdown').nth(1);

describe.each(E2E_VIEWPORTS)('refresh token expiry at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('the list says "Expires soon" within 24 h, in the window, and nothing for a token 36 h away', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await poll(() => statusBadges(page, `Orders ${size}`)).toEqual(['Configured', 'Expires soon']);
    expect(await statusBadges(page, `Reports ${size}`)).toEqual(['Configured']);
    const badge = statusCell(page, `Orders ${size}`).locator('.expiry-badge');
    await expectInViewport(page, badge, 'the Expires soon badge');
    expect(await badge.getAttribute('title')).toMatch(/^The refresh token expires /);
    // Screen readers hear what it is about and when.
    expect(await badge.innerText()).toMatch(/Expires soon/);
    expect(await badge.textContent()).toMatch(/^Refresh token: Expires soon \(.+\)$/);
    await app.screenshot(`expiry-list-soon-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`expiry-list-soon-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the token view counts the refresh token down beside the access token, live', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Orders ${size}`);
    const countdown = refreshCountdown(page);
    await poll(() => countdown.innerText()).toMatch(/^Refresh token expires in (1 h 5\d min|2 h)$/);
    await countdown.evaluate((el) => el.closest('dd')!.scrollIntoView({ block: 'center' }));
    await expectInViewport(page, countdown, 'the refresh countdown');
    await expectInViewport(page, page.getByText('Refresh token expiry', { exact: true }), 'its label');
    // Beside the access token's countdown (the row above it).
    const access = (await page.locator('.token-view .token-view__countdown').first().boundingBox())!;
    expect(access.y).toBeLessThan((await countdown.boundingBox())!.y);
    expect(await page.locator('.token-view__refresh-help').innerText()).toBe(
      'Within 24 h of this, the list shows “Expires soon” and Authbench shows an OS notification once while it runs (Settings, at the top right).',
    );
    await app.screenshot(`expiry-token-view-${size}`, { fullPage: false });

    await page.getByRole('button', { name: '← All profiles' }).click();
    await openProfile(page, 'Billing (short)');
    const first = await refreshCountdown(page).innerText();
    expect(first).toMatch(/^Refresh token (expires in|expired) (\d+ min )?\d+ s( ago)?$/);
    await poll(() => refreshCountdown(page).innerText(), 5000).not.toBe(first);
    await page.getByRole('button', { name: '← All profiles' }).click();
  });

  it('the Settings dialog changes the lead, and the list follows', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    const open = page.getByRole('button', { name: 'Settings' });
    await expectInViewport(page, open, 'the Settings button');
    // Keyboard: focus goes into the dialog, Escape closes it and focus comes back.
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const hours = dialog.getByLabel('Warn this many hours before a refresh token expires');
    await poll(() => hours.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);

    await open.click();
    await expectInViewport(page, dialog, 'the Settings dialog');
    expect(await hours.inputValue()).toBe('24');
    await app.screenshot(`expiry-settings-${size}`, { fullPage: false });
    await hours.fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => dialog.getByRole('alert').innerText()).toBe('A whole number of hours from 1 to 720 (30 days)');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    await app.screenshot(`expiry-settings-invalid-${size}`, { fullPage: false });
    await hours.fill('48');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => dialog.count()).toBe(0);
    await poll(() => statusBadges(page, `Reports ${size}`)).toEqual(['Configured', 'Expires soon']);
    expect(app.ctx.settings.get().expiryWarningHours).toBe(48);
    await app.screenshot(`expiry-list-after-settings-${size}`, { fullPage: false });

    // Back to the default for the next window size (through the dialog, as a user would).
    await open.click();
    await hours.fill('24');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => statusBadges(page, `Reports ${size}`)).toEqual(['Configured']);
  });
});
