/**
 * End to end: the editor's inline validation (the shared schema, live once a field is touched), the
 * summary on a failed save, keyboard row editing, and editing a stored profile with Name and
 * Authorization Type locked.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';

requireBuiltRenderer();

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp();
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

const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });
const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** The message a field shows, found through its aria-describedby (the error comes first). */
async function messageOf(field: Locator): Promise<string | null> {
  if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
  const first = (await field.getAttribute('aria-describedby'))?.split(' ')[0];
  return first ? field.page().locator(`[id="${first}"]`).innerText() : null;
}

describe('Editor validation', () => {
  it('shows the shared schema messages inline as the user types, and a summary on a failed save', async () => {
    const { page, ctx } = app;
    const before = (await ctx.profiles.list()).length;
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByRole('radio', { name: 'OAuth v2 client credentials', exact: true }).check();
    await label(page, 'Name').fill('Invalid on purpose');
    await label(page, 'Identity Provider Name').fill('Keycloak');
    await label(page, 'Client ID').fill('kc-client');

    // {tenant} with Tenancy off: the message follows the switch live once the field was touched.
    const tokenUrl = label(page, 'Token Request URL');
    await tokenUrl.fill('https://{tenant}.kc.example.com/token');
    await tokenUrl.blur();
    await poll(() => messageOf(tokenUrl)).toBe('Uses {tenant}, but Tenancy is off');
    await page.getByRole('switch', { name: 'Tenancy' }).check();
    await poll(() => messageOf(tokenUrl)).toBeNull();
    await page.getByRole('switch', { name: 'Tenancy' }).uncheck();
    await poll(() => messageOf(tokenUrl)).toBe('Uses {tenant}, but Tenancy is off');

    // A plain-http URL to a remote host is allowed, with a warning.
    const refresh = label(page, 'Refresh Token URL');
    await refresh.fill('http://kc.example.com/refresh');
    expect(await page.locator('#field-refreshTokenUrl-warning').innerText()).toBe(
      'http:// sends secrets unencrypted; use https://',
    );

    // A header name with a space is not an RFC 9110 token.
    await page.getByRole('button', { name: 'Add header' }).click();
    const headerKey = label(page, 'Request header key 1');
    await poll(() => isFocused(headerKey)).toBe(true);
    await page.keyboard.type('Bad Header');
    await headerKey.blur();
    await poll(() => messageOf(headerKey)).toContain('Not a valid header name (RFC 9110');

    const scopeKey = label(page, 'Scope key 1');
    await scopeKey.fill('client_id');
    await scopeKey.blur();
    await poll(() => messageOf(scopeKey)).toBe('This parameter is set by Authbench itself; use the field for it');

    const codes = label(page, 'Auth Error Status Codes');
    await codes.fill('401, forbidden');
    await codes.blur();
    await poll(() => messageOf(codes)).toBe('Comma-separated HTTP status codes from 100 to 599, e.g. 401, 403');
    await app.screenshot('editor-validation-inline');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The profile was not saved' });
    await poll(() => isFocused(summary)).toBe(true);
    const text = await summary.innerText();
    expect(text).toContain('4 fields need attention');
    expect(text).toContain('Token Request URL: Uses {tenant}, but Tenancy is off');
    expect(text).toContain('Request header key 1: Not a valid header name');
    expect(text).toContain('Scope key 1: This parameter is set by Authbench itself');
    expect(text).toContain('Auth Error Status Codes: Comma-separated HTTP status codes');
    await summary.getByRole('link', { name: /Request header key 1/ }).click();
    await poll(() => isFocused(headerKey)).toBe(true);
    expect((await ctx.profiles.list()).length).toBe(before);
    await app.screenshot('editor-validation-summary', { fullPage: false });

    // Removing the bad row from the keyboard: focus lands on "Add header" (no row is left).
    await page.getByRole('button', { name: 'Remove Request header row 1' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => focusedLabel(page)).toBe('Add header');
    expect(await summary.innerText()).not.toContain('Request header');
  });

  it('edits a stored profile: Name and Authorization Type are locked, rows reorder from the keyboard', async () => {
    const { page, ctx } = app;
    const stored = await ctx.profiles.create({
      grantType: 'authorization_code',
      name: 'Auth0 SPA',
      identityProviderName: 'Auth0',
      clientId: 'spa-client',
      clientAuthMethod: 'none',
      authorizationUrl: 'https://tenant.auth0.example.com/authorize',
      tokenUrl: 'https://tenant.auth0.example.com/oauth/token',
      scopes: [
        { key: 'scope', value: 'openid' },
        { key: 'audience', value: 'https://api.example.com' },
      ],
    });
    await app.reload();
    await page
      .getByRole('row', { name: /Auth0 SPA/ })
      .getByRole('button', { name: 'Auth0 SPA', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Auth0 SPA' }).waitFor();

    expect(await label(page, 'Name').getAttribute('readonly')).not.toBeNull();
    expect(await label(page, 'Authorization Type').getAttribute('readonly')).not.toBeNull();
    expect(await label(page, 'Authorization Type').inputValue()).toBe('OAuth v2');
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByText('Cannot be changed after the profile is created.').count()).toBe(1);
    await page
      .getByText('Cannot be changed after the profile is created — use Duplicate as… for a new name.')
      .waitFor();

    await page.getByRole('button', { name: 'Move Scope row 2 up' }).focus();
    await page.keyboard.press('Enter');
    expect(await label(page, 'Scope key 1').inputValue()).toBe('audience');
    // Row 1 cannot move further up: focus stays on the row, on its "down" button.
    await poll(() => focusedLabel(page)).toBe('Move Scope row 1 down');
    await label(page, 'Identity Provider Name').fill('Auth0 (EU)');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    const view = await ctx.profiles.get(stored.id);
    expect(view.name).toBe('Auth0 SPA');
    expect(view.grantType).toBe('authorization_code');
    expect(view.identityProviderName).toBe('Auth0 (EU)');
    expect(view.scopes.map((s) => s.key)).toEqual(['audience', 'scope']);
    // A public client needs no secret: Configured, and the Test button is enabled.
    await page.getByText('Configured', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Test', exact: true }).isEnabled()).toBe(true);
  });

  it('asks before leaving a profile with unsaved changes, and leaves at once without', async () => {
    const { page, ctx } = app;
    await ctx.profiles.create({
      grantType: 'client_credentials',
      name: 'Leave me',
      identityProviderName: 'IdP',
      clientId: 'c',
      tokenUrl: 'https://idp.example.com/token',
    });
    await app.reload();
    const open = async () => {
      await page
        .getByRole('row', { name: /Leave me/ })
        .getByRole('button', { name: 'Leave me', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Leave me' }).waitFor();
    };
    const back = page.getByRole('button', { name: '← All profiles' });
    const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });

    await open();
    await label(page, 'Client ID').fill('edited');
    await back.click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await poll(() => ask.count()).toBe(0);
    expect(await label(page, 'Client ID').inputValue()).toBe('edited');

    await back.click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Authorization Profile Summary' }).waitFor();
    expect((await ctx.profiles.getByName('Leave me')).clientId).toBe('c');

    // Nothing edited: no question.
    await open();
    await back.click();
    await page.getByRole('heading', { level: 1, name: 'Authorization Profile Summary' }).waitFor();
    expect(await ask.count()).toBe(0);
  });

  it('saves with Ctrl+S and tests with Ctrl+Enter', async () => {
    const { page, ctx } = app;
    await ctx.profiles.create({
      grantType: 'client_credentials',
      name: 'Keys',
      identityProviderName: 'IdP',
      clientId: 'c',
      clientAuthMethod: 'none',
      tokenUrl: 'http://127.0.0.1:9/token',
    });
    await app.reload();
    await page.getByRole('row', { name: /Keys/ }).getByRole('button', { name: 'Keys', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
    await label(page, 'Client ID').fill('saved-by-keyboard');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    expect((await ctx.profiles.getByName('Keys')).clientId).toBe('saved-by-keyboard');
    await page.keyboard.press('Control+Enter');
    // Nothing listens on port 9: the Test runs and fails, which proves it ran.
    await poll(() => page.locator('.verdict').innerText()).toContain('Connection refused');
  });
});
