/**
 * End to end (docs/architecture.md, "How it is tested"): the profile editor in Chromium over the real
 * router, SQLite and keychain. One profile of each Authorization Type is created through the editor with
 * every section of that type filled (a row in each table), then read back from the store field by field.
 * Screenshots of each editor go to test-results/screenshots/editor-<type>.png.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';

requireBuiltRenderer();

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp();
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await app?.close();
});

beforeEach(async () => {
  await app.reload();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const secret = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;

const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });

/** A screenshot of the whole editor: the viewport grows to the page so sticky bars sit where they end. */
async function editorScreenshot(name: string) {
  const { page } = app;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  await app.screenshot(name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Opens "New profile" and picks the Authorization Type, as the editor asks first. */
async function startNew(page: Page, type: 'OAuth v2' | 'OAuth v2 client credentials' | 'OAuth v2 password grant') {
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByRole('radio', { name: type, exact: true }).check();
}

/** Fills the fields every type has: General, Client, Token Request URL, Scope, Token request, Using the token, TLS. */
async function fillCommon(
  page: Page,
  f: { name: string; clientSecret: string; privateKey: string; passphrase: string; tokenUrl: string },
) {
  await label(page, 'Name').fill(f.name);
  await label(page, 'Identity Provider Name').fill('Okta');
  await label(page, 'Description').fill(`${f.name}, made by the E2E test`);
  await label(page, 'Client ID').fill('0oa-e2e-client');
  await label(page, 'Client Secret').fill(f.clientSecret);
  await label(page, 'Token Request URL').fill(f.tokenUrl);
  await label(page, 'Refresh Token URL').fill('https://idp.example.com/oauth2/refresh');

  await label(page, 'Scope value 1').fill('openid api:read');
  await page.getByRole('button', { name: 'Add scope' }).click();
  await label(page, 'Scope key 2').fill('audience');
  await label(page, 'Scope value 2').fill('https://api.example.com');

  await label(page, 'Token URL Method').selectOption('POST');
  await label(page, 'Token URL Content Type').selectOption('json');
  await page.getByRole('button', { name: 'Add header' }).click();
  await label(page, 'Request header key 1').fill('X-Trace');
  await label(page, 'Request header value 1').fill('e2e');
  await page.getByRole('switch', { name: 'Apply these headers to the refresh token call' }).check();

  await page.getByRole('button', { name: 'Add “Authorization: Bearer {{access_token}}”' }).click();
  await label(page, 'Authorization Check URL').fill('https://api.example.com/me');
  await label(page, 'Auth Error Status Codes').fill('401, 403');
  await page.getByRole('switch', { name: 'Auto-refresh token' }).check();

  await page.getByRole('switch', { name: 'Client Certificate Exchange' }).check();
  await label(page, 'Certificate Format').selectOption('pem');
  await label(page, 'Certificate').fill('-----BEGIN CERTIFICATE-----\nMIIB-e2e\n-----END CERTIFICATE-----');
  await label(page, 'Client Private Key').fill(f.privateKey);
  await label(page, 'Certificate Passphrase').fill(f.passphrase);
  await label(page, 'CA Bundle').fill('-----BEGIN CERTIFICATE-----\nMIIC-ca\n-----END CERTIFICATE-----');
  await label(page, 'Proxy URL').fill('http://127.0.0.1:3128');
}

/** Saves and waits for the stored profile's page; returns its id. */
async function save(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Profile created' }).waitFor();
  const stored = (await app.ctx.profiles.list()).find((p) => p.name === name);
  expect(stored).toBeDefined();
  return stored!.id;
}

/** The fields every type shares, as the store must hold them after fillCommon. */
function expectCommon(view: Record<string, unknown>, name: string, tokenUrl: string) {
  expect(view).toMatchObject({
    name,
    identityProviderName: 'Okta',
    description: `${name}, made by the E2E test`,
    clientId: '0oa-e2e-client',
    tokenUrl,
    refreshTokenUrl: 'https://idp.example.com/oauth2/refresh',
    scopes: [
      { key: 'scope', value: 'openid api:read' },
      { key: 'audience', value: 'https://api.example.com' },
    ],
    requestHeaders: [{ key: 'X-Trace', value: 'e2e' }],
    applyHeadersToRefresh: true,
    tokenRequest: { method: 'POST', contentType: 'json' },
    authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
    checkUrl: 'https://api.example.com/me',
    authErrorStatusCodes: [401, 403],
    autoRefresh: true,
    clientCertificate: {
      enabled: true,
      format: 'pem',
      certificate: '-----BEGIN CERTIFICATE-----\nMIIB-e2e\n-----END CERTIFICATE-----',
    },
    caBundle: '-----BEGIN CERTIFICATE-----\nMIIC-ca\n-----END CERTIFICATE-----',
    proxyUrl: 'http://127.0.0.1:3128',
  });
}

describe('Profile editor', () => {
  it('creates an OAuth v2 (authorization code) profile with every section filled', async () => {
    const { page, ctx } = app;
    const secrets = { clientSecret: secret('cs'), privateKey: secret('key'), passphrase: secret('pass') };
    // The type is chosen first, here from the keyboard: the radio cards are one group moved with arrows.
    await page.getByRole('button', { name: 'New profile' }).click();
    expect(await label(page, 'Authorization URL').count()).toBe(0);
    await page.getByRole('radio', { name: 'OAuth v2 client credentials', exact: true }).focus();
    await page.keyboard.press('ArrowUp');
    await poll(() => page.getByRole('radio', { name: 'OAuth v2', exact: true }).isChecked()).toBe(true);
    await label(page, 'Authorization URL').waitFor();
    await fillCommon(page, {
      name: 'Okta auth code',
      ...secrets,
      tokenUrl: 'https://{tenant}.okta.example.com/oauth2/v1/token',
    });

    await label(page, 'Authorization URL').fill('https://{tenant}.okta.example.com/oauth2/v1/authorize');
    await label(page, 'Issuer').fill('https://okta.example.com');
    await page.getByRole('switch', { name: 'Tenancy' }).check();

    // The callback URL follows the fixed port and is copied as shown.
    expect(await label(page, 'Callback URL').inputValue()).toBe('http://127.0.0.1:{port}/callback');
    await label(page, 'Callback Port').fill('8765');
    expect(await label(page, 'Callback URL').inputValue()).toBe('http://127.0.0.1:8765/callback');
    await page.getByRole('button', { name: 'Copy Callback URL' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('http://127.0.0.1:8765/callback');

    await label(page, 'Authorization Mode').selectOption('pre_authorize');
    expect(await page.getByRole('switch', { name: 'PKCE' }).isChecked()).toBe(true);
    expect(await label(page, 'PKCE Method').inputValue()).toBe('S256');
    await label(page, 'PKCE Method').selectOption('plain');
    expect(await page.locator('#field-pkce-method-warning').innerText()).toContain('Use S256 unless the IdP cannot');
    await label(page, 'PKCE Method').selectOption('S256');
    expect(await page.locator('#field-pkce-method-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Add additional field' }).click();
    await label(page, 'Additional field key 1').fill('prompt');
    await label(page, 'Additional field value 1').fill('consent');

    const id = await save(page, 'Okta auth code');
    await page.getByText('Configured', { exact: true }).waitFor();
    const view = await ctx.profiles.get(id);
    expectCommon(view, 'Okta auth code', 'https://{tenant}.okta.example.com/oauth2/v1/token');
    expect(view).toMatchObject({
      grantType: 'authorization_code',
      authorizationUrl: 'https://{tenant}.okta.example.com/oauth2/v1/authorize',
      issuer: 'https://okta.example.com',
      callbackPort: 8765,
      tenancy: { enabled: true },
      authorizationMode: 'pre_authorize',
      pkce: { enabled: true, method: 'S256' },
      additionalFields: [{ key: 'prompt', value: 'consent' }],
    });
    expect(view.secrets).toMatchObject({
      clientSecret: true,
      clientPrivateKey: true,
      clientCertificatePassphrase: true,
      username: false,
      password: false,
    });
    expect(await ctx.profiles.readSecret(id, 'clientSecret')).toBe(secrets.clientSecret);
    expect(await ctx.profiles.readSecret(id, 'clientPrivateKey')).toBe(secrets.privateKey);
    const html = await page.content();
    for (const value of Object.values(secrets)) expect(html).not.toContain(value);
    await editorScreenshot('editor-authorization_code');
    await page.emulateMedia({ colorScheme: 'dark' });
    await editorScreenshot('editor-authorization_code-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('creates an OAuth v2 client credentials profile: no authorization-code or password fields', async () => {
    const { page, ctx } = app;
    const secrets = { clientSecret: secret('cs'), privateKey: secret('key'), passphrase: secret('pass') };
    await startNew(page, 'OAuth v2 client credentials');
    await fillCommon(page, { name: 'Okta machine', ...secrets, tokenUrl: 'https://okta.example.com/oauth2/v1/token' });
    await label(page, 'Client Authentication').selectOption('client_secret_post');
    await label(page, 'Authorization field type 1').selectOption('query');
    await label(page, 'Authorization field key 1').fill('access_token');
    await label(page, 'Authorization field value 1').fill('{{access_token}}');

    for (const absent of ['Authorization URL', 'Callback URL', 'Authorization Mode', 'PKCE Method'])
      expect(await label(page, absent).count()).toBe(0);
    // Every grant has an Issuer, for discovery (OIDC Discovery 1.0 §4) and the lint at Test time.
    expect(await label(page, 'Issuer').count()).toBe(1);

    // A PFX holds the key: it is a secret field, loaded from a file as base64, with no separate private key.
    const pfx = Buffer.from([0x30, 0x82, 0x01, 0xff, 0x00, 0x10, 0x80, 0xfe]);
    await label(page, 'Certificate Format').selectOption('pfx');
    expect(await label(page, 'Client Private Key').count()).toBe(0);
    expect(await label(page, 'Certificate').count()).toBe(0);
    const pfxField = page.locator('.form-field', { has: label(page, 'Client Certificate (PFX)') });
    await pfxField
      .locator('input[type="file"]')
      .setInputFiles({ name: 'client.pfx', mimeType: 'application/x-pkcs12', buffer: pfx });
    await poll(() => label(page, 'Client Certificate (PFX)').inputValue()).toBe(pfx.toString('base64'));
    await label(page, 'Certificate Format').selectOption('pem');
    await label(page, 'Certificate').fill('-----BEGIN CERTIFICATE-----\nMIIB-e2e\n-----END CERTIFICATE-----');
    expect(await page.getByRole('heading', { name: 'User authorization' }).count()).toBe(0);

    const id = await save(page, 'Okta machine');
    const view = await ctx.profiles.get(id);
    expect(view).toMatchObject({
      grantType: 'client_credentials',
      clientAuthMethod: 'client_secret_post',
      status: 'configured',
    });
    expect(view.authorizationFields).toEqual([{ type: 'query', key: 'access_token', value: '{{access_token}}' }]);
    expectCommon(
      { ...view, authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }] },
      'Okta machine',
      'https://okta.example.com/oauth2/v1/token',
    );
    await editorScreenshot('editor-client_credentials');
  });

  it('creates an OAuth v2 password grant profile (marked legacy) with IDP form fields and stored credentials', async () => {
    const { page, ctx } = app;
    const secrets = { clientSecret: secret('cs'), privateKey: secret('key'), passphrase: secret('pass') };
    const user = { username: `user-${randomBytes(4).toString('hex')}`, password: secret('pw') };
    await page.getByRole('button', { name: 'New profile' }).click();
    const card = page.locator('label', {
      has: page.getByRole('radio', { name: 'OAuth v2 password grant', exact: true }),
    });
    expect(await card.innerText()).toContain('Legacy');
    expect(await card.innerText()).toContain('RFC 9700 §2.4');
    await page.getByRole('radio', { name: 'OAuth v2 password grant', exact: true }).check();
    await fillCommon(page, { name: 'Legacy ROPC', ...secrets, tokenUrl: 'https://login.example.com/token' });

    expect(await label(page, 'Username').count()).toBe(0);
    await label(page, 'Authorization Mode').selectOption('pre_authorize');
    await label(page, 'Username').fill(user.username);
    await label(page, 'Password').fill(user.password);
    await page.getByRole('button', { name: 'Add additional field' }).click();
    await label(page, 'Additional field key 1').fill('client_tag');
    await label(page, 'Additional field value 1').fill('{{pin}}');
    await page.getByRole('button', { name: 'Add form field' }).click();
    await label(page, 'IDP form field title 1').fill('PIN');
    await label(page, 'IDP form field key 1').fill('pin');
    await label(page, 'IDP form field help hint 1').fill('The 6-digit PIN from your token');
    await label(page, 'IDP form field type 1').selectOption('password');
    await label(page, 'IDP form field data type 1').selectOption('number');
    await label(page, 'IDP form field visibility 1').selectOption('visible');
    await label(page, 'IDP form field default value 1').fill('000000');
    await label(page, 'IDP form field mandatory 1').check();
    expect(await label(page, 'Callback URL').count()).toBe(0);
    await editorScreenshot('editor-new-password');

    const id = await save(page, 'Legacy ROPC');
    await page.getByText('Configured', { exact: true }).waitFor();
    const view = await ctx.profiles.get(id);
    expectCommon(view, 'Legacy ROPC', 'https://login.example.com/token');
    expect(view).toMatchObject({
      grantType: 'password',
      authorizationMode: 'pre_authorize',
      additionalFields: [{ key: 'client_tag', value: '{{pin}}' }],
      idpFormFields: [
        {
          title: 'PIN',
          key: 'pin',
          helpHint: 'The 6-digit PIN from your token',
          fieldType: 'password',
          mandatory: true,
          dataType: 'number',
          visibility: 'visible',
          defaultValue: '000000',
        },
      ],
    });
    expect(await ctx.profiles.readSecret(id, 'username')).toBe(user.username);
    expect(await ctx.profiles.readSecret(id, 'password')).toBe(user.password);
    expect(await page.content()).not.toContain(user.password);
    await editorScreenshot('editor-password');
  });
});
