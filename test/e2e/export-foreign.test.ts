/**
 * End to end: the Export dialog offers the format; choosing Postman writes a collection (read back with
 * postman-collection, no secret in it) and the dialog lists what Postman cannot express for each profile. The OS
 * save dialog is a stand-in returning a temp path; screenshots at 1280 × 800 and 900 × 600.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection, type Item } from 'postman-collection';
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

const dir = mkdtempSync(join(tmpdir(), 'authbench-e2e-export-foreign-'));
const SECRET = `e2e-foreign-${randomBytes(8).toString('hex')}`;
const dialogs = { save: null as string | null, savedDefaultName: '' };

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({
    context: {
      dialogs: {
        openProfiles: async () => null,
        saveProfiles: async (defaultName) => {
          dialogs.savedDefaultName = defaultName;
          return dialogs.save;
        },
        saveHar: async () => null,
        saveCurl: async () => null,
        saveBundle: async () => null,
        confirmExportWithSecrets: async () => true,
      },
    },
  });
  await app.ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: 'Billing robot',
      identityProviderName: 'Keycloak',
      clientId: 'billing',
      tokenUrl: 'https://kc.example/realms/{tenant}/protocol/openid-connect/token',
      tenancy: { enabled: true },
      scopes: [{ key: 'scope', value: 'invoices:read' }],
      tokenRequest: { method: 'PUT', contentType: 'form' },
      checkUrl: 'https://billing.example/invoices',
    },
    { clientSecret: SECRET },
  );
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

describe.each(E2E_VIEWPORTS)('export to other tools at $width×$height', ({ width, height }) => {
  it('chooses Postman in the Export dialog, writes the collection and lists the notes', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    dialogs.save = join(dir, `postman-${width}.json`);

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export profiles' });
    const format = dialog.getByLabel('Format');
    expect(await format.inputValue()).toBe('authbench');
    await format.selectOption({ label: 'Postman collection v2.1' });
    expect(await dialog.getByText('One collection with a request per profile').count()).toBe(1);
    await app.screenshot(`export-foreign-format-${width}x${height}`, { fullPage: false });
    await dialog.getByRole('button', { name: 'Export 1…' }).click();

    const notes = dialog.getByRole('list', { name: 'Export notes' });
    await poll(() => notes.count()).toBe(1);
    expect(await notes.innerText()).toContain('Billing robot: Postman sends the token request as POST, not PUT');
    await expectInViewport(page, dialog.getByRole('button', { name: 'Done' }), 'the Done button');
    await app.screenshot(`export-foreign-notes-${width}x${height}`, { fullPage: false });
    expect(dialogs.savedDefaultName).toBe('Billing robot.postman_collection.json');

    expect(existsSync(dialogs.save)).toBe(true);
    const text = readFileSync(dialogs.save, 'utf8');
    expect(text).not.toContain(SECRET);
    const collection = new Collection(JSON.parse(text));
    const [request] = (collection.items.all() as unknown as Item[]).map((item) => item.request);
    expect(request!.url.toString()).toBe('https://billing.example/invoices');
    expect(request!.auth!.parameters().toObject()).toMatchObject({
      grant_type: 'client_credentials',
      accessTokenUrl: 'https://kc.example/realms/{{tenant}}/protocol/openid-connect/token',
      clientId: 'billing',
      scope: 'invoices:read',
    });

    await dialog.getByRole('button', { name: 'Done' }).click();
    await poll(() => dialog.count()).toBe(0);
    expect(readdirSync(dir)).toContain(`postman-${width}.json`);
  });
});
