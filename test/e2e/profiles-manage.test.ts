/**
 * End to end: duplicate (new name, secrets on request), delete (with a confirmation), import (a per-profile
 * report with the rejected profile's field errors) and export (secrets only when asked, read back from the
 * written file). The OS file dialogs are stand-ins returning temp-file paths (ContextOptions.dialogs).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';

requireBuiltRenderer();

const dir = mkdtempSync(join(tmpdir(), 'authbench-e2e-transfer-'));
/** What the stand-in dialogs answer next (null = the user pressed Cancel). */
const dialogs = {
  open: null as string | null,
  save: null as string | null,
  savedDefaultName: '',
  /** The counts main's native "Export with secrets" question was asked with (the stand-in confirms). */
  confirmedExports: [] as number[],
};

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({
    context: {
      dialogs: {
        openProfiles: async () => dialogs.open,
        saveProfiles: async (defaultName) => {
          dialogs.savedDefaultName = defaultName;
          return dialogs.save;
        },
        saveHar: async () => null,
        saveCurl: async () => null,
        saveBundle: async () => null,
        confirmExportWithSecrets: async (count) => {
          dialogs.confirmedExports.push(count);
          return true;
        },
      },
    },
  });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await app.reload();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const secret = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;

async function seed(name: string, clientSecret?: string) {
  return app.ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name,
      identityProviderName: 'Keycloak',
      clientId: `${name}-client`,
      tokenUrl: 'https://kc.example.com/realms/x/protocol/openid-connect/token',
    },
    clientSecret ? { clientSecret } : {},
  );
}

async function openProfile(page: Page, name: string) {
  await page
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button', { name, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('Duplicate and delete', () => {
  it('duplicates a profile under a new name with its secrets, and opens the copy', async () => {
    const { page, ctx } = app;
    const clientSecret = secret('dup');
    const source = await seed('Keycloak dev', clientSecret);
    await app.reload();
    await openProfile(page, 'Keycloak dev');

    await page.getByRole('button', { name: 'Duplicate as…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Duplicate “Keycloak dev” as…' });
    const name = dialog.getByLabel('New name');
    expect(await name.inputValue()).toBe('Keycloak dev (copy)');
    expect(await dialog.innerText()).toContain('Copies Client Secret into new keychain entries');

    // A name already in use is refused by main and shown on the field.
    await name.fill('Keycloak dev');
    await dialog.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await poll(() => dialog.locator('.form-field__error').innerText()).toContain('Already in use');

    await name.fill('Keycloak staging');
    // The original holds a secret: copying it is the default.
    expect(await dialog.getByLabel('Copy the secrets').isChecked()).toBe(true);
    await app.screenshot('duplicate-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Duplicate', exact: true }).click();

    await page.getByRole('heading', { level: 1, name: 'Keycloak staging' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Duplicated from “Keycloak dev”' }).waitFor();
    await page.getByText('Configured', { exact: true }).waitFor();
    const copy = (await ctx.profiles.list()).find((p) => p.name === 'Keycloak staging')!;
    expect(copy.id).not.toBe(source.id);
    expect((await ctx.profiles.get(copy.id)).clientId).toBe('Keycloak dev-client');
    expect(await ctx.profiles.readSecret(copy.id, 'clientSecret')).toBe(clientSecret);
    expect(await page.content()).not.toContain(clientSecret);
  });

  it('deletes a profile only after a confirmation that says it cannot be undone', async () => {
    const { page, ctx } = app;
    const doomed = await seed('Doomed profile', secret('doomed'));
    await app.reload();
    await openProfile(page, 'Doomed profile');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete “Doomed profile”?' });
    expect(await dialog.innerText()).toContain('This cannot be undone.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await ctx.profiles.get(doomed.id)).name).toBe('Doomed profile');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Authorization Profile Summary' }).waitFor();
    await poll(() => page.getByRole('row', { name: /Doomed profile/ }).count()).toBe(0);
    expect((await ctx.profiles.list()).some((p) => p.id === doomed.id)).toBe(false);
    expect((await ctx.secrets.listAccounts()).filter((a) => a.startsWith(`${doomed.id}/`))).toEqual([]);
  });
});

