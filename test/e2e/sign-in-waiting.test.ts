/**
 * End to end, at 1280×800 and 900×600: while an authorization-code Test waits for the sign-in, the Test panel
 * shows the authorization URL and its parameters, Copy URL, Open again, the callback URL and the time left;
 * a "system browser" that cannot be started leaves the Test waiting, and the copied URL signs in. A second
 * Chromium signs in at a real oidc-provider on loopback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useNativeAppSignIn } from '../helpers/client-credentials-idp';
import {
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
  poll as pollUntil,
  E2E_VIEWPORTS,
  expectInViewport,
} from '../helpers/e2e-app';

requireBuiltRenderer();

/** A secret-named additional field: sent to the IdP, `[redacted]` in what the panel shows. */
const API_KEY = 'api-key-value-7d41be09';
const native = useNativeAppSignIn();

const poll = <T>(read: () => Promise<T>) => pollUntil(read, 15_000);

describe.each(E2E_VIEWPORTS)('the sign-in while it waits, at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;
  const opened: string[] = [];
  let opener: (url: string) => Promise<void> = async () => {};

  beforeAll(async () => {
    app = await startE2eApp({ viewport, context: { openBrowser: (url) => opener(url) } });
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const base = {
      grantType: 'authorization_code',
      identityProviderName: 'oidc-provider (loopback)',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      authorizationUrl: `${native.idp.issuer}/auth`,
      tokenUrl: native.idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
    } as const;
    await app.ctx.profiles.create({
      ...base,
      name: 'Browser sign-in',
      additionalFields: [{ key: 'api_key', value: API_KEY }],
    });
    await app.ctx.profiles.create({ ...base, name: 'No browser' });
  });

  afterAll(async () => app?.close());
  beforeEach(async () => app.reload());
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  async function startTest(name: string) {
    const { page } = app;
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const signIn = page.getByRole('region', { name: 'Sign-in' });
    await signIn.waitFor();
    return signIn;
  }

  it('shows the URL, its parameters and the callback URL; Copy URL and Open again work; then the verdict', async () => {
    const { page } = app;
    opened.length = 0;
    opener = async (url) => void opened.push(url);
    const signIn = await startTest('Browser sign-in');
    await poll(async () => opened.length).toBe(1);
    const real = new URL(opened[0]!);
    expect(real.searchParams.get('api_key')).toBe(API_KEY);

    const urlText = signIn.locator('.sign-in__url-text');
    const shown = await urlText.innerText();
    expect(shown).toBe(opened[0]!.replace(API_KEY, '[redacted]'));
    const parameters = signIn.getByRole('list', { name: 'Parameters' }).getByRole('listitem');
    expect(await parameters.allInnerTexts()).toEqual(
      [...real.searchParams.entries()].map(([k, v]) => `${k} = ${k === 'api_key' ? '[redacted]' : v}`),
    );
    expect(await parameters.filter({ hasText: 'redirect_uri' }).innerText()).toMatch(
      /^redirect_uri = http:\/\/127\.0\.0\.1:\d+\/callback$/,
    );
    const redirectUri = real.searchParams.get('redirect_uri')!;
    const callback = signIn.getByText('After you sign in, your browser is sent to');
    expect(await callback.innerText()).toBe(`After you sign in, your browser is sent to ${redirectUri}`);
    // The countdown runs on the real clock: 5:00 at first, then less.
    const timer = signIn.getByRole('timer');
    expect(await timer.innerText()).toMatch(/^Time left: [45]:\d\d$/);
    await poll(() => timer.innerText()).toMatch(/^Time left: 4:5\d$/);
    expect(await signIn.innerText()).toContain(
      'The copied URL has [redacted] in place of secret values: use Open again to reach the real one.',
    );
    const copy = signIn.getByRole('button', { name: 'Copy URL' });
    const again = signIn.getByRole('button', { name: 'Open again' });
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    // What to act on is in view at once, right under Cancel; the URL and its parameters follow, a scroll away
    // in a small window.
    for (const [what, locator] of [
      ['the callback URL', callback],
      ['Copy URL', copy],
      ['Open again', again],
      ['Cancel', cancel],
    ] as const)
      await expectInViewport(page, locator, what);
    for (const [what, locator] of [
      ['the URL', urlText],
      ['the last parameter', parameters.last()],
    ] as const) {
      await locator.scrollIntoViewIfNeeded();
      await expectInViewport(page, locator, what);
    }
    await cancel.scrollIntoViewIfNeeded();
    await app.screenshot(`sign-in-waiting-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`sign-in-waiting-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    await copy.click();
    await signIn.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);

    await again.click();
    await signIn.getByRole('status').filter({ hasText: 'Opened' }).waitFor();
    expect(opened).toEqual([opened[0], opened[0]]);

    await native.login.signIn(opened[1]!);
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.getByRole('region', { name: 'Sign-in' }).count()).toBe(0);
    await app.screenshot(`sign-in-passed-${size}`, { fullPage: false });
    // The token request as it was sent: from the timeline to its card's Request tab (docs/test-panel.png).
    const scrollY = await page.evaluate(() => window.scrollY);
    // From the keyboard: the test driver's pointer click would itself scroll the window to reach the control.
    const press = async (control: Locator) => {
      await control.evaluate((el: HTMLElement) => el.focus({ preventScroll: true }));
      await page.keyboard.press('Enter');
    };
    const link = page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Token request' });
    const card = page.getByRole('article', { name: 'Token request (3)' });
    const panelTop = async () => Math.max(0, Math.round((await page.locator('.workspace__test').boundingBox())!.y));
    const cardTop = async () => Math.round((await card.boundingBox())!.y) - (await panelTop());
    await press(link);
    // The Test panel scrolls (smoothly) to the card, as far as it can; the editor beside it does not move.
    await poll(cardTop).toBeLessThan(viewport.height - 150);
    await press(card.getByRole('tab', { name: 'Request' }));
    await press(link);
    await poll(cardTop).toBeLessThan(30);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    expect(await card.getByRole('tabpanel').innerText()).toContain('grant_type');
    await app.screenshot(`sign-in-token-request-${size}`, { fullPage: false });
  });

  it('says the browser could not be opened, keeps waiting, and the copied URL signs in', async () => {
    const { page } = app;
    opener = async () => {
      throw new Error('spawn xdg-open ENOENT');
    };
    const signIn = await startTest('No browser');
    const running = page.getByRole('status').filter({ hasText: 'Testing…' });
    await poll(() => running.innerText()).toContain(
      'The browser could not be opened (spawn xdg-open ENOENT): open the authorization URL yourself',
    );
    expect(await signIn.innerText()).not.toContain('[redacted]');
    // Copy URL is the way on, in view at once; the URL itself is at most a scroll away.
    await expectInViewport(page, signIn.getByRole('button', { name: 'Copy URL' }), 'Copy URL');
    await signIn.locator('.sign-in__url-text').scrollIntoViewIfNeeded();
    await expectInViewport(page, signIn.locator('.sign-in__url-text'), 'the URL');

    await signIn.getByRole('button', { name: 'Open again' }).click();
    await signIn
      .getByRole('status')
      .filter({ hasText: 'The browser could not be opened: spawn xdg-open ENOENT' })
      .waitFor();
    await app.screenshot(`sign-in-opener-failed-${size}`, { fullPage: false });

    await signIn.getByRole('button', { name: 'Copy URL' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).searchParams.get('client_id')).toBe('native-app');
    const result = await native.login.signIn(copied);
    expect(result.text).toContain('Signed in');
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
  });
});
