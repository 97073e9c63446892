/**
 * End to end: "Fill from issuer" in the editor reads the IdP's metadata (OIDC Discovery 1.0 §4) and sets the
 * Token Request URL and Refresh Token URL; a Test of the profile then reads the metadata first (a Discovery
 * exchange leads the timeline) and warns that the metadata does not list its grant, while the token request
 * still runs and passes. The metadata comes from a small node:http server whose token_endpoint is a real
 * oidc-provider on 127.0.0.1 and whose grant_types_supported leaves out client_credentials. Both window sizes.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import {
  expectInViewport,
  openProfile,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
  E2E_VIEWPORTS,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const CLIENT_ID = 'discovery-client';
const CLIENT_SECRET = `discovery-${randomBytes(12).toString('hex')}`;
let app: E2eApp;
let idp: RunningIdp;
let metadataServer: Server;
let issuer: string;

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  metadataServer = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        issuer,
        token_endpoint: idp.tokenEndpoint,
        grant_types_supported: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['api:read'],
      }),
    );
  });
  await new Promise<void>((resolve) => metadataServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(metadataServer.address() as AddressInfo).port}`;
  app = await startE2eApp({
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS) {
        await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name: `Warehouse API ${width}x${height}`,
            identityProviderName: 'Warehouse IdP',
            clientId: CLIENT_ID,
            tokenUrl: 'https://idp.example.com/oauth2/token',
            scopes: [{ key: 'scope', value: 'api:read' }],
          },
          { clientSecret: CLIENT_SECRET },
        );
      }
    },
  });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
  await new Promise((resolve) => metadataServer?.close(resolve));
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe.each(E2E_VIEWPORTS)('discovery at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;
  const name = `Warehouse API ${size}`;

  it('Fill from issuer sets the Token Request URL and Refresh Token URL from the metadata', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, name);
    const fill = page.getByRole('button', { name: 'Fill from issuer' });
    expect(await fill.isDisabled()).toBe(true);
    await field(page, 'Issuer').fill(issuer);
    await fill.click();
    const status = page.getByRole('status').filter({ hasText: 'Filled' });
    await poll(() => status.innerText()).toBe(
      `Filled Token Request URL, Refresh Token URL from ${issuer}/.well-known/openid-configuration`,
    );
    expect(await field(page, 'Token Request URL').inputValue()).toBe(idp.tokenEndpoint);
    expect(await field(page, 'Refresh Token URL').inputValue()).toBe(idp.tokenEndpoint);
    await field(page, 'Token Request URL').scrollIntoViewIfNeeded();
    await expectInViewport(page, fill, 'Fill from issuer');
    await expectInViewport(page, status, 'the fill status');
    await expectInViewport(page, field(page, 'Token Request URL'), 'the Token Request URL');
    await app.screenshot(`discovery-filled-${size}`, { fullPage: false });

    // The Token Request URL moved to another host: the app asks about the stored Client Secret (kept here).
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const ask = page.getByRole('alertdialog', { name: 'Save with a new host?' });
    await ask.getByLabel('They belong to the new host too: keep them').check();
    await ask.getByRole('button', { name: 'Save and keep secrets' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    const { id } = (await app.ctx.profiles.list()).find((p) => p.name === name)!;
    expect(await app.ctx.profiles.get(id)).toMatchObject({ issuer, tokenUrl: idp.tokenEndpoint });
  });

  it('a Test reads the metadata first and warns that it does not list the grant', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    const warnings = page.getByRole('list', { name: 'Warnings' });
    expect(await warnings.innerText()).toContain(
      'The IdP\'s metadata does not list the grant type "client_credentials" (grant_types_supported: "authorization_code", "refresh_token")',
    );
    const cards = page.locator('article.exchange');
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual([
      'Discovery (1)',
      'Token request (2)',
    ]);
    const host = new URL(issuer).host;
    expect((await page.locator('.timeline__request').first().innerText()).replace(/\s+/g, ' ')).toBe(
      `GET /.well-known/openid-configuration ${host}`,
    );
    await warnings.scrollIntoViewIfNeeded();
    await expectInViewport(page, warnings, 'the warnings');
    await app.screenshot(`discovery-lint-${size}`, { fullPage: false });
    expect(await page.content()).not.toContain(CLIENT_SECRET);
  });
  it('says why when the issuer serves no metadata', async () => {
    const { page } = app;
    await field(page, 'Issuer').fill(`${issuer}/nowhere`);
    await page.getByRole('button', { name: 'Fill from issuer' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not read' });
    await poll(() => alert.innerText()).toMatch(
      /^Could not read the IdP’s metadata: No authorization server metadata at \S+ \(answered 404 Not Found\) nor at \S+ \(answered 404 Not Found\)$/,
    );
    expect(await field(page, 'Token Request URL').inputValue()).toBe(idp.tokenEndpoint);
    await expectInViewport(page, alert, 'the error');
    await app.screenshot(`discovery-error-${size}`, { fullPage: false });
    // Back to the issuer that was read: the old error is not shown for it.
    await field(page, 'Issuer').fill(issuer);
    expect(await alert.count()).toBe(0);
  });
});
