/**
 * End to end: one-click variants. A real oidc-provider on 127.0.0.1 accepts the client only with
 * client_secret_post; the profile says client_secret_basic, so the Test fails with invalid_client and the verdict
 * offers "Try with Client Authentication = client_secret_post". That run passes and says it used the override
 * (not saved); "Save this change" then stores the new method. Both window sizes, with screenshots.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  openProfile,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const CLIENT_ID = 'variant-client';
const CLIENT_SECRET = `variant-${randomBytes(12).toString('hex')}`;
const TRY = 'Try with Client Authentication = client_secret_post';
let app: E2eApp;
let idp: RunningIdp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  idp = await startOidcIdp({
    scopes: ['api:read'],
    strictClientAuth: true,
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        scope: 'api:read',
      },
    ],
  });
  app = await startE2eApp({
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS) {
        const name = `Variant ${width}x${height}`;
        const view = await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name,
            identityProviderName: 'oidc-provider (loopback)',
            clientId: CLIENT_ID,
            clientAuthMethod: 'client_secret_basic',
            tokenUrl: idp.tokenEndpoint,
            scopes: [{ key: 'scope', value: 'api:read' }],
          },
          { clientSecret: CLIENT_SECRET },
        );
        ids[name] = view.id;
      }
    },
  });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

describe.each(E2E_VIEWPORTS)('variants at $width x $height', ({ width, height }) => {
  it('offers the variant, runs it without saving, then saves the change on request', async () => {
    const { page, ctx } = app;
    const name = `Variant ${width}x${height}`;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, name);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const verdict = page.locator('.verdict');
    await poll(() => verdict.innerText()).toContain('Failed');
    expect(await verdict.innerText()).toContain('invalid_client');
    const tryButton = page.getByRole('button', { name: TRY });
    await tryButton.scrollIntoViewIfNeeded();
    await expectInViewport(page, tryButton, 'the Try button');
    await app.screenshot(`variant-suggested-${width}x${height}`, { fullPage: false });

    // Keyboard: the button takes focus and Enter runs the variant.
    await tryButton.focus();
    await page.keyboard.press('Enter');
    await poll(() => verdict.innerText()).toContain('Passed');
    expect(await verdict.innerText()).toContain(
      'Tested with Client Authentication = client_secret_post (not saved by the Test).',
    );
    expect((await ctx.profiles.get(ids[name]!)).clientAuthMethod).toBe('client_secret_basic');
    // The history says which run used the override.
    const history = page.getByRole('table').filter({ hasText: 'Verdict' });
    await poll(() => history.getByRole('row').nth(1).innerText()).toMatch(
      /Test with Client Authentication = client_secret_post\s+Passed/,
    );
    const saveButton = page.getByRole('button', { name: 'Save this change' });
    await saveButton.scrollIntoViewIfNeeded();
    await expectInViewport(page, saveButton, 'Save this change');
    await app.screenshot(`variant-passed-${width}x${height}`, { fullPage: false });

    await saveButton.click();
    await poll(() => verdict.innerText()).toContain('The profile now has this change.');
    await expect(page.getByRole('button', { name: 'Save this change' }).count()).resolves.toBe(0);
    expect((await ctx.profiles.get(ids[name]!)).clientAuthMethod).toBe('client_secret_post');
    await app.screenshot(`variant-saved-${width}x${height}`, { fullPage: false });

    // The saved profile now passes without an override.
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => verdict.innerText()).toContain('Passed');
    await poll(() => verdict.innerText()).not.toContain('Tested with');
  });
});
