/**
 * End to end, at 1280×800 and 900×600 (docs/architecture.md, "Held tokens"): a pre-authorize authorization-code
 * profile has "Sign in again" beside Test (a User authorize one has not); its first Test signs in, the next uses
 * the held token and the verdict says so, that nothing was sent and until when the token is valid; Sign in again
 * (from the keyboard) opens the browser once more. A second Chromium signs in at a real oidc-provider on loopback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useNativeAppSignIn } from '../helpers/client-credentials-idp';
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

const native = useNativeAppSignIn();

describe.each(E2E_VIEWPORTS)('sign in once (pre-authorize), at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;
  const opened: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp({
      viewport,
      context: {
        openBrowser: async (url) => {
          opened.push(url);
          void native.login.signIn(url).catch(() => {});
        },
      },
    });
    const base = {
      grantType: 'authorization_code',
      identityProviderName: 'oidc-provider (loopback)',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      authorizationUrl: `${native.idp.issuer}/auth`,
      tokenUrl: native.idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
    } as const;
    await app.ctx.profiles.create({ ...base, name: 'Sign in once', authorizationMode: 'pre_authorize' });
    await app.ctx.profiles.create({ ...base, name: 'Sign in each time', authorizationMode: 'user' });
  });
  afterAll(async () => app?.close());
  beforeEach(async () => app.reload());
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  const verdict = () => app.page.locator('.verdict');
  const sourceLine = () => app.page.locator('.verdict__source');

  it('offers Sign in again only in pre-authorize mode, and its help says what Test does', async () => {
    const { page } = app;
    await openProfile(page, 'Sign in each time');
    await page.getByRole('button', { name: 'Test', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in again' }).count()).toBe(0);
    expect(await page.getByText('Each Test opens the system browser for a person to sign in').count()).toBe(1);

    await app.reload();
    await openProfile(page, 'Sign in once');
    const again = page.getByRole('button', { name: 'Sign in again' });
    await expectInViewport(page, again, 'Sign in again');
    expect(await again.getAttribute('aria-describedby')).toBeTruthy();
    await page.getByText('Test uses the held token (refreshed when it expires)').waitFor();
    expect(await page.getByText(/^You sign in once: the first Test opens the system browser/).count()).toBe(1);
    await app.screenshot(`sign-in-once-controls-${size}`, { fullPage: false });

    // The help of the two settings, where the user reads them.
    const mode = page.getByText(/^You sign in once: the first Test opens the system browser/);
    await mode.scrollIntoViewIfNeeded();
    await expectInViewport(page, mode, 'the Authorization Mode help');
    await app.screenshot(`sign-in-once-mode-help-${size}`, { fullPage: false });
    const toggle = page.getByRole('switch', { name: 'Auto-refresh token' });
    const toggleHelp = page.locator(`#${await toggle.getAttribute('aria-describedby')}`);
    expect(await toggleHelp.innerText()).toMatch(
      /^Tests refresh the held token with its refresh token when it expires/,
    );
    await toggleHelp.scrollIntoViewIfNeeded();
    await expectInViewport(page, toggleHelp, 'the Auto-refresh token help');
    await app.screenshot(`sign-in-once-auto-refresh-help-${size}`, { fullPage: false });
  });

  it('signs in on the first Test, then uses the held token and says that nothing was sent; Sign in again signs in', async () => {
    const { page } = app;
    await openProfile(page, 'Sign in once');
    const before = opened.length;
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => verdict().innerText(), 30_000).toContain('Passed');
    expect(await sourceLine().innerText()).toBe(
      'A person signed in for a new token. No token was held for this profile, so it signed in.',
    );
    expect(opened.length).toBe(before + 1);
    await expectInViewport(page, sourceLine(), 'the token-source line');
    await app.screenshot(`sign-in-once-signed-in-${size}`, { fullPage: false });

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => sourceLine().innerText(), 15_000).toMatch(/^Used the held token — no sign-in needed\./);
    const text = await sourceLine().innerText();
    // The expiry in local time, not main's ISO-8601 form.
    expect(text).toMatch(/The held token is valid until .+ \(\d+ min left\)\./);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(text).toContain('Nothing was sent: the profile has no Authorization Check URL to call with the token.');
    await page.getByText('No request was sent.').waitFor();
    expect(opened.length).toBe(before + 1);
    await expectInViewport(page, sourceLine(), 'the token-source line');
    await app.screenshot(`sign-in-once-held-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`sign-in-once-held-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    // From the keyboard: focus Sign in again and press Enter.
    await page.getByRole('button', { name: 'Sign in again' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => sourceLine().innerText(), 30_000).toMatch(
      /^A person signed in for a new token\. Sign in again was asked for/,
    );
    expect(await verdict().innerText()).toContain('Passed');
    expect(opened.length).toBe(before + 2);
    // Focus comes back to the button that started the run.
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in again');
    await app.screenshot(`sign-in-once-again-${size}`, { fullPage: false });
  });
});
