/**
 * End to end: DPoP (RFC 9449) turned on in the editor of a client-credentials profile, the Test against
 * oidc-provider on 127.0.0.1 through the router passes with a DPoP token; the token view shows the token type, the
 * key's RFC 7638 thumbprint and the matching cnf.jkt; the editor then shows the same thumbprint; the Request tab
 * shows the proof decoded (header with the public jwk, claims), never its signature or the private key. Both
 * window sizes, a screenshot of each state.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { storedKeyThumbprint } from '../../src-main/oauth/dpop-key';
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

const SECRET = 'e2e dpop client secret 0123456789';
let app: E2eApp;
let idp: RunningIdp;

beforeAll(async () => {
  idp = await startOidcIdp({
    scopes: ['api:read'],
    clients: [{ client_id: 'e2e-dpop', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' }],
  });
  app = await startE2eApp({
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS)
        await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name: `Bound client ${width}x${height}`,
            identityProviderName: 'oidc-provider',
            clientId: 'e2e-dpop',
            tokenUrl: idp.tokenEndpoint,
            issuer: idp.issuer,
            scopes: [{ key: 'scope', value: 'api:read' }],
          },
          { clientSecret: SECRET },
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

describe.each(E2E_VIEWPORTS)('DPoP at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('is turned on in the editor, the Test gets a DPoP token, the thumbprint and the decoded proof show', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Bound client ${size}`);
    const toggle = page.getByRole('switch', { name: 'DPoP', exact: true });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    const alg = page.getByLabel('DPoP Signing Algorithm');
    expect(await alg.inputValue()).toBe('ES256');
    const note = page.locator('#dpop-key-thumbprint');
    await poll(() => note.innerText()).toContain('No key yet');
    await note.scrollIntoViewIfNeeded();
    await expectInViewport(page, alg, 'the DPoP Signing Algorithm');
    await app.screenshot(`dpop-editor-${size}`, { fullPage: false });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    const stored = await app.ctx.profiles.getByName(`Bound client ${size}`);
    expect(stored.dpop).toEqual({ enabled: true, alg: 'ES256' });

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    const key = await app.ctx.profiles.readSecret(stored.id, 'dpopPrivateKey');
    const thumbprint = (await storedKeyThumbprint(key))!;
    expect(thumbprint).toBeTruthy();

    const token = page.getByRole('region', { name: 'Token' });
    await poll(() => token.locator('dt:text-is("Token type") + dd').innerText()).toBe('DPoP');
    const binding = page.getByRole('group', { name: 'DPoP binding' });
    await poll(() => binding.locator('dt:text-is("DPoP key") + dd').innerText()).toBe(thumbprint);
    expect(await binding.locator('dt:text-is("cnf.jkt") + dd').innerText()).toContain(thumbprint);
    expect(await binding.locator('dt:text-is("cnf.jkt") + dd').innerText()).toContain('matches the key');
    expect(await token.getByRole('alert').count()).toBe(0);
    const cnfRow = binding.locator('dt:text-is("cnf.jkt") + dd');
    await cnfRow.scrollIntoViewIfNeeded();
    await expectInViewport(page, cnfRow, 'the DPoP binding');
    await app.screenshot(`dpop-token-view-${size}`, { fullPage: false });

    const card = page.getByRole('article', { name: /^Token request/ }).first();
    await card.getByRole('tab', { name: 'Request' }).click();
    const decoded = card.getByRole('region', { name: 'Decoded DPoP proof' });
    expect(await decoded.getByRole('table', { name: 'DPoP header' }).innerText()).toContain('dpop+jwt');
    const claims = await decoded.getByRole('table', { name: 'DPoP claims' }).innerText();
    expect(claims).toContain(idp.tokenEndpoint);
    expect(claims).toContain('POST');
    expect(await decoded.innerText()).toContain(thumbprint);
    await decoded.scrollIntoViewIfNeeded();
    await expectInViewport(page, decoded.getByRole('table', { name: 'DPoP header' }), 'the decoded DPoP header');
    await app.screenshot(`dpop-proof-${size}`, { fullPage: false });

    // The DPoP request header itself: header and claims, the signature masked.
    expect(await card.innerText()).toMatch(/dpop\s+[\w-]+\.[\w-]+\.\[redacted\]/);

    const html = await page.content();
    expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
    expect(html).not.toContain((JSON.parse(key!) as { d: string }).d);

    // The editor beside the Test panel shows the new key's thumbprint (profiles:dpop-key: the thumbprint, never the
    // key), and again after a reload.
    await poll(() => page.locator('#dpop-key-thumbprint').innerText()).toContain(thumbprint);
    await page.locator('#dpop-key-thumbprint').scrollIntoViewIfNeeded();
    await app.screenshot(`dpop-editor-key-${size}`, { fullPage: false });
    await app.reload();
    await openProfile(page, `Bound client ${size}`);
    await poll(() => page.locator('#dpop-key-thumbprint').innerText()).toContain(thumbprint);

    // New key: another key pair at once, its thumbprint shown.
    await page.getByRole('button', { name: 'New key', exact: true }).click();
    await poll(() => page.locator('#dpop-key-thumbprint').innerText()).not.toContain(thumbprint);
    const renewed = (await storedKeyThumbprint(await app.ctx.profiles.readSecret(stored.id, 'dpopPrivateKey')))!;
    expect(renewed).not.toBe(thumbprint);
    expect(await page.locator('#dpop-key-thumbprint').innerText()).toContain(renewed);
  });
});
