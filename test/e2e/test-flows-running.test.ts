/**
 * End to end: the running state of a Test — the current step as main words it, the step indicator and
 * Cancel — for a token endpoint that never answers, and for the authorization-code flow waiting at the
 * system browser (a second Chromium signs in at a real oidc-provider once the waiting state is seen).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { launchLoginBrowser, type LoginBrowser } from '../helpers/browser-login';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll as pollUntil } from '../helpers/e2e-app';

requireBuiltRenderer();

let app: E2eApp;
let idp: RunningIdp;
let login: LoginBrowser;
let hung: { url: string; close(): Promise<void> };
/** Authorization URLs the app asked the "system browser" to open, resolved in order. */
const opened: string[] = [];
let onOpen: (url: string) => void = () => {};

/** A token endpoint that accepts connections and never answers. */
async function startHungServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => {});
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

beforeAll(async () => {
  idp = await startOidcIdp({
    scopes: ['api:read'],
    clients: [
      {
        client_id: 'native-app',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid offline_access api:read',
      },
    ],
  });
  hung = await startHungServer();
  login = await launchLoginBrowser();
  // The "system browser" opens nothing by itself: the test signs in when it has seen the waiting state.
  app = await startE2eApp({ context: { openBrowser: async (url) => void (opened.push(url), onOpen(url)) } });
  await app.ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: 'Hung IdP',
      identityProviderName: 'A server that never answers',
      clientId: 'c',
      tokenUrl: `${hung.url}/token`,
      checkUrl: `${hung.url}/api/me`,
    },
    { clientSecret: 'hung-secret' },
  );
  await app.ctx.profiles.create({
    grantType: 'authorization_code',
    name: 'Browser sign-in',
    identityProviderName: 'oidc-provider (loopback)',
    clientId: 'native-app',
    clientAuthMethod: 'none',
    authorizationUrl: `${idp.issuer}/auth`,
    tokenUrl: idp.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
  });
});

afterAll(async () => {
  await app?.close();
  await login?.close();
  await hung?.close();
  await idp?.close();
});

beforeEach(async () => {
  await app.reload();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const poll = <T>(read: () => Promise<T>) => pollUntil(read, 15_000);
const steps = async (page: Page) =>
  (await page.getByRole('list', { name: 'Steps' }).getByRole('listitem').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );

async function openProfile(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('Running state', () => {
  it('shows the current step and what is to come, and Cancel stops the Test', async () => {
    const { page } = app;
    await openProfile(page, 'Hung IdP');
    await page.getByRole('button', { name: 'Test', exact: true }).click();

    const running = page.getByRole('status').filter({ hasText: 'Testing…' });
    await poll(() => running.innerText()).toContain('Requesting a token from 127.0.0.1');
    expect(await steps(page)).toEqual([
      expect.stringMatching(/Token \(in progress\)$/),
      expect.stringMatching(/Check URL \(to come\)$/),
    ]);
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    await poll(() => cancel.evaluate((el) => el === document.activeElement)).toBe(true);
    await app.screenshot('test-running-token', { fullPage: false });

    await page.keyboard.press('Enter');
    await poll(() => page.locator('.verdict').innerText()).toContain('Cancelled');
    const test = page.getByRole('button', { name: 'Test', exact: true });
    expect(await test.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('region', { name: 'History' }).getByRole('row').nth(1).innerText()).toMatch(
      /Test\s+Cancelled\s+cancelled/,
    );
    await app.screenshot('test-cancelled', { fullPage: false });
  });

  it('waits at the system browser with Cancel, then exchanges the code once signed in', async () => {
    const { page } = app;
    await openProfile(page, 'Browser sign-in');
    const openedUrl = new Promise<string>((ok) => (onOpen = ok));
    await page.getByRole('button', { name: 'Test', exact: true }).click();

    const url = await openedUrl;
    const running = page.getByRole('status').filter({ hasText: 'Testing…' });
    await poll(() => running.innerText()).toContain('Waiting for you to sign in');
    expect(await steps(page)).toEqual([
      expect.stringMatching(/Sign in \(browser\) \(in progress\)$/),
      expect.stringMatching(/Token \(to come\)$/),
    ]);
    expect(await page.getByRole('button', { name: 'Cancel', exact: true }).isEnabled()).toBe(true);
    await app.screenshot('test-running-browser', { fullPage: false });

    await login.signIn(url);
    await poll(() => page.locator('.verdict').innerText()).toContain('Passed');
    const timeline = await page.getByRole('region', { name: 'Timeline' }).innerText();
    expect(timeline).toMatch(
      /Authorization request\s+GET \/auth\s+[\w.-]+:\d+(?: · \d+ query parameters?)?\s+sent to the browser/,
    );
    expect(timeline).toMatch(/Callback\s+GET \/callback\s+[\w.-]+:\d+(?: · \d+ query parameters?)?\s+200 OK/);
    expect(timeline).toMatch(/Token request\s+POST \/token\s+[\w.-]+:\d+(?: · \d+ query parameters?)?\s+200 OK/);
    expect(await page.getByRole('region', { name: 'Token' }).innerText()).toMatch(/Refresh token\s+Held/);
    await app.screenshot('test-auth-code-passed', { fullPage: false });
  });
});