describe('Moving a profile to another host', () => {
  it('asks before saving a new token host, naming both, and keeps the secrets only when told', async () => {
    const { page, ctx } = app;
    const clientSecret = secret('host');
    const moving = await seed('Moving host', clientSecret);
    await ctx.profiles.writeEntry(moving.id, 'token', '{"access_token":"held"}');
    await app.reload();
    await openProfile(page, 'Moving host');
    const tokenUrl = page.getByLabel('Token Request URL', { exact: true });
    const save = page.getByRole('button', { name: 'Save', exact: true });
    const stored = () => ctx.profiles.readSecret(moving.id, 'clientSecret');

    // Same host, another path: saved at once, nothing dropped.
    await tokenUrl.fill('https://kc.example.com/realms/y/protocol/openid-connect/token');
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    expect(await stored()).toBe(clientSecret);

    // Another host: the question names both; Cancel saves nothing.
    await tokenUrl.fill('https://new-idp.example.net/token');
    await save.click();
    const ask = page.getByRole('alertdialog', { name: 'Save with a new host?' });
    const text = await ask.innerText();
    expect(text).toContain('https://kc.example.com:443 → https://new-idp.example.net:443');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => ask.count()).toBe(0);
    expect((await ctx.profiles.get(moving.id)).tokenUrl).toContain('kc.example.com');

    // Told they belong there too: kept.
    await save.click();
    await ask.getByLabel('They belong to the new host too: keep them').check();
    await ask.getByRole('button', { name: 'Save and keep secrets' }).click();
    await poll(async () => (await ctx.profiles.get(moving.id)).tokenUrl).toBe('https://new-idp.example.net/token');
    expect(await stored()).toBe(clientSecret);
    expect(await ctx.profiles.readEntry(moving.id, 'token')).not.toBeNull();

    // Not told: the secret and the token are deleted with the move.
    await tokenUrl.fill('https://third.example.org/token');
    await save.click();
    await ask.getByRole('button', { name: 'Save and delete secrets' }).click();
    await poll(async () => (await ctx.profiles.get(moving.id)).tokenUrl).toBe('https://third.example.org/token');
    expect(await stored()).toBeNull();
    expect(await ctx.profiles.readEntry(moving.id, 'token')).toBeNull();
    await page.getByText('Not configured', { exact: true }).first().waitFor();
  });
});

