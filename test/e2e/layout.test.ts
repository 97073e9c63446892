/**
 * End to end: the profile screen at the window's minimum (900 × 600) and at 1280 × 800. The Test button, the
 * verdict and the timeline stay in view while a long form scrolls; Ctrl+Enter from deep in the form shows
 * its result where the user looks; selects show their whole value; a missing secret links to its field; the
 * legacy password grant is explained in one place. Tests run against a real oidc-provider on loopback.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';
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

const CLIENT_ID = 'layout-client';
const CLIENT_SECRET = `layout-secret-${randomBytes(12).toString('hex')}`;
const PASSWORD = `layout-pw-${randomBytes(9).toString('hex')}`;

let idp: RunningIdp;

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
});

afterAll(async () => {
  await idp?.close();
});

describe.each(E2E_VIEWPORTS)('the profile screen at $width × $height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp({ viewport });
    const long = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `extra_${i}`, value: `value-${i}` }));
    await app.ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: 'Long form',
        identityProviderName: 'oidc-provider (loopback)',
        clientId: CLIENT_ID,
        clientAuthMethod: 'client_secret_basic',
        tokenUrl: `${idp.issuer}/token`,
        scopes: [{ key: 'scope', value: 'api:read' }],
        requestHeaders: long(8).map(({ key, value }) => ({ key: `X-${key}`, value })),
        authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
      },
      { clientSecret: CLIENT_SECRET },
    );
    await app.reload();
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(async () => {
    await app.reload();
  });

  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  it('keeps Test, the verdict and the timeline in view while the form scrolls', async () => {
    const { page } = app;
    await openProfile(page, 'Long form');
    const test = page.getByRole('button', { name: 'Test', exact: true });
    await expectInViewport(page, test);
    // The editor's sticky bars (section chips, Save) span the panel exactly, at every width.
    const editorBox = (await page.locator('.workspace__editor').boundingBox())!;
    for (const bar of ['.section-index', '.editor__actions']) {
      const box = (await page.locator(bar).boundingBox())!;
      expect(Math.round(box.x), bar).toBeGreaterThanOrEqual(Math.round(editorBox.x));
      expect(Math.round(box.x + box.width), bar).toBeLessThanOrEqual(Math.round(editorBox.x + editorBox.width));
    }
    await app.screenshot(`layout-profile-${size}`, { fullPage: false });

    // Deep in the form, Ctrl+Enter tests: the result appears beside the field, without scrolling.
    const last = page.getByRole('textbox').last();
    await last.scrollIntoViewIfNeeded();
    await last.focus();
    await expectInViewport(page, test);
    await page.keyboard.press('Control+Enter');
    const verdict = page.locator('.verdict');
    await verdict.waitFor();
    await poll(() => verdict.innerText()).toContain('Passed');
    await expectInViewport(page, last);
    await expectInViewport(page, verdict);
    await expectInViewport(page, page.getByRole('heading', { name: 'Timeline' }));
    // Every column of the timeline stays inside the panel, however narrow.
    const overflow = await page
      .locator('.timeline table')
      .evaluate(
        (table) =>
          table.getBoundingClientRect().right - table.closest('.workspace__test')!.getBoundingClientRect().right,
      );
    expect(overflow).toBeLessThanOrEqual(0);
    await app.screenshot(`layout-tested-scrolled-${size}`, { fullPage: false });
  });

  it('shows each select its whole value', async () => {
    const { page } = app;
    await openProfile(page, 'Long form');
    const selects = page.locator('.editor select');
    expect(await selects.count()).toBeGreaterThanOrEqual(4);
    // The selected option's text, in the select's own font, plus its padding and the arrow, fits its box.
    const clipped = await selects.evaluateAll((elements) => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      return (elements as HTMLSelectElement[])
        .map((select) => {
          const style = getComputedStyle(select);
          canvas.font = style.font;
          const text = select.selectedOptions[0]?.text ?? '';
          const needed = canvas.measureText(text).width + parseFloat(style.paddingLeft) + 20;
          return { text, needed: Math.ceil(needed), width: select.clientWidth };
        })
        .filter(({ needed, width }) => needed > width);
    });
    expect(clipped).toEqual([]);
    await page.getByLabel('Token URL Content Type', { exact: true }).scrollIntoViewIfNeeded();
    await app.screenshot(`layout-selects-${size}`, { fullPage: false });
  });

  it('links each missing secret of a profile that is not configured to its field', async () => {
    const { page, ctx } = app;
    if (!(await ctx.profiles.list()).some((p) => p.name === 'No secret')) {
      await ctx.profiles.create({
        grantType: 'client_credentials',
        name: 'No secret',
        identityProviderName: 'oidc-provider (loopback)',
        clientId: CLIENT_ID,
        tokenUrl: `${idp.issuer}/token`,
      });
      await app.reload();
    }
    await openProfile(page, 'No secret');
    expect(await page.locator('.test-controls').innerText()).toContain('Not configured: Client Secret is not set');
    const link = page.getByRole('button', { name: 'Client Secret is not set' });
    await expectInViewport(page, link);
    await link.click();
    const field = page.getByLabel('Client Secret', { exact: true });
    await poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectInViewport(page, field);
    await app.screenshot(`layout-not-configured-${size}`, { fullPage: false });
  });
});

describe.each(E2E_VIEWPORTS)('the legacy password grant at $width × $height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;
  let app: E2eApp;
  let pwIdp: PasswordIdp;

  beforeAll(async () => {
    pwIdp = await startPasswordIdp({
      clients: [{ id: 'legacy-client', secret: CLIENT_SECRET }],
      users: [{ username: 'alice', password: PASSWORD }],
    });
    app = await startE2eApp({ viewport });
    await app.ctx.profiles.create(
      {
        grantType: 'password',
        name: 'Password IdP',
        identityProviderName: 'oauth2-server (loopback)',
        clientId: 'legacy-client',
        tokenUrl: pwIdp.tokenUrl,
        authorizationMode: 'pre_authorize',
      },
      { clientSecret: CLIENT_SECRET, username: 'alice', password: PASSWORD },
    );
    await app.reload();
  });

  afterAll(async () => {
    await app?.close();
    await pwIdp?.close();
  });

  afterEach(() => {
    expect(app.takeErrors()).toEqual([]);
  });

  it('explains the legacy grant once, beside Test, and links to it from the run', async () => {
    const { page } = app;
    await openProfile(page, 'Password IdP');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    const body = await page.locator('body').innerText();
    // The sentence once (the note); the run links to it rather than repeating it.
    expect(body.match(/legacy/gi)).toHaveLength(3); // the note's badge and sentence, the run's link
    expect(body.match(/The password grant is legacy/g)).toHaveLength(1);
    expect(body.match(/RFC 9700/g)).toHaveLength(1);
    const note = page.locator('.legacy-note');
    await expectInViewport(page, note);
    await page.getByRole('button', { name: 'Legacy grant: see the note beside Test' }).click();
    await poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await app.screenshot(`layout-legacy-once-${size}`, { fullPage: false });
  });
});
