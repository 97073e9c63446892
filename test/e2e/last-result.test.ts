/**
 * End to end: each profile's last Test where users look — the list's "Last test" column and the chip beside
 * the profile's title — after a real Test against oidc-provider on 127.0.0.1 that passes, then fails with
 * invalid_client once the Client Secret is replaced through the editor. "Configured" reads as "ready to
 * test" (neutral, not green), and the list's toolbar is one row at 900 px. Both window sizes, with screenshots.
 */
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { poll, requireBuiltRenderer, startE2eApp, type E2eApp, E2E_VIEWPORTS } from '../helpers/e2e-app';

requireBuiltRenderer();

const CLIENT_ID = 'last-result-client';
const CLIENT_SECRET = `last-result-${randomBytes(12).toString('hex')}`;
let app: E2eApp;
let idp: RunningIdp;

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  app = await startE2eApp({
    seed: async (ctx) => {
      const base = {
        grantType: 'client_credentials' as const,
        identityProviderName: 'oidc-provider (loopback)',
        clientId: CLIENT_ID,
        tokenUrl: idp.tokenEndpoint,
        scopes: [{ key: 'scope', value: 'api:read' }],
      };
      for (const { width, height } of E2E_VIEWPORTS) {
        await ctx.profiles.create({ ...base, name: `Orders API ${width}x${height}` }, { clientSecret: CLIENT_SECRET });
      }
      await ctx.profiles.create({ ...base, name: 'Billing (never tested)' }, { clientSecret: CLIENT_SECRET });
      await ctx.profiles.create({ ...base, name: 'Reports (no secret yet)' });
    },
  });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const row = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: name }) });
/** The row's "Last test" cell (its last cell). */
const lastTestCell = (page: Page, name: string) => row(page, name).getByRole('cell').last();
/** What the row's "Last test" cell shows: the chip, and when it ran on the line below. */
const listed = async (page: Page, name: string) => {
  const cell = lastTestCell(page, name);
  const when = cell.locator('time');
  return `${await seen(cell.locator('.last-test'))}${(await when.count()) ? ` / ${await seen(when)}` : ''}`;
};
const headerChip = (page: Page) => page.locator('.page-header .last-test');
/** The text a sighted user sees in `locator` (visually hidden text left out), on one line. */
const seen = (locator: Locator) =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
const box = async (locator: Locator) => (await locator.boundingBox())!;
const color = (locator: Locator, property: 'color' | 'background-color') =>
  locator.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe.each(E2E_VIEWPORTS)('last Test at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;
  const name = `Orders API ${size}`;

  it('the list toolbar is one row, every action in the window', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    const search = page.getByRole('searchbox', { name: 'Search profiles' });
    const newProfile = page.getByRole('button', { name: 'New profile' });
    const [first, last] = [await box(search), await box(newProfile)];
    expect(Math.abs(first.y + first.height / 2 - (last.y + last.height / 2))).toBeLessThan(4);
    expect(last.x + last.width).toBeLessThanOrEqual(width);
    const title = await box(page.getByRole('heading', { level: 1, name: 'Authorization Profile Summary' }));
    expect(title.y + title.height).toBeGreaterThan(first.y);
    await app.screenshot(`list-toolbar-${size}`, { fullPage: false });
  });

  it('shows Passed, then Failed · invalid_client, in the list and beside the title', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    expect(await listed(page, name)).toBe('Never tested');

    await row(page, name)
      .getByRole('button', { name: `Test ${name}` })
      .click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    await poll(() => seen(headerChip(page))).toBe('Passed · just now');
    const badge = page.locator('.page-header .badge');
    expect(await badge.innerText()).toBe('Configured');
    expect(await badge.getAttribute('title')).toBe('Ready to test: every required field is set');
    // Not green: the badge has the page's neutral colours, while the Passed chip is green.
    expect(await color(badge, 'color')).not.toBe(await color(headerChip(page), 'color'));
    expect(await color(badge, 'background-color')).not.toBe(await color(headerChip(page), 'background-color'));

    await page.getByRole('button', { name: '← All profiles' }).click();
    await poll(() => listed(page, name)).toBe('Passed / just now');

    // Replace the Client Secret with a wrong one through the editor, then Test again.
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('button', { name: 'Replace Client Secret' }).click();
    await page.getByLabel('Client Secret').fill('not-the-client-secret');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Failed');
    await poll(() => seen(headerChip(page))).toBe('Failed · invalid_client · just now');
    const chip = await box(headerChip(page));
    const heading = await box(page.getByRole('heading', { level: 1, name }));
    expect(Math.abs(chip.y + chip.height / 2 - (heading.y + heading.height / 2))).toBeLessThan(8);
    expect(chip.x + chip.width).toBeLessThanOrEqual(width);
    expect(await headerChip(page).getAttribute('title')).toMatch(
      /^Last test: Failed · invalid_client, \d{4}-\d\d-\d\d /,
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot(`last-result-title-${size}`, { fullPage: false });
    // The dark theme: the chip stays red on its own background, the badge neutral.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await color(headerChip(page), 'color')).toBe('rgb(255, 123, 114)');
    expect(await color(badge, 'color')).not.toBe(await color(headerChip(page), 'color'));
    await app.screenshot(`last-result-title-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: '← All profiles' }).click();
    await poll(() => listed(page, name)).toBe('Failed · invalid_client / just now');
    const chipInCell = lastTestCell(page, name).locator('.last-test');
    const cell = await box(chipInCell);
    expect(cell.x + cell.width).toBeLessThanOrEqual(width);
    // Whole, not cut to "Failed · invalid_cl…".
    expect(await chipInCell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await listed(page, 'Billing (never tested)')).toBe('Never tested');
    await app.screenshot(`last-result-list-${size}`, { fullPage: false });

    // The column sorts: by when the last Test ran, never tested first; then newest first.
    const names = () => page.locator('.ptable__body [data-col="name"]').allInnerTexts();
    await page.getByRole('button', { name: 'Last test' }).click();
    await poll(async () => (await names())[0]).toMatch(/never tested|no secret yet/);
    await page.getByRole('button', { name: 'Last test' }).click();
    await poll(async () => (await names())[0]).toBe(name);
    expect(await page.getByRole('columnheader', { name: 'Last test' }).getAttribute('aria-sort')).toBe('descending');
  });
});
