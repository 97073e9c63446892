/**
 * End to end, at 1280×800 and 900×600: Duplicate as… with "Delete the original" (the one-step rename), the
 * Bearer quick-add that looks and works like a button, and the editor's section chips that stay in view
 * while the form scrolls. Screenshots: duplicate-as-dialog-, quick-add-, editor-chips-scrolled-<w>x<h>.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import {
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
  poll,
  E2E_VIEWPORTS,
  expectInViewport,
  openProfile,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const secret = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;

describe.each(E2E_VIEWPORTS)('small things at $width×$height', ({ width, height }) => {
  const size = `${width}x${height}`;
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp({ viewport: { width, height } });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async () => {
    expect(app.takeErrors()).toEqual([]);
    await app.reload();
  });

  it('Duplicate as… with "Delete the original" opens the copy, Configured, and the original is gone', async () => {
    const { page, ctx } = app;
    const clientSecret = secret('rename');
    const original = await ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: 'Acme legacy',
        identityProviderName: 'Okta',
        clientId: 'acme-client',
        tokenUrl: 'https://acme.example.com/oauth2/token',
      },
      { clientSecret },
    );
    await app.reload();
    await openProfile(page, 'Acme legacy');
    await page
      .getByText('Cannot be changed after the profile is created — use Duplicate as… for a new name.')
      .waitFor();

    await page.getByRole('button', { name: 'Duplicate as…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Duplicate “Acme legacy” as…' });
    const copySecrets = dialog.getByRole('checkbox', { name: 'Copy the secrets' });
    expect(await copySecrets.isChecked()).toBe(true);
    expect(await dialog.innerText()).toContain('Copies Client Secret into new keychain entries of the copy');
    const remove = dialog.getByRole('checkbox', {
      name: 'Delete the original “Acme legacy” with its test history, stored secrets and token',
    });
    expect(await remove.isChecked()).toBe(false);
    expect(await dialog.getByRole('button', { name: 'Duplicate', exact: true }).count()).toBe(1);

    await dialog.getByLabel('New name').fill('Acme');
    // From the keyboard: Space checks the box; the submit button says what it will do.
    await remove.focus();
    await page.keyboard.press('Space');
    expect(await remove.isChecked()).toBe(true);
    const submit = dialog.getByRole('button', { name: 'Duplicate and delete original' });
    expect(await dialog.innerText()).toContain('Deleted once the copy exists; this cannot be undone.');
    // Unchecking "Copy the secrets" warns that they would be lost with the original.
    await copySecrets.uncheck();
    expect(await dialog.innerText()).toContain('Its Client Secret is not copied and will be lost.');
    await copySecrets.check();
    await expectInViewport(page, submit);
    await app.screenshot(`duplicate-as-dialog-${size}`, { fullPage: false });

    await submit.click();
    await page.getByRole('heading', { level: 1, name: 'Acme' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Duplicated from “Acme legacy”; the original was deleted' })
      .waitFor();
    await page.getByText('Configured', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(clientSecret);

    await page.getByRole('button', { name: '← All profiles' }).click();
    await page.getByRole('heading', { name: 'Authorization Profile Summary' }).waitFor();
    await page.getByRole('button', { name: 'Acme', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Acme legacy', exact: true }).count()).toBe(0);

    const copy = (await ctx.profiles.list()).find((p) => p.name === 'Acme')!;
    expect(copy.status).toBe('configured');
    expect(await ctx.profiles.readSecret(copy.id, 'clientSecret')).toBe(clientSecret);
    expect(ctx.profiles.exists(original.id)).toBe(false);
    expect((await ctx.secrets.listAccounts()).filter((a) => a.startsWith(`${original.id}/`))).toEqual([]);
    await ctx.profiles.delete(copy.id);
  });

  it('says in amber, not as a success, when the original could not be deleted after the copy', async () => {
    const { page, ctx } = app;
    const original = await ctx.profiles.create({
      grantType: 'client_credentials',
      name: 'Kept original',
      identityProviderName: 'Okta',
      clientId: 'kept-client',
      clientAuthMethod: 'none',
      tokenUrl: 'https://kept.example.com/oauth2/token',
    });
    // A real SQLite failure on the original's row only.
    ctx.db.exec(
      `CREATE TRIGGER keep_original BEFORE DELETE ON profiles WHEN old.id = '${original.id}'
       BEGIN SELECT RAISE(ABORT, 'the disk is read-only'); END`,
    );
    try {
      await app.reload();
      await openProfile(page, 'Kept original');
      await page.getByRole('button', { name: 'Duplicate as…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Duplicate “Kept original” as…' });
      await dialog.getByLabel('New name').fill('Kept copy');
      await dialog.getByRole('checkbox', { name: /^Delete the original/ }).check();
      await dialog.getByRole('button', { name: 'Duplicate and delete original' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kept copy' }).waitFor();
      const notice = page.locator('.page-header .notice');
      await poll(() => notice.innerText()).toMatch(/Kept original/);
      // The copy opens at its top, where the notice is.
      await expectInViewport(page, notice);
      expect(await notice.evaluate((el) => el.classList.contains('notice--warn'))).toBe(true);
      const colors = await notice.evaluate((el) => {
        const probe = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
        return { shown: getComputedStyle(el).color, ok: probe('--ok') };
      });
      expect(colors.shown).not.toBe(colors.ok);
      await app.screenshot(`duplicate-as-delete-failed-${size}`, { fullPage: false });
    } finally {
      ctx.db.exec('DROP TRIGGER keep_original');
      for (const p of await ctx.profiles.list())
        if (p.name === 'Kept original' || p.name === 'Kept copy') await ctx.profiles.delete(p.id);
    }
  });

  it('the Bearer quick-add looks like a button and works from the keyboard', async () => {
    const { page, ctx } = app;
    const view = await ctx.profiles.create({
      grantType: 'client_credentials',
      name: 'Quick add',
      identityProviderName: 'Okta',
      clientId: 'qa',
      clientAuthMethod: 'none',
      tokenUrl: 'https://qa.example.com/token',
    });
    await app.reload();
    await openProfile(page, 'Quick add');

    const quickAdd = page.getByRole('button', { name: 'Add “Authorization: Bearer {{access_token}}”' });
    const intro = page.locator('#section-token-use .editor-section__intro');
    const look = (l: Locator) =>
      l.evaluate((el) => {
        const s = getComputedStyle(el);
        return { border: `${s.borderTopStyle} ${s.borderTopWidth} ${s.borderTopColor}`, background: s.backgroundColor };
      });
    const button = await look(quickAdd);
    const text = await look(intro);
    expect(button.border).toMatch(/^solid 1px /);
    expect(button.border).not.toBe(text.border);
    expect(button.background).not.toBe(text.background);
    expect(button.background).not.toBe('rgba(0, 0, 0, 0)');

    // Tab reaches it from the Add button beside it, with a visible focus ring.
    await page.getByRole('button', { name: 'Add authorization field' }).focus();
    await page.keyboard.press('Tab');
    await poll(() => quickAdd.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await quickAdd.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await quickAdd.scrollIntoViewIfNeeded();
    await expectInViewport(page, quickAdd);
    const chips = page.getByRole('navigation', { name: 'Editor sections' });
    await poll(() => chips.locator('[aria-current="location"]').innerText()).toBe('Using the token');
    await app.screenshot(`quick-add-${size}`, { fullPage: false });
    // The dark theme keeps it a button, and the chips stay opaque over the form.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await look(quickAdd);
    expect(dark.background).not.toBe(button.background);
    expect(dark.background).not.toBe((await look(intro)).background);
    await app.screenshot(`quick-add-dark-${size}`, { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.keyboard.press('Enter');
    const value = page.getByLabel('Authorization field value 1', { exact: true });
    expect(await value.inputValue()).toBe('Bearer {{access_token}}');
    expect(await page.getByLabel('Authorization field key 1', { exact: true }).inputValue()).toBe('Authorization');
    // Focus lands on the new row's value, not on the page, and the quick-add has done its job.
    await poll(() => value.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await quickAdd.count()).toBe(0);
    await ctx.profiles.delete(view.id);
  });

  it('the section chips stay in view at the end of a long form and mark the section in view', async () => {
    const { page, ctx } = app;
    const view = await ctx.profiles.create({
      grantType: 'password',
      name: 'Long form',
      identityProviderName: 'Okta',
      clientId: 'lf',
      tokenUrl: 'https://lf.example.com/token',
      scopes: [{ key: 'scope', value: 'openid' }],
      additionalFields: [{ key: 'audience', value: 'api' }],
    });
    await app.reload();
    await openProfile(page, 'Long form');

    const chips = page.getByRole('navigation', { name: 'Editor sections' });
    const before = await chips.boundingBox();
    // Scroll the form to its end: the last section's bottom at the bottom of the window.
    await page.locator('#section-tls').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const box = await expectInViewport(page, chips);
    expect(box.y).toBeLessThan(before!.y);
    expect(await chips.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    // Opaque: the form scrolls under it, not through it.
    expect(await chips.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    // The last section's end is in view: it is the one marked, even though its heading never reaches the top.
    await poll(() => chips.locator('[aria-current="location"]').innerText()).toBe('TLS');
    await app.screenshot(`editor-chips-scrolled-${size}`, { fullPage: false });

    // A chip jumps to its section, whose heading stops below the chips, and is marked current.
    await chips.getByRole('link', { name: 'Scope' }).click();
    await poll(() => chips.locator('[aria-current="location"]').innerText()).toBe('Scope');
    const heading = page.getByRole('heading', { name: 'Scope and tenancy', exact: true });
    await poll(async () => (await heading.boundingBox())!.y).toBeGreaterThanOrEqual(
      (await chips.boundingBox())!.y + (await chips.boundingBox())!.height - 1,
    );
    await expectInViewport(page, heading);
    await ctx.profiles.delete(view.id);
  });

  it('a client-credentials profile has a chip for its Test-time fields, which jumps to them', async () => {
    const { page, ctx } = app;
    const view = await ctx.profiles.create({
      grantType: 'client_credentials',
      name: 'Chips cc',
      identityProviderName: 'Okta',
      clientId: 'cc',
      tokenUrl: 'https://cc.example.com/{{region}}/token',
      scopes: [{ key: 'scope', value: 'api' }],
    });
    await app.reload();
    await openProfile(page, 'Chips cc');
    const chips = page.getByRole('navigation', { name: 'Editor sections' });
    expect(await chips.getByRole('link').allInnerTexts()).toEqual([
      'General',
      'Client',
      'Endpoints',
      'Scope',
      'Test-time fields',
      'Token request',
      'Using the token',
      'TLS',
    ]);
    await chips.getByRole('link', { name: 'Test-time fields' }).click();
    await poll(() => chips.locator('[aria-current="location"]').innerText()).toBe('Test-time fields');
    await expectInViewport(page, page.getByRole('heading', { name: 'Test-time fields', exact: true }));
    await app.screenshot(`editor-chips-test-time-fields-${size}`, { fullPage: false });
    await ctx.profiles.delete(view.id);
  });
});
