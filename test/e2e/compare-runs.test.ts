/**
 * End to end: comparing two runs of a profile. A real oidc-provider on 127.0.0.1 issues a token, then the
 * Client Secret is replaced with a wrong one and the second Test fails with invalid_client. Ticking both runs
 * in the history and pressing Compare shows the status change 200 → 401, the IdP's error, and the Date header
 * as "varies per run"; unchanged items are collapsed; Escape and Close go back. Both window sizes, with screenshots.
 */
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
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

const CLIENT_ID = 'compare-client';
const CLIENT_SECRET = `compare-${randomBytes(12).toString('hex')}`;
const WRONG_SECRET = `wrong-${randomBytes(12).toString('hex')}`;
let app: E2eApp;
let idp: RunningIdp;

const base = () => ({
  grantType: 'client_credentials' as const,
  identityProviderName: 'oidc-provider (loopback)',
  clientId: CLIENT_ID,
  tokenUrl: idp.tokenEndpoint,
  scopes: [{ key: 'scope', value: 'api:read' }],
});

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  app = await startE2eApp({
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS)
        await ctx.profiles.create({ ...base(), name: `Compare ${width}x${height}` }, { clientSecret: CLIENT_SECRET });
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

/** The text of `locator` on one line. */
const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
/** The row of item `key` in the table captioned `caption` inside `scope`. */
const itemRow = (scope: Locator, caption: string, key: string) =>
  scope
    .getByRole('table', { name: caption, exact: true })
    .getByRole('row')
    .filter({ has: scope.page().getByRole('rowheader', { name: key, exact: true }) });

async function testOnce(page: Page, verdict: string) {
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await poll(() => page.locator('.verdict').innerText(), 20_000).toContain(verdict);
}

describe.each(E2E_VIEWPORTS)('compare runs at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;
  const name = `Compare ${size}`;

  it('shows what changed between a passing and a failing run', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, name);
    await testOnce(page, 'Passed');

    const profile = (await app.ctx.profiles.list()).find((p) => p.name === name)!;
    await app.ctx.profiles.update(profile.id, { ...base(), name }, { clientSecret: WRONG_SECRET });
    // The Date header has a resolution of one second (RFC 9110 §5.6.7): let it move on.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await testOnce(page, 'Failed');

    const history = page.getByRole('region', { name: 'History' });
    const compareButton = history.getByRole('button', { name: 'Compare', exact: true });
    expect(await compareButton.isDisabled()).toBe(true);
    expect(await text(history)).toContain('Tick two runs to compare');
    const boxes = history.getByRole('checkbox', { name: /^Compare the run of / });
    await poll(() => boxes.count()).toBe(2);
    // Keyboard: tick both runs with Space, then press Compare with Enter.
    await boxes.nth(0).focus();
    await page.keyboard.press('Space');
    expect(await text(history)).toContain('Tick one more run to compare');
    await boxes.nth(1).focus();
    await page.keyboard.press('Space');
    await compareButton.focus();
    await page.keyboard.press('Enter');

    const view = page.getByRole('region', { name: 'Compare runs' });
    await view.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Compare runs');
    // Opening moved focus to the heading: it and Close are in the window.
    await expectInViewport(page, view.getByRole('heading', { name: 'Compare runs' }), 'the heading');
    await expectInViewport(page, view.getByRole('button', { name: 'Close' }), 'Close');
    await app.screenshot(`compare-open-${size}`, { fullPage: false });
    // The single run view is replaced.
    expect(await page.locator('.verdict').count()).toBe(0);
    expect(await text(view.getByRole('listitem').nth(0))).toMatch(/^Run A .* Passed$/);
    expect(await text(view.getByRole('listitem').nth(1))).toMatch(/^Run B .* Failed$/);

    const outcome = (key: string) => text(itemRow(view, 'Outcome', key));
    expect(await outcome('Verdict')).toBe('Verdict Passed Failed changed');
    expect(await outcome('OAuth error')).toBe('OAuth error — invalid_client added');
    expect(await outcome('HTTP status')).toBe('HTTP status — 401 added');

    const token = view.getByRole('region', { name: /^Token request/ });
    expect(await text(token.getByRole('heading', { level: 4 }))).toMatch(/^Token request \d+ differences$/);
    const status = itemRow(token, 'Response', 'Status');
    expect(await text(status)).toMatch(/^Status 200( OK)? 401( Unauthorized)? changed$/);
    expect(await text(itemRow(token, 'Response body', '$.error'))).toBe('$.error — "invalid_client" added');
    const date = itemRow(token, 'Response headers', 'date');
    expect(await text(date.getByRole('cell').last())).toBe('varies per run');
    // The secret stayed [redacted] in both runs, so the Authorization header is among the unchanged.
    const unchanged = token.getByRole('group').filter({ hasText: /^\d+ unchanged/ });
    const requestHeaders = token.locator('.compare__section').filter({ hasText: 'Request headers' });
    const summary = requestHeaders.locator('summary');
    expect(await text(summary)).toMatch(/^\d+ unchanged$/);
    expect(await requestHeaders.getByRole('table', { name: 'Request headers, unchanged' }).isVisible()).toBe(false);
    await summary.click();
    const authorization = itemRow(requestHeaders, 'Request headers, unchanged', 'authorization');
    expect(await text(authorization)).toBe('authorization Basic [redacted] Basic [redacted] unchanged');
    expect(await unchanged.count()).toBeGreaterThan(0);
    expect(await text(view)).not.toContain(CLIENT_SECRET);
    expect(await text(view)).not.toContain(WRONG_SECRET);

    await status.scrollIntoViewIfNeeded();
    await expectInViewport(page, status, 'the status row');
    // Viewport shots: the Test panel scrolls on its own, which a full-page shot would not show.
    await app.screenshot(`compare-${size}`, { fullPage: false });
    await summary.scrollIntoViewIfNeeded();
    await app.screenshot(`compare-unchanged-open-${size}`, { fullPage: false });
    // The dark theme: a change stays distinguishable from a value that only varies per run.
    await page.emulateMedia({ colorScheme: 'dark' });
    await status.scrollIntoViewIfNeeded();
    const kindColour = (row: Locator) => row.locator('.compare-kind').evaluate((el) => getComputedStyle(el).color);
    expect(await kindColour(status)).not.toBe(await kindColour(date));
    await app.screenshot(`compare-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    // Escape closes the comparison; Close does too after opening it again.
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await page.locator('.verdict').waitFor();
    await compareButton.click();
    await view.getByRole('button', { name: 'Close' }).click();
    await view.waitFor({ state: 'detached' });
    expect(await page.locator('.verdict').innerText()).toContain('Failed');
  });
});
