/**
 * End to end: a token exchange profile (RFC 8693) is created in the editor, choosing another profile (which holds
 * a token) as the subject token's source and adding an audience; its Test through the router against oidc-provider
 * on 127.0.0.1 passes, and the run shows the token with its issued_token_type, never the subject token. Both window
 * sizes, a screenshot of the editor section and of the result.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { TOKEN_EXCHANGE } from '../../src-main/demo/token-exchange-grant';
import {
  E2E_VIEWPORTS,
  expectInViewport,
  poll,
  requireBuiltRenderer,
  startE2eApp,
  type E2eApp,
} from '../helpers/e2e-app';

requireBuiltRenderer();

const SECRET = 'e2e-exchange-secret-91c2';
const SOURCE = 'Source service';
let app: E2eApp;
let idp: RunningIdp;
let subject = '';

beforeAll(async () => {
  idp = await startOidcIdp({
    scopes: ['api:read'],
    clients: [
      { client_id: 'e2e-exchanger', client_secret: SECRET, grant_types: ['client_credentials', TOKEN_EXCHANGE] },
    ],
  });
  app = await startE2eApp({
    seed: async (ctx) => {
      const source = await ctx.profiles.create(
        {
          grantType: 'client_credentials',
          name: SOURCE,
          identityProviderName: 'oidc-provider',
          clientId: 'e2e-exchanger',
          tokenUrl: idp.tokenEndpoint,
        },
        { clientSecret: SECRET },
      );
      expect((await ctx.tests.run(source.id, { timeoutMs: 10_000 })).ok).toBe(true);
      subject = (await ctx.tests.tokens.load(source.id))!.accessToken;
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

describe.each(E2E_VIEWPORTS)('token exchange at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('is created in the editor with another profile as the subject, passes its Test, and shows issued_token_type', async () => {
    const { page } = app;
    const label = (text: string) => page.getByLabel(text, { exact: true });
    await page.setViewportSize({ width, height });
    await app.reload();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByRole('radio', { name: 'OAuth v2 token exchange', exact: true }).check();
    await label('Name').fill(`Exchange ${size}`);
    await label('Identity Provider Name').fill('oidc-provider');
    await label('Client ID').fill('e2e-exchanger');
    await label('Client Secret').fill(SECRET);
    await label('Token Request URL').fill(idp.tokenEndpoint);

    const section = page.locator('#section-token-exchange');
    expect(await label('Subject Token Source').inputValue()).toBe('profile');
    const picker = label('Subject Token Profile');
    const options = await picker.locator('option').allInnerTexts();
    expect(options[0]).toBe('Choose a profile…');
    expect(options).toContain(SOURCE);
    expect(options).not.toContain(`Exchange ${size}`);
    await picker.selectOption(SOURCE);
    await label('Subject Held Token').selectOption('refresh_token');
    expect(await label('Subject Token Type').inputValue()).toBe('refresh_token');
    await label('Subject Held Token').selectOption('access_token');
    expect(await label('Subject Token Type').inputValue()).toBe('access_token');
    // A pasted source shows the secret field instead of the picker.
    await label('Subject Token Source').selectOption('pasted');
    expect(await label('Subject Token').count()).toBe(1);
    expect(await picker.count()).toBe(0);
    await label('Subject Token Source').selectOption('profile');
    await section.getByRole('button', { name: 'Add audience' }).click();
    await label('Audience 1').fill(idp.apiResource);
    await section.getByRole('button', { name: 'Add resource' }).click();
    await label('Resource 1').fill('not a uri');
    await label('Resource 1').blur();
    await poll(() => section.locator('.form-field__error').allInnerTexts()).toEqual([
      'Resource 1: Must be an absolute URI without a fragment (RFC 8693 §2.1)',
    ]);
    await section.getByRole('button', { name: 'Remove' }).nth(1).click();
    await label('Subject Token Source').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expectInViewport(page, label('Subject Token Profile'), 'the subject profile picker');
    await app.screenshot(`token-exchange-editor-${size}`, { fullPage: false });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Profile created' }).waitFor();
    const stored = await app.ctx.profiles.getByName(`Exchange ${size}`);
    expect(stored).toMatchObject({
      grantType: 'token_exchange',
      tokenExchange: { subjectSource: 'profile', subjectProfile: SOURCE, audiences: [idp.apiResource], resources: [] },
      status: 'configured',
    });

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    const issued = page.locator('.verdict__issued');
    expect(await issued.innerText()).toBe(
      'Issued token type (RFC 8693): urn:ietf:params:oauth:token-type:access_token',
    );
    await issued.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expectInViewport(page, issued, 'the issued token type');
    await app.screenshot(`token-exchange-result-${size}`, { fullPage: false });
    const card = page.getByRole('article', { name: /^Token request/ });
    await card.getByRole('tab', { name: 'Request' }).click();
    expect(await card.innerText()).toContain('subject_token');
    expect(await page.content()).not.toContain(subject);
  });
});
