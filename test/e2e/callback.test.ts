/**
 * End to end, at 1280×800 and 900×600 (RFC 8252 §7.3; docs/architecture.md, "A Test, step by step"): the editor
 * shows the Callback URL to register, with Copy, as the Callback Host, Port and Path are chosen; and while a
 * sign-in waits, the URL the browser was redirected to (Chromium stopped before the loopback, as on a
 * locked-down laptop) is pasted into the Test panel and completes the Test. A real oidc-provider on loopback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useNativeAppSignIn } from '../helpers/client-credentials-idp';
import type { SignInResult } from '../helpers/browser-login';
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

const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });

describe.each(E2E_VIEWPORTS)('the callback, at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;
  let signIns: Promise<SignInResult>[] = [];

  beforeAll(async () => {
    app = await startE2eApp({
      viewport,
      context: {
        openBrowser: async (url) => {
          const result = native.login.signIn(url, { capture: true });
          result.catch(() => {});
          signIns.push(result);
        },
      },
    });
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.ctx.profiles.create({
      grantType: 'authorization_code',
      name: 'Paste sign-in',
      identityProviderName: 'oidc-provider (loopback)',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      authorizationUrl: `${native.idp.issuer}/auth`,
      tokenUrl: native.idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid' }],
    });
  });

  afterAll(async () => app?.close());
  beforeEach(async () => {
    signIns = [];
    await app.reload();
  });
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  it('shows the Callback URL to register for the host, port and path chosen, with Copy', async () => {
    const { page } = app;
    await openProfile(page, 'Paste sign-in');
    const url = label(page, 'Callback URL');
    await url.scrollIntoViewIfNeeded();
    expect(await url.inputValue()).toBe('http://127.0.0.1:{port}/callback');
    expect(await url.getAttribute('readonly')).not.toBeNull();
    const help = page.locator('#field-callbackUrl-help');
    expect(await help.innerText()).toContain('the port is chosen per Test, so {port} differs each time');
    expect(await help.innerText()).toContain('set a fixed Callback Port and register that URL');
    await expectInViewport(page, url, 'the Callback URL');
    await app.screenshot(`callback-editor-chosen-port-${size}`, { fullPage: false });

    await label(page, 'Callback Host').selectOption('localhost');
    await label(page, 'Callback Port').fill('8400');
    await label(page, 'Callback Path').fill('/auth/cb');
    await poll(() => url.inputValue()).toBe('http://localhost:8400/auth/cb');
    expect(await help.innerText()).toBe('Register exactly this URL as a redirect URI of the client at the IdP.');
    const copy = page.getByRole('button', { name: 'Copy Callback URL' });
    await copy.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('http://localhost:8400/auth/cb');
    await url.scrollIntoViewIfNeeded();
    await expectInViewport(page, url, 'the Callback URL');
    await expectInViewport(page, copy, 'Copy Callback URL');
    await app.screenshot(`callback-editor-exact-${size}`, { fullPage: false });

    // A path with a query is refused where it is typed; the URL keeps the last valid path.
    await label(page, 'Callback Path').fill('/auth/cb?x=1');
    await label(page, 'Callback Path').blur();
    await page.getByText('No query ("?") or fragment ("#")').waitFor();
    expect(await url.inputValue()).toBe('http://localhost:8400/callback');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`callback-editor-invalid-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('completes a waiting sign-in from the pasted redirected URL; a forged one is refused first', async () => {
    const { page } = app;
    await openProfile(page, 'Paste sign-in');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const signIn = page.getByRole('region', { name: 'Sign-in' });
    await signIn.waitFor();
    await poll(async () => signIns.length).toBe(1);
    const { callbackUrl } = await signIns[0]!;
    const code = new URL(callbackUrl).searchParams.get('code')!;

    const field = signIn.getByRole('textbox', { name: 'Paste the URL from the browser’s address bar' });
    const submit = signIn.getByRole('button', { name: 'Submit' });
    await field.scrollIntoViewIfNeeded();
    await expectInViewport(page, field, 'the paste field');
    await expectInViewport(page, submit, 'Submit');
    expect(await submit.isDisabled()).toBe(true);
    await app.screenshot(`callback-paste-waiting-${size}`, { fullPage: false });

    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'forged-state');
    await field.fill(forged.toString());
    await field.press('Enter');
    const answer = signIn.getByRole('status').filter({ hasText: 'state parameter does not match' });
    await answer.waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await signIn.isVisible()).toBe(true);
    await app.screenshot(`callback-paste-refused-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`callback-paste-refused-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    await field.fill(callbackUrl);
    await submit.click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.getByRole('region', { name: 'Sign-in' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(code);
    await app.screenshot(`callback-paste-passed-${size}`, { fullPage: false });
  });
});
