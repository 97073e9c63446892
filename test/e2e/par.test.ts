/**
 * End to end, at 1280×800 and 900×600 (docs/architecture.md, "Pushed authorization requests"): the OAuth v2 editor
 * shows the Pushed Authorization Request choice and URL (Fill from issuer fills it, Never hides it, Always without
 * an Issuer requires it), and a Test through the router against an oidc-provider that requires PAR shows the `par`
 * exchange first in the run. A second Chromium signs in at the IdP.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
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

describe.each(E2E_VIEWPORTS)('pushed authorization requests at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;
  let idp: RunningIdp;
  let login: LoginBrowser;

  beforeAll(async () => {
    idp = await startOidcIdp({
      requirePar: true,
      clients: [
        {
          client_id: 'native-app',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
          scope: 'openid offline_access',
        },
      ],
    });
    login = await launchLoginBrowser();
    app = await startE2eApp({
      viewport,
      context: { openBrowser: async (url) => void login.signIn(url).catch(() => {}) },
    });
    await app.ctx.profiles.create({
      grantType: 'authorization_code',
      name: 'PAR profile',
      identityProviderName: 'oidc-provider (requires PAR)',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      issuer: idp.issuer,
      authorizationUrl: `${idp.issuer}/auth`,
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
    });
  });
  afterAll(async () => {
    await app?.close();
    await login?.close();
    await idp?.close();
  });
  beforeEach(async () => app.reload());
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  it('shows the PAR choice and URL in the editor; Fill from issuer fills the URL; Never hides it', async () => {
    const { page } = app;
    await openProfile(page, 'PAR profile');
    const choice = page.getByLabel('Pushed Authorization Request', { exact: true });
    await choice.scrollIntoViewIfNeeded();
    expect(await choice.inputValue()).toBe('auto');
    expect(await choice.locator('option').allInnerTexts()).toEqual([
      'Auto (when the IdP requires it)',
      'Always',
      'Never',
    ]);
    const url = page.getByLabel('Pushed Authorization Request URL', { exact: true });
    expect(await url.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Fill from issuer' }).click();
    await poll(() => url.inputValue()).toBe(`${idp.issuer}/request`);
    await page.getByText(/Filled .*Pushed Authorization Request URL/).waitFor();

    await choice.selectOption('always');
    await page.getByText(/the browser then gets only a request_uri \(RFC 9126\)/).waitFor();
    await url.scrollIntoViewIfNeeded();
    await expectInViewport(page, url, 'the Pushed Authorization Request URL');
    await expectInViewport(page, choice, 'the Pushed Authorization Request choice');
    await app.screenshot(`par-editor-${size}`, { fullPage: false });

    await choice.selectOption('never');
    expect(await page.getByLabel('Pushed Authorization Request URL', { exact: true }).count()).toBe(0);
    await page.getByText(/an IdP that requires PAR refuses it/).waitFor();
  });

  it('a Test pushes the request first: the run shows the par exchange (201) before the authorization request', async () => {
    const { page } = app;
    await openProfile(page, 'PAR profile');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 30_000).toContain('Passed');
    const par = page.getByRole('article', { name: /^Pushed authorization request/ });
    await par.waitFor();
    const rows = (await page.locator('.timeline__request').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(rows.slice(0, 3)).toEqual([
      expect.stringMatching(/^GET \/\.well-known\/openid-configuration/),
      expect.stringMatching(/^POST \/request /),
      expect.stringMatching(/^GET \/auth /),
    ]);
    await par.getByRole('tab', { name: 'Response' }).click();
    expect(await par.getByRole('tabpanel').innerText()).toContain('urn:ietf:params:oauth:request_uri:');
    expect(await par.locator('.exchange__status-line').innerText()).toContain('201');
    await par.scrollIntoViewIfNeeded();
    await app.screenshot(`par-run-${size}`, { fullPage: false });
    await par.getByRole('tab', { name: 'Request' }).click();
    const request = await par.getByRole('tabpanel').innerText();
    expect(request).toContain('response_type');
    expect(request).toContain('code_challenge');
    await app.screenshot(`par-run-request-${size}`, { fullPage: false });
  });
});
