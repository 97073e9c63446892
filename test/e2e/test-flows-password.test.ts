/**
 * End to end: a password-grant profile in user-authorize mode (legacy, RFC 9700 §2.4). Its Test dialog is
 * built from the IDP form fields (mandatory enforced, input types, read-only shown disabled, hidden sent
 * unseen); the run goes to a real @node-oauth/oauth2-server on loopback (test/helpers/password-idp.ts),
 * then to its API as the check URL, and the typed password appears nowhere in the page afterwards.
 * Refresh now then rotates the token (RFC 6749 §6).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

requireBuiltRenderer();

const CLIENT_ID = 'pw-client';
const CLIENT_SECRET = `pw-secret-${randomBytes(12).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;
const PIN = '90817263';

let app: E2eApp;
let idp: PasswordIdp;
/** The form parameters of every token request the IdP received. */
const received = () => idp.tokenRequests.map((r) => Object.fromEntries(new URLSearchParams(r.body)));

beforeAll(async () => {
  idp = await startPasswordIdp({
    clients: [{ id: CLIENT_ID, secret: CLIENT_SECRET }],
    users: [{ username: 'alice', password: PASSWORD }],
  });
  app = await startE2eApp();
  await app.ctx.profiles.create(
    {
      grantType: 'password',
      name: 'Password IdP',
      identityProviderName: 'oauth2-server (loopback)',
      clientId: CLIENT_ID,
      clientAuthMethod: 'client_secret_basic',
      tokenUrl: idp.tokenUrl,
      authorizationMode: 'user',
      idpFormFields: [
        { title: 'Company code', key: 'company', helpHint: 'As printed on your badge', mandatory: true },
        { title: 'PIN', key: 'pin', fieldType: 'password', dataType: 'number' },
        { title: 'Contact e-mail', key: 'contact', dataType: 'email' },
        { title: 'Region', key: 'region', visibility: 'readonly', defaultValue: 'eu-west' },
        { title: 'Device', key: 'device_id', visibility: 'hidden', defaultValue: 'authbench-e2e' },
      ],
      // The check URL proves the token works: the timeline shows the token call, then the check.
      checkUrl: `${idp.apiUrl}/me`,
      authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
    },
    { clientSecret: CLIENT_SECRET },
  );
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
});

beforeEach(async () => {
  await app.reload();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const isFocused = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

describe('Test dialog: password grant (user-authorize mode)', () => {
  it('builds the dialog from the IDP form fields, enforces mandatory ones, and leaves no password in the page', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Password IdP', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Password IdP' }).waitFor();
    expect(await page.locator('.test-controls').innerText()).toContain('legacy (RFC 9700 §2.4)');
    await page.getByRole('button', { name: 'Test', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Test “Password IdP”' });
    // The legacy note stays beside Test: the dialog does not repeat it.
    expect(await dialog.innerText()).not.toContain('legacy');
    const input = (label: string) => dialog.getByLabel(label, { exact: true });
    const attrs = (label: string) =>
      input(label).evaluate((el: HTMLInputElement) => ({
        type: el.type,
        required: el.getAttribute('aria-required'),
        disabled: el.disabled,
        value: el.value,
      }));
    expect(await attrs('Username')).toEqual({ type: 'text', required: 'true', disabled: false, value: '' });
    expect(await attrs('Password')).toEqual({ type: 'password', required: 'true', disabled: false, value: '' });
    expect(await attrs('Company code')).toEqual({ type: 'text', required: 'true', disabled: false, value: '' });
    expect(await attrs('PIN')).toEqual({ type: 'password', required: null, disabled: false, value: '' });
    expect(await attrs('Contact e-mail')).toEqual({ type: 'email', required: null, disabled: false, value: '' });
    expect(await attrs('Region')).toEqual({ type: 'text', required: null, disabled: true, value: 'eu-west' });
    expect(await dialog.getByLabel('Device').count()).toBe(0);
    expect(await dialog.innerText()).toContain('As printed on your badge');
    await poll(() => isFocused(page, 'Username')).toBe(true);

    // Enter with nothing typed: each mandatory field says so, focus goes to the first, nothing is sent.
    await page.keyboard.press('Enter');
    await poll(() => input('Username').getAttribute('aria-invalid')).toBe('true');
    const errors = await dialog.locator('.form-field__error').allInnerTexts();
    expect(errors.map((e) => e.replace(/^⚠\s*/, ''))).toEqual([
      'Username is required',
      'Password is required',
      'Company code is required',
    ]);
    expect(received()).toEqual([]);
    await app.screenshot('test-password-dialog-required', { fullPage: false });

    await input('Username').fill('alice');
    await input('Password').fill(PASSWORD);
    await input('Company code').fill('ACME');
    await input('PIN').fill(PIN);
    await input('Contact e-mail').fill('not-an-address');
    await page.keyboard.press('Enter');
    await poll(() => input('Contact e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await input('Company code').getAttribute('aria-invalid')).toBe('false');
    await poll(() => isFocused(page, 'Contact e-mail')).toBe(true);
    await input('Contact e-mail').fill('alice@example.com');
    await page.keyboard.press('Enter');

    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.getByRole('list', { name: 'Warnings' }).innerText()).toContain(
      'Legacy grant: see the note beside Test',
    );
    expect(received()).toHaveLength(1);
    expect(received()[0]).toMatchObject({
      grant_type: 'password',
      username: 'alice',
      password: PASSWORD,
      company: 'ACME',
      pin: PIN,
      contact: 'alice@example.com',
      region: 'eu-west',
      device_id: 'authbench-e2e',
    });

    const token = page.getByRole('region', { name: 'Token' });
    const tokenText = await token.innerText();
    expect(tokenText).toMatch(/Refresh token\s+Held/);
    expect(tokenText).toContain('opaque (not a JWT)');
    // The timeline: the token request, then the check URL called with the new token (path, then host).
    expect(await page.getByRole('region', { name: 'Timeline' }).innerText()).toMatch(
      /Token request\s+POST \/token\s+[\w.-]+:\d+(?: · \d+ query parameters?)?\s+200 OK[\s\S]+Authorization check\s+GET \/api\/me\s+[\w.-]+:\d+(?: · \d+ query parameters?)?\s+200 OK/,
    );
    expect(idp.apiCalls.map((c) => c.via)).toEqual(['header:authorization']);
    const html = await page.content();
    expect(html).not.toContain(PASSWORD);
    expect(html).not.toContain(PIN);
    expect(html).not.toContain(CLIENT_SECRET);
    await app.screenshot('test-password-passed', { fullPage: false });
  });

  it('refreshes the held token now and shows the refresh exchange as a run', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Password IdP', exact: true }).click();
    const token = page.getByRole('region', { name: 'Token' });
    await poll(() => token.innerText()).toMatch(/Refresh token\s+Held/);
    const before = received().length;

    await token.getByRole('button', { name: 'Refresh now' }).click();
    await poll(() => page.getByRole('region', { name: 'History' }).getByRole('row').nth(1).innerText()).toMatch(
      /Refresh\s+Passed/,
    );
    expect(
      received()
        .slice(before)
        .map((r) => r.grant_type),
    ).toEqual(['refresh_token']);
    expect(idp.issued.at(-1)?.grant).toBe('refresh_token');
    expect(
      await page
        .getByRole('article', { name: /Refresh/ })
        .locator('.http-status')
        .innerText(),
    ).toBe('200 OK');
    expect(await page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.content()).not.toContain(PASSWORD);
    await app.screenshot('test-password-refreshed', { fullPage: false });
  });
});
