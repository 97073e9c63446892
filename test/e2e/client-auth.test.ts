/**
 * End to end: in the editor, Client Authentication private_key_jwt shows the JWT Signing Key (a secret field), the
 * Signing Algorithm, Key ID and Assertion Audience; a pasted PEM key is saved to the keychain, the Test against
 * oidc-provider on 127.0.0.1 passes, and the Request tab shows the client assertion decoded (header and claims),
 * never the key or the signature. Both window sizes, a screenshot of each state.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { JWT_BEARER } from '../../src-main/demo/idp-client-auth';
import { makeClientKey } from '../helpers/client-keys';
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

const KEY = makeClientKey('rsa', 'e2e-key-1');
let app: E2eApp;
let idp: RunningIdp;

beforeAll(async () => {
  idp = await startOidcIdp({
    scopes: ['api:read'],
    clients: [
      {
        client_id: 'e2e-pk',
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [KEY.publicJwk] },
        scope: 'api:read',
      },
      {
        client_id: 'e2e-svc',
        token_endpoint_auth_method: 'none',
        grant_types: [JWT_BEARER],
        jwks: { keys: [KEY.publicJwk] },
        scope: 'api:read',
      },
    ],
  });
  app = await startE2eApp({
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS)
        await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name: `Signed client ${width}x${height}`,
            identityProviderName: 'oidc-provider',
            clientId: 'e2e-pk',
            clientAuthMethod: 'client_secret_basic',
            tokenUrl: idp.tokenEndpoint,
            scopes: [{ key: 'scope', value: 'api:read' }],
          },
          { clientSecret: 'an-unused-secret' },
        );
      for (const { width, height } of E2E_VIEWPORTS)
        await ctx.profiles.create(
          {
            grantType: 'jwt_bearer',
            name: `Service account ${width}x${height}`,
            identityProviderName: 'oidc-provider',
            clientId: 'e2e-svc',
            clientAuthMethod: 'none',
            tokenUrl: idp.tokenEndpoint,
            scopes: [{ key: 'scope', value: 'api:read' }],
            jwtBearer: {
              issuer: '',
              subject: 'robot',
              claims: [{ key: 'team', value: 'ops' }],
              alg: '',
              kid: 'e2e-key-1',
            },
          },
          { jwtSigningKey: KEY.pem },
        );
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

describe.each(E2E_VIEWPORTS)('private_key_jwt at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('is chosen in the editor with a pasted PEM key, passes its Test, and shows the assertion decoded', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Signed client ${size}`);
    const method = page.getByLabel('Client Authentication', { exact: true });
    expect(await method.locator('option').allInnerTexts()).toContain('private_key_jwt — JWT signed with a private key');
    expect(await page.getByLabel('Key ID (kid)').count()).toBe(0);
    await method.selectOption('private_key_jwt');
    const key = page.getByLabel('JWT Signing Key', { exact: true });
    await key.fill(KEY.pem);
    await page.getByLabel('Key ID (kid)').fill('e2e-key-1');
    expect(await page.getByLabel('Assertion Audience', { exact: true }).inputValue()).toBe('token_endpoint');
    await page.locator('#client-assertion-fields').scrollIntoViewIfNeeded();
    await expectInViewport(page, page.getByLabel('Key ID (kid)'), 'the Key ID');
    await app.screenshot(`client-auth-editor-${size}`, { fullPage: false });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    const stored = await app.ctx.profiles.getByName(`Signed client ${size}`);
    expect(stored).toMatchObject({ clientAuthMethod: 'private_key_jwt', clientAssertion: { kid: 'e2e-key-1' } });
    expect(stored.secrets.jwtSigningKey).toBe(true);

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    const card = page.getByRole('article', { name: /^Token request/ });
    await card.getByRole('tab', { name: 'Request' }).click();
    const decoded = card.getByRole('region', { name: 'Decoded client_assertion' });
    const header = decoded.getByRole('table', { name: 'client_assertion header' });
    const claims = decoded.getByRole('table', { name: 'client_assertion claims' });
    expect(await header.innerText()).toContain('e2e-key-1');
    expect(await header.innerText()).toContain('RS256');
    expect(await claims.innerText()).toContain(idp.tokenEndpoint);
    expect(await claims.innerText()).toContain('e2e-pk');
    await decoded.scrollIntoViewIfNeeded();
    await expectInViewport(page, header, 'the decoded assertion header');
    await app.screenshot(`client-auth-decoded-${size}`, { fullPage: false });
    const html = await page.content();
    expect(html).not.toContain(KEY.pem.split('\n')[1]!);
    expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
  });

  it('a JWT bearer profile shows its assertion section, passes its Test, and shows the assertion decoded', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Service account ${size}`);
    const section = page.locator('#section-jwt-bearer');
    expect(await section.getByLabel('Assertion Subject (sub)').inputValue()).toBe('robot');
    expect(await section.getByLabel('Extra claim name 1').inputValue()).toBe('team');
    expect(await section.getByText('Set', { exact: true }).count()).toBeGreaterThan(0);
    await section.scrollIntoViewIfNeeded();
    await app.screenshot(`jwt-bearer-editor-${size}`, { fullPage: false });
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    const card = page.getByRole('article', { name: /^Token request/ });
    await card.getByRole('tab', { name: 'Request' }).click();
    const claims = card.getByRole('table', { name: 'assertion claims' });
    expect(await claims.innerText()).toContain('robot');
    expect(await claims.innerText()).toContain('ops');
    await claims.scrollIntoViewIfNeeded();
    await app.screenshot(`jwt-bearer-decoded-${size}`, { fullPage: false });
  });
});
