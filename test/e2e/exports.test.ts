/**
 * End to end (docs/architecture.md, "How it is tested"): a passed Test's reproductions — Save as HAR…, Save
 * cURL…, Save support bundle… — at both window sizes. Main's save dialogs are stubbed to paths in a temp dir;
 * the files main writes are real and are read back (0600, content, no secret). Screenshot `exports-<w>x<h>`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
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

const CLIENT_ID = 'e2e-exports';
const CLIENT_SECRET = `e2e-exports-${randomBytes(12).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'authbench-exports-'));
/** What each stubbed save dialog answers next (null = Cancel), and the names main proposed. */
const next: { path: string | null } = { path: null };
const offered: string[] = [];
const answer = async (name: string) => (offered.push(name), next.path);

let app: E2eApp;
let idp: RunningIdp;

beforeAll(async () => {
  idp = await startClientCredentialsIdp(CLIENT_ID, CLIENT_SECRET);
  app = await startE2eApp({
    context: {
      dialogs: {
        openProfiles: async () => null,
        saveProfiles: async () => null,
        saveHar: answer,
        saveCurl: answer,
        saveBundle: answer,
        confirmExportWithSecrets: async () => false,
      },
    },
    seed: async (ctx) => {
      for (const { width, height } of E2E_VIEWPORTS) {
        const profile = {
          name: `Exports ${width}x${height}`,
          grantType: 'client_credentials' as const,
          identityProviderName: 'oidc-provider (loopback)',
          clientId: CLIENT_ID,
          tokenUrl: idp.tokenEndpoint,
          scopes: [{ key: 'scope', value: 'api:read' }],
        };
        await ctx.profiles.create(profile, { clientSecret: CLIENT_SECRET });
      }
    },
  });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

describe.each(E2E_VIEWPORTS)('exports at $width x $height', ({ width, height }) => {
  const size = `${width}x${height}`;
  const name = `Exports ${size}`;

  it('saves HAR, cURL and a support bundle of the run to real files without the secret', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await app.reload();
    await openProfile(page, name);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await poll(() => page.locator('.verdict').innerText(), 20_000).toContain('Passed');

    const group = page.getByRole('group', { name: 'Share this run' });
    const status = page.locator('.run-actions').getByRole('status');
    const buttons = ['Save as HAR…', 'Save cURL…', 'Save support bundle…'].map((label) =>
      group.getByRole('button', { name: label }),
    );
    await buttons[2]!.scrollIntoViewIfNeeded();
    for (const button of buttons) await expectInViewport(page, button, `${await button.innerText()} at ${size}`);

    const save = async (index: number, file: string, how: 'click' | 'keyboard' = 'click') => {
      next.path = join(dir, `${size}-${file}`);
      if (how === 'click') await buttons[index]!.click();
      else {
        await buttons[index]!.focus();
        await page.keyboard.press('Enter');
      }
      await poll(() => status.innerText()).toBe(`Saved to ${next.path}`);
      expect(statSync(next.path).mode & 0o777).toBe(0o600);
      const text = readFileSync(next.path, 'utf8');
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'));
      return text;
    };

    const curl = await save(1, 'run.sh');
    expect(curl).toMatch(/^#!\/bin\/sh\n/);
    expect(curl).toContain(`--user '${CLIENT_ID}:'"$CLIENT_SECRET"`);
    expect(curl).toContain(`--url '${idp.tokenEndpoint}'`);
    expect(offered.at(-1)).toMatch(new RegExp(`^${name} \\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.sh$`));
    await app.screenshot(`exports-${size}`, { fullPage: false });

    const bundle = JSON.parse(await save(2, 'bundle.json', 'keyboard'));
    expect(bundle).toMatchObject({
      format: 'authbench.support-bundle/v1',
      profile: { name, clientId: CLIENT_ID, tokenUrl: idp.tokenEndpoint },
      run: { ok: true, profile: name },
    });
    expect(bundle.profile).not.toHaveProperty('clientSecret');
    expect(offered.at(-1)).toMatch(/\.support\.json$/);

    const har = JSON.parse(await save(0, 'run.har'));
    expect(har.log.entries[0].response.status).toBe(200);

    // Cancel in the dialog: nothing written, no line.
    next.path = null;
    await buttons[1]!.click();
    await poll(() => status.innerText()).toBe('');
    await expect(buttons[1]!.isEnabled()).resolves.toBe(true);
    expect(await page.content()).not.toContain(CLIENT_SECRET);
  });
});