describe('Import and export', () => {
  it('imports a file with one good and one bad profile and reports the rejection with its field', async () => {
    const { page, ctx } = app;
    const carried = secret('imported');
    const file = join(dir, 'two-profiles.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'authbench.profiles/v1',
        profiles: [
          {
            grantType: 'client_credentials',
            name: 'Imported good',
            identityProviderName: 'Okta',
            clientId: 'good',
            tokenUrl: 'https://okta.example.com/token',
            clientSecret: carried,
          },
          {
            grantType: 'client_credentials',
            name: 'Imported bad',
            identityProviderName: 'Okta',
            clientId: 'bad',
            tokenUrl: 'javascript:alert(1)',
            requestHeaders: [{ key: 'Bad Header', value: 'x' }],
          },
        ],
      }),
    );
    dialogs.open = file;
    await page.getByRole('button', { name: 'Import…' }).click();

    const report = page.getByRole('dialog', { name: 'Import report' });
    await report.waitFor();
    const text = await report.innerText();
    expect(text).toContain('2 profiles in the file: 1 imported, 0 replaced, 0 skipped, 1 rejected.');
    expect(text).toContain(file);
    const bad = report.getByRole('listitem').filter({ hasText: 'Imported bad' }).first();
    expect(await bad.innerText()).toContain('Rejected');
    expect(await bad.innerText()).toContain('Token Request URL: javascript: URLs are not allowed');
    // A nested field reads as the user sees it: the row, then the box.
    expect(await bad.innerText()).toMatch(/Request header 1, key: \S/);
    expect(await report.getByRole('listitem').filter({ hasText: 'Imported good' }).first().innerText()).toContain(
      'Imported',
    );
    await app.screenshot('import-report', { fullPage: false });
    await report.getByRole('button', { name: 'Close' }).click();

    // The good one is listed, Configured: its carried secret went to the keychain.
    await poll(() => page.getByRole('row', { name: /Imported good/ }).innerText()).toContain('Configured');
    const good = (await ctx.profiles.list()).find((p) => p.name === 'Imported good')!;
    expect(await ctx.profiles.readSecret(good.id, 'clientSecret')).toBe(carried);
    expect((await ctx.profiles.list()).some((p) => p.name === 'Imported bad')).toBe(false);
  });

  it('asks per profile when names clash: replace, copy or skip, and says which entries carry secrets', async () => {
    const { page, ctx } = app;
    const stored = secret('stored');
    const kept = await seed('Clash kept', stored);
    const moved = await seed('Clash moved', stored);
    await seed('Clash skipped');
    await app.reload();
    const carried = secret('carried');
    const entry = (name: string, extra: Record<string, unknown> = {}) => ({
      grantType: 'client_credentials',
      name,
      identityProviderName: 'Elsewhere',
      clientId: `${name}-v2`,
      tokenUrl: 'https://kc.example.com/realms/x/protocol/openid-connect/token',
      ...extra,
    });
    const file = join(dir, 'clashes.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'authbench.profiles/v1',
        profiles: [
          entry('Clash kept', { clientSecret: carried }),
          entry('Clash moved', { tokenUrl: 'https://collector.example.net/token' }),
          entry('Clash skipped'),
          entry('Clash new'),
        ],
      }),
    );
    dialogs.open = file;
    await page.getByRole('button', { name: 'Import…' }).click();
    const ask = page.getByRole('dialog', { name: 'Profiles with names in use' });
    await ask.waitFor();
    expect(await ask.innerText()).toContain('The other 1 will be imported.');
    expect(await page.content()).not.toContain(carried);
    const group = (name: string) => ask.getByRole('group', { name: new RegExp(`^${name}`) });
    expect(await group('Clash kept').innerText()).toContain('carries secrets: yes');
    expect(await group('Clash moved').innerText()).toContain('carries secrets: no');
    expect(await group('Clash kept').getByRole('radio', { name: 'Import as a copy' }).isChecked()).toBe(true);
    await group('Clash moved').getByRole('radio', { name: 'Replace the stored profile' }).check();
    expect(await group('Clash moved').getByRole('alert').innerText()).toContain(
      'its stored secrets and token will be deleted',
    );
    await group('Clash skipped').getByRole('radio', { name: 'Skip' }).check();
    await app.screenshot('import-clashes', { fullPage: false });
    await ask.getByRole('button', { name: 'Import', exact: true }).click();

    const report = page.getByRole('dialog', { name: 'Import report' });
    await report.waitFor();
    expect(await report.innerText()).toContain(
      '4 profiles in the file: 2 imported, 1 replaced, 1 skipped, 0 rejected.',
    );
    expect(await report.getByRole('listitem').filter({ hasText: 'Clash kept' }).innerText()).toContain(
      'as “Clash kept (2)”',
    );
    await report.getByRole('button', { name: 'Close' }).click();

    expect((await ctx.profiles.get(kept.id)).clientId).toBe('Clash kept-client');
    expect(await ctx.profiles.readSecret(kept.id, 'clientSecret')).toBe(stored);
    const copy = await ctx.profiles.getByName('Clash kept (2)');
    expect(await ctx.profiles.readSecret(copy.id, 'clientSecret')).toBe(carried);
    expect((await ctx.profiles.get(moved.id)).tokenUrl).toBe('https://collector.example.net/token');
    expect(await ctx.profiles.readSecret(moved.id, 'clientSecret')).toBeNull();
    expect((await ctx.profiles.getByName('Clash skipped')).clientId).toBe('Clash skipped-client');
    expect((await ctx.profiles.getByName('Clash new')).clientId).toBe('Clash new-v2');
  });

  it('says why when the file is not a profiles document, and does nothing on Cancel', async () => {
    const { page } = app;
    dialogs.open = null;
    await page.getByRole('button', { name: 'Import…' }).click();
    await poll(() => page.getByRole('button', { name: 'Import…' }).isEnabled()).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);

    const file = join(dir, 'not-profiles.json');
    writeFileSync(file, '{"format":"something-else","profiles":[]}');
    dialogs.open = file;
    await page.getByRole('button', { name: 'Import…' }).click();
    const failed = page.getByRole('dialog', { name: 'Import failed' });
    expect(await failed.innerText()).toContain('"format" must be "authbench.profiles/v1"');
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('exports without secrets unless asked, and with them (after a warning) when asked', async () => {
    const { page, ctx } = app;
    const clientSecret = secret('export');
    await seed('Export me', clientSecret);
    await seed('Export me too', secret('export2'));
    await app.reload();

    // The selected profile, no secrets.
    dialogs.save = join(dir, 'selected.json');
    await page.getByRole('checkbox', { name: 'Select Export me', exact: true }).check();
    await page.getByRole('button', { name: 'Export 1 selected…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Export profiles' });
    expect(await dialog.getByRole('radio', { name: /Selected profiles \(1\)/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Include secrets').isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Export 1…' }).click();
    await poll(() =>
      page.getByRole('status').filter({ hasText: 'Exported 1 profile without secrets to' }).count(),
    ).toBe(1);
    expect(await page.locator('.list-status__path').innerText()).toBe(dialogs.save);
    expect(dialogs.savedDefaultName).toBe('Export me.authbench.json');
    const plain = readFileSync(dialogs.save, 'utf8');
    expect(JSON.parse(plain)).toMatchObject({
      format: 'authbench.profiles/v1',
      profiles: [{ name: 'Export me', clientId: 'Export me-client' }],
    });
    expect(plain).not.toContain(clientSecret);
    expect(plain).not.toContain('clientSecret');

    // All profiles, with secrets: the warning is shown before the file is written.
    dialogs.save = join(dir, 'all-with-secrets.json');
    await page.getByRole('button', { name: 'Export 1 selected…' }).click();
    dialog = page.getByRole('dialog', { name: 'Export profiles' });
    await dialog.getByRole('radio', { name: /All profiles/ }).check();
    await dialog.getByLabel('Include secrets').check();
    expect(await dialog.getByRole('alert').innerText()).toContain('in plain text');
    await app.screenshot('export-with-secrets-warning', { fullPage: false });
    const total = (await ctx.profiles.list()).length;
    await dialog.getByRole('button', { name: `Export ${total} with secrets…` }).click();
    await poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: `Exported ${total} profiles with their secrets` })
        .count(),
    ).toBe(1);
    const withSecrets = JSON.parse(readFileSync(dialogs.save, 'utf8')) as {
      profiles: Array<{ name: string; clientSecret?: string }>;
    };
    expect(withSecrets.profiles).toHaveLength(total);
    // Main asked its own native question before writing the secrets (the plain export asked nothing).
    expect(dialogs.confirmedExports).toEqual([total]);
    expect(withSecrets.profiles.find((p) => p.name === 'Export me')?.clientSecret).toBe(clientSecret);
  });
});

