/**
 * End to end, at 1280×800 and 900×600 (docs/architecture.md, "Token verification"): after an authorization-code
 * Test of a profile with an Issuer, signed in by a second Chromium at a real oidc-provider on loopback, the
 * Token section shows the ID token's Verification table: each check with ✓ / ✗ / — and its detail.
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

describe.each(E2E_VIEWPORTS)('the Verification table, at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp({
      viewport,
      context: { openBrowser: async (url) => void native.login.signIn(url).catch(() => {}) },
    });
    await app.ctx.profiles.create({
      grantType: 'authorization_code',
      name: 'Verified sign-in',
      identityProviderName: 'oidc-provider (loopback)',
      clientId: 'native-app',
      clientAuthMethod: 'none',
      issuer: native.idp.issuer,
      authorizationUrl: `${native.idp.issuer}/auth`,
      tokenUrl: native.idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
    });
  });
  afterAll(async () => app?.close());
  // The profile was created after the page loaded: load it again to list it.
  beforeEach(async () => app.reload());
  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  it('shows each check of the ID token, passing, after an authorization-code Test', async () => {
    const { page } = app;
    await openProfile(page, 'Verified sign-in');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 30_000).toContain('Passed');
    const table = page.getByRole('table', { name: 'Verification: ID token' });
    await table.waitFor();
    const row = (check: string) => table.getByRole('row', { name: new RegExp(`^${check} `) });
    expect(await row('signature').innerText()).toMatch(/^signature\s+✓\s*pass\s+Verified with the IdP's JWKS/);
    for (const check of ['alg', 'iss', 'aud', 'exp', 'iat', 'nonce'])
      expect(await row(check).innerText()).toContain('✓');
    expect(await row('azp').innerText()).toMatch(/—\s*not applicable/);
    expect(await table.innerText()).not.toContain('✗');
    // The opaque access token: one line, not a table of dashes.
    expect(await page.getByRole('table', { name: 'Verification: access token' }).count()).toBe(0);
    await page
      .getByText('Verification: the access token is opaque (not a JWT), so there is nothing to check.')
      .waitFor();
    await table.scrollIntoViewIfNeeded();
    await expectInViewport(page, table.getByRole('caption'), 'the Verification caption');
    await expectInViewport(page, row('signature'), 'the signature row');
    await app.screenshot(`token-verification-passed-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`token-verification-passed-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
