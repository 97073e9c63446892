/**
 * End to end: the Token view after a Test against a real oidc-provider (JWT access tokens, RFC 9068) —
 * type, scope, a countdown that ticks, the refresh-token and usable facts, the decoded JWT header and
 * claims with local dates — and Forget token with its confirmation. No token value reaches the page.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll } from '../helpers/e2e-app';

requireBuiltRenderer();

const CLIENT_ID = 'token-client';
const CLIENT_SECRET = `token-secret-${randomBytes(12).toString('hex')}`;

let app: E2eApp;
let idp: RunningIdp;
let profileId: string;

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  app = await startE2eApp();
  const view = await app.ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: 'Token IdP',
      identityProviderName: 'oidc-provider (loopback)',
      clientId: CLIENT_ID,
      tokenUrl: idp.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
    },
    { clientSecret: CLIENT_SECRET },
  );
  profileId = view.id;
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

/** The value cell of one fact of the Token view, by its term. */
const fact = (page: Page, term: string) =>
  page.getByRole('region', { name: 'Token' }).locator(`dt:text-is("${term}") + dd`).innerText();

describe('Token view', () => {
  it('shows the held token with a live countdown and decoded claims, and forgets it after a confirmation', async () => {
    const { page, ctx } = app;
    await page.getByRole('button', { name: 'Token IdP', exact: true }).click();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');

    const token = page.getByRole('region', { name: 'Token' });
    expect(await fact(page, 'Token type')).toBe('Bearer');
    expect(await fact(page, 'Scope')).toBe('api:read');
    expect(await fact(page, 'Refresh token')).toMatch(/^None/);
    expect(await fact(page, 'Usable')).toBe('Yes');
    const first = await token.locator('.token-view__countdown').innerText();
    expect(first).toMatch(/^expires in (59 min \d+ s|1 h)$/);
    // The countdown ticks every second.
    await poll(() => token.locator('.token-view__countdown').innerText()).not.toBe(first);

    // Decoded JWT: each claim in a row; iat / exp also as local dates; the header's alg and typ.
    const claims = token.getByRole('table', { name: /JWT claims/ });
    expect(await claims.getByRole('row', { name: /^client_id/ }).innerText()).toMatch(/client_id\s+token-client/);
    const exp = await claims.getByRole('row', { name: /^exp/ }).innerText();
    const expSeconds = Number(/exp\s+(\d+)/.exec(exp)?.[1]);
    const localExp = await page.evaluate((s) => new Date(s * 1000).toLocaleString(), expSeconds);
    expect(exp).toContain(`(${localExp})`);
    expect(await token.getByRole('table', { name: 'JWT header' }).innerText()).toMatch(
      /alg\s+RS256[\s\S]*typ\s+at\+jwt/,
    );

    // No refresh token and no auto-refresh consent: Refresh now cannot do anything, and says why.
    const refresh = token.getByRole('button', { name: 'Refresh now' });
    expect(await refresh.isDisabled()).toBe(true);
    expect(await refresh.getAttribute('title')).toContain('auto-refresh is off');

    // The page holds what is known of the token, never the token itself.
    const held = await ctx.tests.tokens.load(profileId);
    expect(held?.accessToken).toBeTruthy();
    expect(await page.content()).not.toContain(held!.accessToken);
    expect(await page.content()).not.toContain(held!.accessToken.split('.')[2]);
    await claims.scrollIntoViewIfNeeded();
    await app.screenshot('test-token-view', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('test-token-view-dark', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    // Forget: a confirmation first (Cancel keeps the token), then the keychain entry goes.
    await token.getByRole('button', { name: 'Forget token' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Forget the token of “Token IdP”?' });
    expect(await confirm.innerText()).toContain('Nothing is revoked at the identity provider');
    await poll(() =>
      confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await app.screenshot('test-forget-confirm', { fullPage: false });
    await page.keyboard.press('Escape');
    await poll(() => confirm.count()).toBe(0);
    expect(await ctx.tests.tokens.load(profileId)).not.toBeNull();

    await token.getByRole('button', { name: 'Forget token' }).click();
    await confirm.getByRole('button', { name: 'Forget token' }).click();
    await poll(() => token.innerText()).toContain('No token is held');
    expect(await ctx.tests.tokens.load(profileId)).toBeNull();
    expect((await ctx.router.handle('tokens:get', { profileId })) as unknown).toEqual({ ok: true, value: null });
    await app.screenshot('test-token-forgotten', { fullPage: false });
  });

  it('shows the held token after a reload, before any new Test', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Token IdP', exact: true }).click();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    await app.reload();

    await page.getByRole('button', { name: 'Token IdP', exact: true }).click();
    await poll(() => fact(page, 'Scope')).toBe('api:read');
    expect(await page.getByRole('region', { name: 'History' }).getByRole('row').count()).toBe(3);
  });
});
