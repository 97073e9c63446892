/**
 * End to end: the Token URL Content Type select offers Kore's ten content types by Kore's labels, and the help
 * sentence under it says how the selected one is sent (src-shared/token-content-types.ts); CSV, saved and tested
 * against the echo IdP on 127.0.0.1, is stored as its code and the run warns that no token endpoint standard
 * uses it. Both window sizes, a screenshot of each state.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_CONTENT_TYPE_INFO } from '../../src-shared/token-content-types';
import { startEchoIdp, type EchoIdp } from '../helpers/echo-idp';
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

const SECRET = `content-${randomBytes(10).toString('hex')}`;
const KORE_LABELS = [
  'JSON',
  'RSS',
  'XML',
  'URL Encoded JSON',
  'CSV',
  'Text',
  'Twitter Encoded JSON',
  'Multipart/Form-data',
  'Multipart/Related',
  'Oracle ADF',
];
let app: E2eApp;
let echo: EchoIdp;

beforeAll(async () => {
  echo = await startEchoIdp();
  app = await startE2eApp({
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS)
        await ctx.profiles.create(
          {
            grantType: 'client_credentials',
            name: `Ledger API ${width}x${height}`,
            identityProviderName: 'Echo IdP',
            clientId: 'ledger',
            clientAuthMethod: 'client_secret_post',
            tokenUrl: `${echo.origin}/token`,
          },
          { clientSecret: SECRET },
        );
    },
  });
});

afterAll(async () => {
  await app?.close();
  await echo?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

/** The content type select and the help line its aria-describedby names. */
function contentType(page: Page) {
  const select = page.getByLabel('Token URL Content Type', { exact: true });
  return { select, help: page.locator('#field-tokenRequest-contentType-help') };
}

describe.each(E2E_VIEWPORTS)('token content types at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;

  it('offers Kore’s ten labels; the help follows the selection; CSV is saved as its code and warned of', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, `Ledger API ${size}`);
    const { select, help } = contentType(page);
    expect(await select.locator('option').allInnerTexts()).toEqual(KORE_LABELS);
    expect(await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.text)).toBe('URL Encoded JSON');
    expect(await select.getAttribute('aria-describedby')).toContain('field-tokenRequest-contentType-help');
    expect(await help.innerText()).toBe(TOKEN_CONTENT_TYPE_INFO.form.help);
    await select.scrollIntoViewIfNeeded();
    await expectInViewport(page, select, 'the content type select');
    await expectInViewport(page, help, 'its help');
    await app.screenshot(`content-type-form-${size}`, { fullPage: false });

    await select.selectOption({ label: 'CSV' });
    await poll(() => help.innerText()).toBe(TOKEN_CONTENT_TYPE_INFO.csv.help);
    expect(await page.getByText('RFC 6749 specifies POST with a form body').isVisible()).toBe(true);
    await expectInViewport(page, help, 'the CSV help');
    await app.screenshot(`content-type-csv-${size}`, { fullPage: false });

    await select.selectOption({ label: 'Twitter Encoded JSON' });
    await poll(() => help.innerText()).toBe(TOKEN_CONTENT_TYPE_INFO['twitter-json'].help);
    await page.getByLabel('Token URL Method', { exact: true }).selectOption('GET');
    await poll(() => help.innerText()).toMatch(/^Not used with GET or DELETE: the parameters go in the URL query/);
    await app.screenshot(`content-type-get-${size}`, { fullPage: false });

    await page.getByLabel('Token URL Method', { exact: true }).selectOption('POST');
    await select.selectOption({ label: 'CSV' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved' }).waitFor();
    const stored = await app.ctx.profiles.getByName(`Ledger API ${size}`);
    expect(stored.tokenRequest).toEqual({ method: 'POST', contentType: 'csv' });

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');
    const warnings = page.getByRole('list', { name: 'Warnings' });
    expect(await warnings.innerText()).toContain(TOKEN_CONTENT_TYPE_INFO.csv.warning!);
    expect(String(echo.received.at(-1)!.headers['content-type'])).toBe('text/csv');
    expect(echo.received.at(-1)!.body).toBe(
      `grant_type,client_id,client_secret\r\nclient_credentials,ledger,${SECRET}\r\n`,
    );
    await warnings.scrollIntoViewIfNeeded();
    await expectInViewport(page, warnings, 'the warnings');
    await app.screenshot(`content-type-csv-tested-${size}`, { fullPage: false });
    expect(await page.content()).not.toContain(SECRET);
  });
});
