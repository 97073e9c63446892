/**
 * End to end: a client-credentials profile with Tenancy on. The Test dialog asks for the tenant, refuses
 * one that would change the URL (`evil.com/x?`) before anything is sent, keeps focus inside, and runs
 * with a valid one against a real oidc-provider behind a small tenant-routing server on loopback. The
 * history then lets a failing run be compared with the passing one.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';

requireBuiltRenderer();

const CLIENT_ID = 'tenant-client';
const CLIENT_SECRET = `tenant-secret-${randomBytes(12).toString('hex')}`;
const TENANTS = new Set(['acme']);

let app: E2eApp;
let idp: RunningIdp;
let router: Server;
let routerUrl: string;
/** Every path the tenant router was asked for, in order. */
const seen: string[] = [];

/** Routes POST /{tenant}/token to the IdP's token endpoint for a known tenant; 404 (RFC 6749 §5.2 shape) otherwise. */
function startTenantRouter(target: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    seen.push(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/([^/]+)\/token$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match || !TENANTS.has(match[1]!)) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid_request', error_description: `unknown tenant ${match?.[1] ?? ''}` }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept'])
      if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    const upstream = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      'cache-control': 'no-store',
    });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  router = await startTenantRouter(idp.tokenEndpoint);
  routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
  app = await startE2eApp();
  await app.ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: 'Tenant IdP',
      identityProviderName: 'oidc-provider behind a tenant router',
      clientId: CLIENT_ID,
      clientAuthMethod: 'client_secret_basic',
      tokenUrl: `${routerUrl}/{tenant}/token`,
      tenancy: { enabled: true },
      scopes: [{ key: 'scope', value: 'api:read' }],
    },
    { clientSecret: CLIENT_SECRET },
  );
  // {tenant} as a host label with no fixed parent domain after it: main refuses a dotted tenant.
  await app.ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: 'Host tenant IdP',
      identityProviderName: 'a tenant in the host',
      clientId: CLIENT_ID,
      tokenUrl: 'http://{tenant}.localhost:9/token',
      tenancy: { enabled: true },
    },
    { clientSecret: CLIENT_SECRET },
  );
});

afterAll(async () => {
  await app?.close();
  await new Promise((ok) => (router ? router.close(ok) : ok(undefined)));
  await idp?.close();
});

beforeEach(async () => {
  await app.reload();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const focusInside = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));

async function openProfile(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('Test dialog: tenancy', () => {
  it('refuses a tenant that would change the URL, keeps focus inside, and passes with a valid tenant', async () => {
    const { page } = app;
    await openProfile(page, 'Tenant IdP');
    await page.getByRole('button', { name: 'Test', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Test “Tenant IdP”' });
    const tenant = dialog.getByLabel('Tenant');
    await poll(() => tenant.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await dialog.innerText()).toContain('Replaces {tenant} in the Token Request URL');

    // A tenant that would move the request to another host or path: refused here, nothing sent.
    await tenant.fill('evil.com/x?');
    await page.keyboard.press('Enter');
    await poll(() => tenant.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.locator('.form-field__error').innerText()).toContain(
      'Not a valid tenant: “/”, “?” are not allowed',
    );
    expect(await dialog.innerText()).toContain('Letters, digits, ".", "_" and "-" only');
    expect(seen).toEqual([]);
    await app.screenshot('test-tenant-refused', { fullPage: false });

    // Focus is trapped: Tab and Shift+Tab cycle through the tenant field and the two buttons.
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      expect(await focusInside(page)).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside(page)).toBe(true);

    // Escape closes the dialog without a run.
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    expect(seen).toEqual([]);

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await tenant.fill('acme');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(seen).toEqual(['/acme/token']);
    const exchange = page.getByRole('article', { name: /Token request/ });
    expect(await exchange.locator('.exchange__url').innerText()).toBe(`${routerUrl}/acme/token`);
    expect(await page.getByRole('region', { name: 'Timeline' }).innerText()).toMatch(
      /Token request\s+POST \/acme\/token\s+[\w.-]+:\d+(?: · \d+ query parameters?)?\s+200 OK/,
    );
    expect(await page.content()).not.toContain(CLIENT_SECRET);
    await app.screenshot('test-tenant-passed', { fullPage: false });
  });

  it('reopens the dialog on the tenant when main refuses it, instead of ending the Test', async () => {
    const { page } = app;
    await openProfile(page, 'Host tenant IdP');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test “Host tenant IdP”' });
    // "evil.example" passes the dialog's character rule; only main knows it would leave the domain.
    await dialog.getByLabel('Tenant').fill('evil.example');
    await page.keyboard.press('Enter');
    await poll(() => dialog.getByLabel('Tenant').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.locator('.form-field__error').innerText()).toContain('no fixed parent domain after {tenant}');
    expect(await page.locator('.verdict').count()).toBe(0);
    expect(await page.content()).not.toContain('Could not test');
  });

  it('offers the last tenant again, and shows a failing run next to the passing one from the history', async () => {
    const { page } = app;
    await openProfile(page, 'Tenant IdP');
    // After a reload the panel shows the newest stored run and its history.
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test “Tenant IdP”' });
    await dialog.getByLabel('Tenant').fill('unknown-tenant');
    await dialog.getByRole('button', { name: 'Run test' }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Failed');
    expect(await page.locator('.verdict .oauth-code').innerText()).toBe('invalid_request');

    const history = page.getByRole('region', { name: 'History' });
    const rows = history.getByRole('row');
    await poll(() => rows.count()).toBe(3); // header + 2 runs
    expect(await rows.nth(1).innerText()).toMatch(/Test\s+Failed\s+invalid_request/);
    expect(await rows.nth(2).innerText()).toMatch(/Test\s+Passed\s+—/);

    // Pick the passing run: the panel shows it, says so, and "Show latest" goes back.
    await rows.nth(2).getByRole('button').click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.getByRole('note').filter({ hasText: 'from the history' }).count()).toBe(1);
    expect(
      await page
        .getByRole('article', { name: /Token request/ })
        .locator('.exchange__url')
        .innerText(),
    ).toContain('/acme/token');
    await app.screenshot('test-history-compare', { fullPage: false });
    await page.getByRole('button', { name: 'Show latest' }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Failed');

    // The tenant typed last is offered again (it is not a secret).
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    expect(await dialog.getByLabel('Tenant').inputValue()).toBe('unknown-tenant');
    await page.keyboard.press('Escape');
  });

  it('asks for the tenant when Test is pressed in the profile list', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Test Tenant IdP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test “Tenant IdP”' });
    await dialog.waitFor();
    await page.getByRole('heading', { level: 1, name: 'Tenant IdP' }).waitFor();
    await dialog.getByLabel('Tenant').fill('acme');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(seen.at(-1)).toBe('/acme/token');
  });
});
