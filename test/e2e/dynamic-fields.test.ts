/**
 * End to end, at 1280 × 800 and 900 × 600: a profile whose Token Request URL uses `{{tokenPath}}` and `{{pin}}`
 * (IDP form fields: a mandatory textbox and a password) gets a Test dialog asking for both, typed as their form
 * fields say, with a "Will call" list filled in as the user types (the PIN masked); the run reaches a real
 * @node-oauth/oauth2-server on loopback with the values in place. A profile with no dialog shows the same list
 * beside Test. Deleting a profile says so on the list (role=status) until dismissed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  openProfile,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

requireBuiltRenderer();

const CLIENT_ID = 'fields-client';
const CLIENT_SECRET = `fields-secret-${randomBytes(12).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;
const PIN = '90817263';

let app: E2eApp;
let idp: PasswordIdp;

const profile = (name: string, fields: Record<string, unknown>) =>
  app.ctx.profiles.create(
    {
      grantType: 'password',
      name,
      identityProviderName: 'oauth2-server (loopback)',
      clientId: CLIENT_ID,
      tokenUrl: idp.tokenUrl,
      authorizationMode: 'pre_authorize',
      ...fields,
    } as never,
    { clientSecret: CLIENT_SECRET, username: 'alice', password: PASSWORD },
  );

beforeAll(async () => {
  idp = await startPasswordIdp({
    clients: [{ id: CLIENT_ID, secret: CLIENT_SECRET }],
    users: [{ username: 'alice', password: PASSWORD }],
  });
  app = await startE2eApp();
  for (const { width } of E2E_VIEWPORTS) {
    await profile(`Fields IdP ${width}`, {
      tokenUrl: `${idp.origin}/t/{{tokenPath}}/token?pin={{pin}}`,
      idpFormFields: [
        { title: 'Tenant path', key: 'tokenPath', helpHint: 'As in your IdP’s admin console', mandatory: true },
        { title: 'PIN', key: 'pin', fieldType: 'password', dataType: 'number', mandatory: true },
      ],
    });
    await profile(`Plain IdP ${width}`, { checkUrl: `${idp.apiUrl}/me` });
    await profile(`Doomed ${width}`, {});
    await app.ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: `Machine ${width}`,
        identityProviderName: 'any',
        clientId: CLIENT_ID,
        tokenUrl: `${idp.origin}/{{org}}/token`,
        idpFormFields: [
          {
            title: 'Organisation',
            key: 'org',
            helpHint: '',
            fieldType: 'textbox',
            mandatory: true,
            dataType: 'string',
            visibility: 'visible',
            defaultValue: '',
          },
        ],
      },
      { clientSecret: CLIENT_SECRET },
    );
  }
  await app.reload();
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

describe.each(E2E_VIEWPORTS)('dynamic fields at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('asks for each {{field}} as its IDP form field says and shows what the Test will call as you type', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Fields IdP ${width}`);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Test “Fields IdP ${width}”` });
    await dialog.waitFor();

    const path = dialog.getByLabel('Tenant path');
    const pin = dialog.getByLabel('PIN');
    expect(await path.getAttribute('type')).toBe('text');
    expect(await path.getAttribute('aria-required')).toBe('true');
    expect(await pin.getAttribute('type')).toBe('password');
    expect(await dialog.innerText()).toContain('As in your IdP’s admin console');
    const willCall = dialog.getByRole('region', { name: 'Will call' });
    expect(await willCall.innerText()).toContain(`${idp.origin}/t/{{tokenPath}}/token?pin={{pin}}`);
    await expectInViewport(page, willCall, 'the Will call list');
    await expectInViewport(page, dialog.getByRole('button', { name: 'Run test' }), 'Run test');
    await app.screenshot(`fields-dialog-empty-${size}`, { fullPage: false });

    // Nothing typed: the mandatory fields are named, nothing is sent.
    const before = idp.tokenRequests.length;
    await dialog.getByRole('button', { name: 'Run test' }).click();
    expect(await dialog.innerText()).toContain('Tenant path is required');
    expect(idp.tokenRequests.length).toBe(before);

    await path.fill('acme-eu');
    await pin.fill(PIN);
    await poll(() => willCall.innerText()).toContain(`${idp.origin}/t/acme-eu/token?pin=••••`);
    expect(await page.content()).not.toContain(PIN);
    await app.screenshot(`fields-dialog-typed-${size}`, { fullPage: false });

    await dialog.getByRole('button', { name: 'Run test' }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    const got = idp.tokenRequests.at(-1)!;
    expect(got.path).toBe('/t/acme-eu/token');
    expect(got.query).toEqual({ pin: PIN });
    expect(await page.content()).not.toContain(PIN);
    await app.screenshot(`fields-run-passed-${size}`);
  });

  it('shows the Will call list beside Test for a profile that needs no dialog, and Test runs at once', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Plain IdP ${width}`);
    const willCall = page.getByRole('region', { name: 'Will call' });
    const text = await willCall.innerText();
    expect(text).toContain(`Token Request URL`);
    expect(text).toContain(idp.tokenUrl);
    expect(text).toContain(`${idp.apiUrl}/me`);
    await expectInViewport(page, willCall, 'the Will call list');
    await expectInViewport(page, page.getByRole('button', { name: 'Test', exact: true }), 'Test');
    await app.screenshot(`fields-panel-will-call-${size}`, { fullPage: false });
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('edits the IDP Form Fields of a client-credentials profile, which say what they do', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Machine ${width}`);
    const group = page.getByRole('group', { name: 'IDP Form Fields' });
    await group.scrollIntoViewIfNeeded();
    expect(await group.innerText()).toContain('is asked for when you press Test');
    expect(await group.getByRole('textbox').first().inputValue()).toBe('Organisation');
    await expectInViewport(page, page.getByRole('heading', { name: 'Test-time fields' }), 'the section title');
    await app.screenshot(`fields-editor-cc-form-fields-${size}`, { fullPage: false });
    expect(await page.getByRole('button', { name: 'Test', exact: true }).getAttribute('aria-haspopup')).toBe('dialog');
  });

  it('says on the list that a profile was deleted, until dismissed', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Doomed ${width}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .getByRole('alertdialog', { name: `Delete “Doomed ${width}”?` })
      .getByRole('button', { name: 'Delete profile' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Authorization Profile Summary' }).waitFor();
    const status = page.getByRole('status').filter({ hasText: `Deleted “Doomed ${width}”` });
    await status.waitFor();
    await expectInViewport(page, status, 'the delete notice');
    await app.screenshot(`fields-delete-notice-${size}`, { fullPage: false });
    await page.getByRole('button', { name: 'Dismiss notice' }).click();
    await poll(() => status.count()).toBe(0);
  });
});
