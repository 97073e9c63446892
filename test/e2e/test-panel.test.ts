/**
 * End to end (docs/architecture.md, "How it is tested"): the built renderer in Chromium, bridged to the
 * real router (SQLite + keychain), testing profiles against a real oidc-provider IdP on loopback.
 * Screenshots of each end state go to test-results/screenshots/.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';

// Checked at load time, so a missing build fails the file (and the count) rather than skipping its tests.
requireBuiltRenderer();

const CLIENT_ID = 'e2e-client';
const CLIENT_SECRET = `e2e-secret-${randomBytes(12).toString('hex')}`;

let app: E2eApp;
let idp: RunningIdp;
const harDir = mkdtempSync(join(tmpdir(), 'authbench-har-'));
const harPath = join(harDir, 'run.har');

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  app = await startE2eApp({
    context: {
      dialogs: {
        openProfiles: async () => null,
        saveProfiles: async () => null,
        saveHar: async () => harPath,
        saveCurl: async () => null,
        saveBundle: async () => null,
        confirmExportWithSecrets: async () => false,
      },
    },
  });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
  rmSync(harDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await app.reload();
});

afterEach(() => {
  // A CSP violation or an uncaught error in the renderer fails the test that caused it.
  expect(app.takeErrors()).toEqual([]);
});

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Fills the editor of a new client-credentials profile through the UI, as a person would type it. */
async function fillNewProfile(page: Page, fields: { name: string; secret: string; tokenUrl: string; scope?: string }) {
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill(fields.name);
  await page.getByLabel('Identity Provider Name').fill('oidc-provider (loopback)');
  await page.getByLabel('Description').fill('Created by the E2E test');
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByLabel('Client Secret').fill(fields.secret);
  await page.getByLabel('Client Authentication').selectOption('client_secret_basic');
  await page.getByLabel('Token Request URL').fill(fields.tokenUrl);
  if (fields.scope !== undefined) await page.getByLabel('Scope value 1').fill(fields.scope);
}

/** Saves the new profile and waits until its stored view shows it Configured. */
async function save(page: Page, name: string) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('Configured', { exact: true }).waitFor();
}

async function saveAndTest(page: Page, name: string) {
  await save(page, name);
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await page.locator('.verdict').waitFor({ timeout: 20_000 });
}

/** A token endpoint that accepts connections and never answers: a Test against it runs until cancelled. */
async function startHungServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => {});
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

