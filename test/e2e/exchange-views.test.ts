/**
 * End to end: the exchange views of a Test as an engineer reads them, at 1280×800 and 900×600 — every URL in
 * full with its parameters, the Request / Headers / Response tabs, bodies pretty by content type with Raw,
 * XML and HTML as text, Copy buttons, and a connection-refused message said once with links both ways.
 * Real Tests against the fault server on loopback (test/helpers/fault-server.ts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';
import { poll, requireBuiltRenderer, startE2eApp, type E2eApp, E2E_VIEWPORTS } from '../helpers/e2e-app';

requireBuiltRenderer();

const SECRET = `exchange-secret-${randomBytes(12).toString('hex')}`;
const TOKEN_QUERY =
  'tenant=acme-corporation-europe&audience=https%3A%2F%2Fapi.example.com%2Fv1%2Forders&note=read+write%20all';
const CHECK_QUERY = 'fields=id&fields=display+name&filter=status%20eq%20active';
const REFUSED_URL = 'http://127.0.0.1:1/oauth2/token';

let fault: FaultServer;
beforeAll(async () => {
  fault = await startFaultServer();
});
afterAll(async () => {
  await fault?.close();
});

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
/** True when the element shows all its text: nothing clipped sideways. */
const notClipped = (locator: Locator) => locator.evaluate((el) => el.scrollWidth <= el.clientWidth);
const cellTexts = async (table: Locator) =>
  (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

/** Scrolls `target` to the top of its scroller (the Test panel, or the page at 900 px) and shoots the viewport. */
async function shoot(app: E2eApp, name: string, target: Locator) {
  await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await app.screenshot(name, { fullPage: false });
}

async function runTest(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await page.locator('.verdict').waitFor({ timeout: 20_000 });
}

describe.each(E2E_VIEWPORTS)('Exchange views at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp({
      viewport,
      seed: async (ctx) => {
        const base = { grantType: 'client_credentials', identityProviderName: 'Fault server (loopback)' } as const;
        await ctx.profiles.create(
          {
            ...base,
            name: 'Long URL IdP',
            clientId: 'exchange-client',
            clientAuthMethod: 'client_secret_post',
            tokenUrl: fault.url(`/token?${TOKEN_QUERY}`),
            checkUrl: fault.url(`/echo?${CHECK_QUERY}`),
            scopes: [{ key: 'scope', value: 'api:read api:write' }],
          },
          { clientSecret: SECRET },
        );
        await ctx.profiles.create(
          { ...base, name: 'XML IdP', clientId: 'x', tokenUrl: fault.url('/xml-token') },
          {
            clientSecret: SECRET,
          },
        );
        await ctx.profiles.create(
          { ...base, name: 'HTML IdP', clientId: 'h', tokenUrl: fault.url('/html-200') },
          {
            clientSecret: SECRET,
          },
        );
        await ctx.profiles.create(
          { ...base, name: 'Refused IdP', clientId: 'r', tokenUrl: REFUSED_URL },
          {
            clientSecret: SECRET,
          },
        );
      },
    });
    await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(async () => {
    await app.reload();
  });

  afterEach(() => {
    // A CSP violation or an uncaught error in the renderer fails the test that caused it.
    expect(app.takeErrors()).toEqual([]);
  });

  it('shows the full URL, its parameters, request headers and body in the Request tab, with Copy', async () => {
    const { page } = app;
    await runTest(page, 'Long URL IdP');
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    const card = page.getByRole('article', { name: /^Token request/ });

    // Request comes first in the tab order; Response is the tab open first.
    expect(await card.getByRole('tab').allInnerTexts()).toEqual(['Request', 'Headers', 'Response']);
    expect(await card.getByRole('tab', { name: 'Response' }).getAttribute('aria-selected')).toBe('true');
    await card.getByRole('tab', { name: 'Request' }).click();
    const panel = card.getByRole('tabpanel');

    const url = panel.locator('.request-line__url');
    const tokenUrl = fault.url(`/token?${TOKEN_QUERY}`);
    expect(await url.innerText()).toBe(tokenUrl);
    expect(await panel.locator('.request-line__method').innerText()).toBe('POST');
    expect(await notClipped(url)).toBe(true);
    const urlBox = (await url.boundingBox())!;
    expect(urlBox.x + urlBox.width).toBeLessThanOrEqual(viewport.width);
    // The status line shows the URL in full too: wrapped, not clipped.
    const statusUrl = card.locator('.exchange__status-line .exchange__url');
    expect(await statusUrl.innerText()).toBe(tokenUrl);
    expect(await notClipped(statusUrl)).toBe(true);

    expect(await cellTexts(panel.getByRole('table', { name: 'Query parameters' }))).toEqual([
      'tenant acme-corporation-europe',
      'audience https://api.example.com/v1/orders',
      'note read write all',
    ]);
    const form = await cellTexts(panel.getByRole('table', { name: 'Form parameters' }));
    expect(form).toContain('grant_type client_credentials');
    expect(form).toContain('client_id exchange-client');
    expect(form).toContain('client_secret [redacted]');
    expect(form).toContain('scope api:read api:write');

    const requestHeaders = panel.getByRole('table', { name: 'Request headers' });
    expect(await requestHeaders.getByRole('row', { name: /content-type/ }).innerText()).toContain(
      'application/x-www-form-urlencoded',
    );
    // Parameter and header tables share the name column's width.
    const nameWidth = async (table: Locator) => (await table.locator('tbody th').first().boundingBox())!.width;
    const requestNameWidth = await nameWidth(requestHeaders);
    expect(
      Math.abs((await nameWidth(panel.getByRole('table', { name: 'Query parameters' }))) - requestNameWidth),
    ).toBeLessThan(1);

    // The body, one key = value per line; Raw shows it as sent.
    const body = panel.getByLabel('Request body', { exact: true }).locator('pre');
    expect(await body.innerText()).toContain('grant_type = client_credentials\n');
    expect(await body.innerText()).toContain('client_secret = [redacted]');
    await shoot(app, `exchange-request-${size}`, card);
    await panel.getByRole('button', { name: 'Raw' }).click();
    expect(await panel.getByRole('button', { name: 'Raw' }).getAttribute('aria-pressed')).toBe('true');
    expect(await body.innerText()).toMatch(/^grant_type=client_credentials&/);

    // Copy: the URL and a header value, each says Copied and puts the text on the clipboard.
    const copyUrl = panel.getByRole('button', { name: 'Copy URL' });
    await copyUrl.click();
    await poll(() => copyUrl.locator('xpath=following-sibling::*[@role="status"][1]').innerText()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tokenUrl);
    const copyType = panel.getByRole('button', { name: 'Copy content-type value' });
    await copyType.click();
    await poll(() => copyType.locator('xpath=following-sibling::*[@role="status"][1]').innerText()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('application/x-www-form-urlencoded');
    expect(await panel.getByRole('button', { name: 'Copy request body' }).count()).toBe(1);

    // Headers: the response headers only, aligned with the request's.
    await card.getByRole('tab', { name: 'Headers' }).click();
    const responseHeaders = panel.getByRole('table', { name: 'Response headers' });
    expect(await responseHeaders.getByRole('row', { name: /content-type/ }).innerText()).toContain('application/json');
    expect(await panel.getByRole('table').count()).toBe(1);
    expect(await panel.getByText('[redacted]').count()).toBe(0);
    expect(Math.abs((await nameWidth(responseHeaders)) - requestNameWidth)).toBeLessThan(1);
    await shoot(app, `exchange-headers-${size}`, card);

    // Response: the status line and the pretty JSON; Raw shows it as received.
    await card.getByRole('tab', { name: 'Response' }).click();
    expect(await panel.locator('.response-tab__status').innerText()).toBe('Status 200 OK');
    const responseBody = panel.getByLabel('Response body', { exact: true }).locator('pre');
    expect(await responseBody.innerText()).toContain('{\n  "access_token": "[redacted]",\n  "token_type": "Bearer"');
    await shoot(app, `exchange-response-${size}`, card);
    await panel.getByRole('button', { name: 'Raw' }).click();
    expect(await responseBody.innerText()).toMatch(/^\{"access_token":"\[redacted\]","token_type":"Bearer"/);
    const copyBody = panel.getByRole('button', { name: 'Copy response body' });
    await copyBody.click();
    await poll(() => copyBody.locator('xpath=following-sibling::*[@role="status"][1]').innerText()).toBe('Copied');
    await shoot(app, `exchange-raw-${size}`, card);
    // The toggle by keyboard: Shift+Tab from Raw reaches Pretty, Space presses it; then the dark theme.
    await panel.getByRole('button', { name: 'Raw' }).focus();
    await page.keyboard.press('Shift+Tab');
    const pretty = panel.getByRole('group', { name: 'Response body view' }).getByRole('button', { name: 'Pretty' });
    await poll(() => isFocused(pretty)).toBe(true);
    await page.keyboard.press('Space');
    await poll(() => pretty.getAttribute('aria-pressed')).toBe('true');
    expect(await responseBody.innerText()).toContain('{\n  "access_token"');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(app, `exchange-response-dark-${size}`, card);
    await page.emulateMedia({ colorScheme: 'light' });

    // The check's URL and parameters; the timeline tells the calls apart by path and host, nothing clipped.
    const check = page.getByRole('article', { name: /^Authorization check/ });
    await check.getByRole('tab', { name: 'Request' }).click();
    expect(await check.locator('.request-line__url').innerText()).toBe(fault.url(`/echo?${CHECK_QUERY}`));
    expect(await cellTexts(check.getByRole('table', { name: 'Query parameters' }))).toEqual([
      'fields id',
      'fields display name',
      'filter status eq active',
    ]);
    const host = new URL(fault.url('/')).host;
    const rows = page.locator('.timeline__request');
    expect((await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      `POST /token ${host} · 3 query parameters`,
      `GET /echo ${host} · 3 query parameters`,
    ]);
    for (const row of await rows.all()) expect(await notClipped(row)).toBe(true);
    expect(await page.content()).not.toContain(SECRET);
  });

  it('shows XML indented and HTML as text, never as markup', async () => {
    const { page } = app;
    await runTest(page, 'XML IdP');
    const xml = page.getByRole('article', { name: /^Token request/ });
    expect(await xml.locator('.body-kind').innerText()).toBe('XML');
    const xmlBody = xml.getByLabel('Response body', { exact: true }).locator('pre');
    await poll(() => xmlBody.innerText()).toMatch(/^<\?xml version="1.0"\?>\n<OAuth>\n {2}<access_token>/);
    expect(await xml.locator('pre oauth, pre access_token').count()).toBe(0);
    await shoot(app, `exchange-xml-${size}`, xml);
    await xml.getByRole('button', { name: 'Raw' }).click();
    expect(await xmlBody.innerText()).toMatch(/^<\?xml version="1.0"\?><OAuth><access_token>/);

    await app.reload();
    await runTest(page, 'HTML IdP');
    const html = page.getByRole('article', { name: /^Token request/ });
    expect(await html.locator('.body-kind').innerText()).toBe('HTML (shown as text)');
    expect(await html.getByLabel('Response body', { exact: true }).locator('pre').innerText()).toContain(
      '<h1>Sign in</h1>',
    );
    // Shown, not rendered: no heading or title element came from the IdP's page.
    expect(await html.locator('h1, title').count()).toBe(0);
    expect(await html.getByRole('button', { name: 'Raw' }).count()).toBe(0);
    await shoot(app, `exchange-html-${size}`, html);
  });

  it('says a refused connection once, in the verdict, with links to and from the failing exchange', async () => {
    const { page } = app;
    await runTest(page, 'Refused IdP');
    const verdict = page.locator('.verdict');
    await poll(() => verdict.innerText()).toContain('Failed');
    const message = 'Connection refused by 127.0.0.1:1';
    expect(await verdict.innerText()).toContain(message);
    const pageText = await page.locator('body').innerText();
    expect(pageText.split(message).length - 1).toBe(1);

    // Every column of the timeline, a long error code included, stays inside the Test panel.
    const overflow = await page
      .locator('.timeline table')
      .evaluate(
        (table) =>
          table.getBoundingClientRect().right - table.closest('.workspace__test')!.getBoundingClientRect().right,
      );
    expect(overflow).toBeLessThanOrEqual(0);

    const card = page.getByRole('article', { name: 'Token request (1)' });
    expect(await card.locator('.exchange__status-line .http-status').innerText()).toBe('connection_refused');
    expect(await card.locator('.exchange__error').count()).toBe(0);

    // The verdict links to the failing exchange…
    await verdict.getByRole('button', { name: 'Token request (1)' }).click();
    await poll(() => isFocused(card)).toBe(true);
    // …and its Response tab links back to the verdict.
    const panel = card.getByRole('tabpanel');
    expect(await panel.innerText()).toBe('No response arrived — see the verdict');
    await panel.getByRole('button', { name: 'see the verdict' }).click();
    await poll(() => isFocused(verdict)).toBe(true);
    // Scrolled into view (smoothly: poll until it has arrived).
    await poll(async () => {
      const { y } = (await verdict.boundingBox())!;
      return y > -5 && y < viewport.height / 2;
    }).toBe(true);

    await card.getByRole('tab', { name: 'Headers' }).click();
    expect(await panel.innerText()).toBe('No response headers: no response arrived.');
    await card.getByRole('tab', { name: 'Request' }).click();
    expect(await panel.locator('.request-line__url').innerText()).toBe(REFUSED_URL);
    await card.getByRole('tab', { name: 'Response' }).click();
    await verdict.focus();
    await shoot(app, `exchange-refused-${size}`, verdict);
  });
});
