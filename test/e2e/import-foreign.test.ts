/**
 * End to end: Import… a Postman collection (written by postman-collection): the preview names the format, each
 * profile's grant, the secrets found (labels, never values) and the notes, with the choice for a clashing name;
 * Import creates the profiles with the secret in the keychain. Screenshots at 1280 × 800 and 900 × 600.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from 'postman-collection';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const dir = mkdtempSync(join(tmpdir(), 'authbench-e2e-import-'));
const dialogs = { open: null as string | null };
let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({
    context: {
      dialogs: {
        openProfiles: async () => dialogs.open,
        saveProfiles: async () => null,
        saveHar: async () => null,
        saveCurl: async () => null,
        saveBundle: async () => null,
        confirmExportWithSecrets: async () => false,
      },
    },
  });
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const kv = (o: Record<string, unknown>) => Object.entries(o).map(([key, value]) => ({ key, value }));

function collection(name: string, secret: string): string {
  return JSON.stringify(
    new Collection({
      info: { name },
      auth: {
        type: 'oauth2',
        oauth2: kv({
          grant_type: 'client_credentials',
          accessTokenUrl: 'https://login.example.com/oauth2/token',
          clientId: 'acme-api',
          clientSecret: secret,
          scope: 'read write',
          addTokenTo: 'queryParams',
        }),
      } as never,
      item: [
        {
          name: 'Web',
          auth: {
            type: 'oauth2',
            oauth2: kv({
              grant_type: 'authorization_code_with_pkce',
              authUrl: 'https://login.example.com/oauth2/authorize',
              accessTokenUrl: 'https://login.example.com/oauth2/token',
              clientId: 'acme-web',
              state: 'fixed',
              redirect_uri: 'https://oauth.pstmn.io/v1/callback',
            }),
          },
          item: [{ name: 'Me', request: { url: 'https://api.example.com/me' } }],
        },
      ],
    } as never).toJSON(),
  );
}

describe.each(E2E_VIEWPORTS)('import a Postman collection at $width×$height', ({ width, height }) => {
  it('previews the format, notes and secrets found, then imports', async () => {
    const { page, ctx } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    const size = `${width}x${height}`;
    const name = `Acme ${size}`;
    const secret = `postman-secret-${randomBytes(8).toString('hex')}`;
    // A stored profile with the collection's name: the preview offers the clash choice under that entry.
    await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name,
        identityProviderName: 'Old',
        clientId: 'old',
        tokenUrl: 'https://login.example.com/oauth2/token',
      },
      {},
    );
    await app.reload();
    const file = join(dir, `acme-${size}.postman_collection.json`);
    writeFileSync(file, collection(name, secret));
    dialogs.open = file;
    await page.getByRole('button', { name: 'Import…' }).click();

    const preview = page.getByRole('dialog', { name: 'Import from a Postman collection' });
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('Format: Postman collection');
    expect(text).toContain(file);
    expect(await page.content()).not.toContain(secret);
    const root = preview.getByRole('listitem').filter({ hasText: 'Secrets found: Client Secret' }).first();
    expect(await root.innerText()).toContain('OAuth v2 client credentials');
    expect(await root.innerText()).toContain("Postman 'Add auth data to: request URL' is not supported");
    expect(await root.getByRole('radio', { name: 'Import as a copy' }).isChecked()).toBe(true);
    const web = preview
      .getByRole('listitem')
      .filter({ hasText: `${name} / Web` })
      .first();
    expect(await web.innerText()).toContain('Secrets found: none');
    expect(await web.innerText()).toContain('The state (a fixed value) is not kept');
    expect(await web.innerText()).toContain('is not used: Authbench receives the code on a loopback redirect URI');
    const importButton = preview.getByRole('button', { name: 'Import', exact: true });
    await expectInViewport(page, importButton, 'the Import button');
    await app.screenshot(`import-foreign-preview-${size}`, { fullPage: false });
    await importButton.click();

    const report = page.getByRole('dialog', { name: 'Import report' });
    await report.waitFor();
    expect(await report.innerText()).toContain(
      '2 profiles in the file: 2 imported, 0 replaced, 0 skipped, 0 rejected.',
    );
    expect(await report.innerText()).toContain(`as “${name} (2)”`);
    await app.screenshot(`import-foreign-report-${size}`, { fullPage: false });
    await report.getByRole('button', { name: 'Close' }).click();

    await poll(() => page.getByRole('row', { name: new RegExp(`${name} \\(2\\)`) }).innerText()).toContain(
      'Configured',
    );
    const copy = await ctx.profiles.getByName(`${name} (2)`);
    expect(await ctx.profiles.readSecret(copy.id, 'clientSecret')).toBe(secret);
    expect((await ctx.profiles.getByName(`${name} / Web`)).clientAuthMethod).toBe('none');
  });
});