describe('Test panel', () => {
  it('tests a client-credentials profile created through the UI and shows the exchange', async () => {
    const { page } = app;
    await fillNewProfile(page, {
      name: 'Loopback IdP',
      secret: CLIENT_SECRET,
      tokenUrl: idp.tokenEndpoint,
      scope: 'api:read',
    });
    await saveAndTest(page, 'Loopback IdP');

    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    const exchange = page.getByRole('article', { name: /Token request/ });
    const statusLine = await exchange.locator('.exchange__status-line').innerText();
    expect(statusLine).toContain('POST');
    expect(statusLine).toContain(idp.tokenEndpoint);
    expect(await exchange.locator('.http-status').innerText()).toBe('200 OK');

    // The Response tab is open first and shows the pretty-printed JSON token response.
    const responseTab = exchange.getByRole('tab', { name: 'Response' });
    expect(await responseTab.getAttribute('aria-selected')).toBe('true');
    expect(await exchange.getByRole('tabpanel').innerText()).toContain('"token_type": "Bearer"');
    expect(await page.getByRole('region', { name: 'Token' }).innerText()).toContain('api:read');
    await app.screenshot('client-credentials-passed-response');

    // Arrow-key navigation moves to the Headers tab (the response headers only), then to the Request tab.
    await responseTab.focus();
    await page.keyboard.press('ArrowLeft');
    const headersTab = exchange.getByRole('tab', { name: 'Headers' });
    await poll(() => isFocused(headersTab)).toBe(true);
    expect(await headersTab.getAttribute('aria-selected')).toBe('true');
    await exchange.getByRole('table', { name: 'Response headers' }).waitFor();
    expect(await exchange.getByRole('table', { name: 'Request headers' }).count()).toBe(0);
    await app.screenshot('client-credentials-passed-headers');
    await page.keyboard.press('ArrowLeft');
    const requestTab = exchange.getByRole('tab', { name: 'Request' });
    await poll(() => isFocused(requestTab)).toBe(true);
    expect(await requestTab.getAttribute('aria-selected')).toBe('true');
    const requestHeaders = exchange.getByRole('table', { name: 'Request headers' });
    expect(await requestHeaders.getByRole('row', { name: /content-type/ }).innerText()).toMatch(
      /content-type\s+application\/x-www-form-urlencoded/,
    );
    expect(await requestHeaders.getByRole('row', { name: /authorization/ }).innerText()).toContain('Basic [redacted]');
    await app.screenshot('client-credentials-passed-request');

    const html = await page.content();
    expect(html).not.toContain(CLIENT_SECRET);
    expect(html).not.toContain(Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'));

    // Save as HAR: main writes the redacted run where the save dialog chose.
    await page.getByRole('button', { name: 'Save as HAR…' }).click();
    await poll(() => page.locator('.run-actions [role="status"]').innerText()).toBe(`Saved to ${harPath}`);
    const har = readFileSync(harPath, 'utf8');
    expect(JSON.parse(har).log.entries[0].response.status).toBe(200);
    expect(har).not.toContain(CLIENT_SECRET);

    // The same end state in the dark theme, for people to look at.
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('client-credentials-passed-headers-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows Failed with invalid_client and a diagnosis for a wrong secret', async () => {
    const { page } = app;
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    await fillNewProfile(page, { name: 'Wrong secret', secret: wrong, tokenUrl: idp.tokenEndpoint, scope: 'api:read' });
    await saveAndTest(page, 'Wrong secret');

    const verdict = await page.locator('.verdict').innerText();
    expect(verdict).toContain('Failed');
    expect(await page.locator('.verdict .oauth-code').innerText()).toBe('invalid_client');
    expect(verdict).toContain('Diagnosis');
    expect(verdict).toContain('did not accept the client credentials');
    // The IdP's error_description is said once, whether the diagnosis quotes it or not.
    expect(verdict.match(/client authentication failed/gi)).toHaveLength(1);
    expect(
      await page
        .getByRole('article', { name: /Token request/ })
        .locator('.http-status')
        .innerText(),
    ).toContain('401');
    expect(await page.content()).not.toContain(wrong);
    await app.screenshot('client-credentials-invalid-client');

    // Replace the stored secret (its value is never shown) and test again.
    await page.getByRole('button', { name: 'Replace Client Secret' }).click();
    await poll(() => isFocused(page.getByLabel('Client Secret'))).toBe(true);
    await page.keyboard.type(CLIENT_SECRET);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.content()).not.toContain(CLIENT_SECRET);
  });

  it('validates the Token Request URL inline and does not save an invalid profile', async () => {
    const { page, ctx } = app;
    const before = (await ctx.profiles.list()).length;
    await fillNewProfile(page, { name: 'Bad URL', secret: 'irrelevant-secret', tokenUrl: 'javascript:alert(1)' });
    const url = page.getByLabel('Token Request URL');
    await url.blur();

    await poll(() => url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await url.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const message = page.locator(`[id="${describedBy!.split(' ')[0]}"]`);
    expect(await message.innerText()).toBe('javascript: URLs are not allowed');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The profile was not saved' });
    expect(await summary.innerText()).toContain('Token Request URL: javascript: URLs are not allowed');
    await poll(() => isFocused(summary)).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'New profile' }).waitFor();
    expect((await ctx.profiles.list()).length).toBe(before);
    await app.screenshot('inline-validation-token-url');
  });

  it('maps a server field error (Name already in use) onto the Name field', async () => {
    const { page, ctx } = app;
    const before = (await ctx.profiles.list()).length;
    await fillNewProfile(page, { name: 'Loopback IdP', secret: 'another-secret', tokenUrl: idp.tokenEndpoint });
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'The profile was not saved' });
    await poll(() => summary.innerText()).toContain('A profile named "Loopback IdP" already exists');
    const nameField = page.getByLabel('Name', { exact: true });
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-name-error').innerText()).toBe('Already in use');
    expect((await ctx.profiles.list()).length).toBe(before);

    // Editing the field clears the server's verdict on it.
    await nameField.fill('Loopback IdP (copy)');
    expect(await nameField.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows the latest progress while a Test runs, and cancels it', async () => {
    const { page } = app;
    const hung = await startHungServer();
    try {
      await fillNewProfile(page, { name: 'Hung IdP', secret: 'hung-secret', tokenUrl: hung.url });
      await save(page, 'Hung IdP');
      await page.getByRole('button', { name: 'Test', exact: true }).click();

      const running = page.getByRole('status').filter({ hasText: 'Testing…' });
      await poll(() => running.innerText()).toContain('Requesting a token from 127.0.0.1');
      await app.screenshot('test-running');

      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await poll(() => page.locator('.verdict').innerText()).toContain('Cancelled');
      expect(await page.getByRole('button', { name: 'Test', exact: true }).isEnabled()).toBe(true);
    } finally {
      await hung.close();
    }
  });

  it('lists profiles with Authorization Type and Status, and deletes one after a confirmation', async () => {
    const { page, ctx } = app;
    const name = 'Okta without secret';
    await ctx.profiles.create({
      grantType: 'client_credentials',
      name,
      identityProviderName: 'Okta',
      clientId: '0oa1b2c3d4',
      tokenUrl: 'https://example.okta.com/oauth2/default/v1/token',
      scopes: [{ key: 'scope', value: 'api:read' }],
    });
    await app.reload();

    const row = page.getByRole('row', { name: new RegExp(name) });
    const text = await row.innerText();
    expect(text).toContain('OAuth v2 client credentials');
    expect(text).toContain('Not configured');
    expect(await row.getByRole('button', { name: `Test ${name}` }).isDisabled()).toBe(true);
    expect(await page.getByRole('row', { name: /Loopback IdP/ }).innerText()).toMatch(/\bConfigured\b/);
    await app.screenshot('profile-list');

    await row.getByRole('button', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await page.getByRole('button', { name: 'Test', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('.test-controls__note').innerText()).toContain('Client Secret is not set');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete “${name}”?` });
    expect(await dialog.innerText()).toContain('This cannot be undone.');
    await app.screenshot('delete-confirmation', { fullPage: false });
    await dialog.getByRole('button', { name: 'Delete profile' }).click();

    await page.getByRole('heading', { level: 1, name: 'Authorization Profile Summary' }).waitFor();
    await poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    expect((await ctx.profiles.list()).some((p) => p.name === name)).toBe(false);
  });
});