describe('Dialogs', () => {
  const focusInside = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
  const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
  type Role = 'dialog' | 'alertdialog';

  /**
   * Opens a dialog from `opener` and checks what every dialog does: modal, named by its title, focus kept
   * inside (on `firstFocus` first, when given), Escape closes it and focus returns to the opener.
   */
  async function checkModal(page: Page, opener: Locator, role: Role, name: string, firstFocus?: string) {
    await opener.click();
    const dialog = page.getByRole(role, { name });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await poll(() => focusInside(page)).toBe(true);
    if (firstFocus) expect(await isFocused(dialog.getByRole('button', { name: firstFocus }))).toBe(true);
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await focusInside(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    await poll(() => isFocused(opener)).toBe(true);
  }

  it('share one modal: named by the title, focus trapped, Escape cancels, focus returns to the opener', async () => {
    const { page, ctx } = app;
    const kept = await seed('Modal checks', secret('modal'));
    const names = (await ctx.profiles.list()).map((p) => p.name);
    await app.reload();

    await checkModal(page, page.getByRole('button', { name: 'Export…' }), 'dialog', 'Export profiles');

    await openProfile(page, 'Modal checks');
    const duplicate = page.getByRole('button', { name: 'Duplicate as…' });
    await checkModal(page, duplicate, 'dialog', 'Duplicate “Modal checks” as…');
    const remove = page.getByRole('button', { name: 'Delete', exact: true });
    await checkModal(page, remove, 'alertdialog', 'Delete “Modal checks”?', 'Cancel');
    await page.getByLabel('Client ID', { exact: true }).fill('edited');
    const back = page.getByRole('button', { name: '← All profiles' });
    await checkModal(page, back, 'alertdialog', 'Discard unsaved changes?', 'Keep editing');

    // Escape cancelled each one: nothing was deleted, copied or left.
    expect(await page.getByLabel('Client ID', { exact: true }).inputValue()).toBe('edited');
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(names);
    expect((await ctx.profiles.get(kept.id)).clientId).toBe('Modal checks-client');
  });
});
