/**
 * End to end: the token view's Introspect, Revoke and UserInfo (docs/architecture.md, "Token tools") after a real
 * sign-in at oidc-provider through Chromium: each run opens in the Test panel with its findings, Headers and
 * Response; buttons without a URL are disabled and say why; no token value reaches the page.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useNativeAppSignIn } from '../helpers/client-credentials-idp';
import { E2E_VIEWPORTS, openProfile, poll, requireBuiltRenderer, startE2eApp, type E2eApp } from '../helpers/e2e-app';

requireBuiltRenderer();

const native = useNativeAppSignIn();

describe.each(E2E_VIEWPORTS)('token tools, at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp({
      viewport,
      context: { openBrowser: async (url) => void native.login.signIn(url).catch(() => {}) },
    });
    await app.ctx.profiles.create({
      grantType: 'authorization_code',
      name: 'Tools',
      identityProviderName: 'oidc-provider (loopback)',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      authorizationUrl: `${native.idp.issuer}/auth`,
      tokenUrl: native.idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
      introspectionUrl: `${native.idp.issuer}/token/introspection`,
      userinfoUrl: `${native.idp.issuer}/me`,
      revocationUrl: `${native.idp.issuer}/token/revocation`,
    });
  });
  afterAll(async () => app?.close());
  beforeEach(async () => app.reload());
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  it('introspects, calls UserInfo and revokes the held token; each run shows in the Test panel', async () => {
    const { page, ctx } = app;
    await openProfile(page, 'Tools');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 30_000).toContain('Passed');
    const tools = page.getByRole('group', { name: 'Token tools' });

    await tools.getByRole('button', { name: 'Introspect' }).click();
    await poll(() => page.locator('.tool-findings').innerText()).toMatch(/Active\s+Yes/);
    expect(await page.locator('.tool-findings').innerText()).toMatch(/client_id\s+native-app/);
    await page.locator('.tool-findings').scrollIntoViewIfNeeded();
    await app.screenshot(`token-tools-introspect-${size}`, { fullPage: false });

    await tools.getByRole('button', { name: 'UserInfo' }).click();
    await poll(() => page.getByRole('table', { name: 'UserInfo claims' }).innerText()).toMatch(/sub/);
    await app.screenshot(`token-tools-userinfo-${size}`, { fullPage: false });

    await tools.getByRole('combobox', { name: 'Token to introspect or revoke' }).selectOption('refresh_token');
    await tools.getByRole('button', { name: 'Revoke' }).click();
    await poll(() => page.locator('.tool-findings').innerText()).toContain('Revoked the refresh token');
    await poll(async () => (await ctx.tests.tokens.load((await ctx.profiles.getByName('Tools')).id))?.usable).toBe(
      false,
    );
    await app.screenshot(`token-tools-revoked-${size}`, { fullPage: false });

    const held = (await ctx.tests.tokens.load((await ctx.profiles.getByName('Tools')).id))!;
    const html = await page.content();
    for (const token of [held.accessToken, held.refreshToken!]) expect(html).not.toContain(token);
  });
});
