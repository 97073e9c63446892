/**
 * The device authorization grant end to end (RFC 8628; docs/architecture.md, "A Test, step by step"): the real
 * services against oidc-provider's deviceFlow on loopback, with Chromium approving the user code at its pages,
 * and a scripted node:http IdP for slow_down and Cancel. Polling waits run through RunOptions.sleep, 50 times
 * faster than the interval, so a 5 s interval takes 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { GrantProfile, ProfileView } from '../../src-shared/profile';
import type { Exchange, TestProgress } from '../../src-shared/test-run';
import { DEVICE_GRANT, startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { createRecordingClient } from '../../src-main/http/recording-client';
import { realSleep } from '../../src-main/services/device-progress';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser-login';
import { makeTestContext, type TestContext } from '../helpers/context';
import { SCRIPTED_DEVICE_CODE, startDeviceIdp, type DeviceIdp } from '../helpers/device-idp';
import { approveDevice } from '../helpers/device-login-cli.mjs';

const FAST = 50;
const sleeps: number[] = [];
const fastSleep = (ms: number, signal: AbortSignal) => (sleeps.push(ms), realSleep(ms / FAST, signal));

describe('device-code Test (RFC 8628)', () => {
  let idp: RunningIdp;
  let shortIdp: RunningIdp;
  let browser: Browser;
  let ctx: TestContext;
  const received: Exchange[] = [];
  const progress: TestProgress[] = [];
  let open: (url: string) => Promise<void> = async () => {};
  let counter = 0;

  const client = { client_id: 'tv-app', grant_types: [DEVICE_GRANT, 'refresh_token'], scope: 'openid offline_access' };
  beforeAll(async () => {
    idp = await startOidcIdp({ clients: [client] });
    // 3 s: long enough for two pending polls (100 ms apart) even on a loaded machine.
    shortIdp = await startOidcIdp({ clients: [client], deviceCodeTtlSeconds: 3 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const real = createRecordingClient();
    ctx = makeTestContext({
      http: { send: async (req) => (received.push(await real.send(req)), received.at(-1)!) },
      openBrowser: (url) => open(url),
    });
    ctx.events.on('test:progress', (p) => progress.push(p));
  });
  afterAll(async () => {
    await ctx?.dispose();
    await browser?.close();
    await idp?.close();
    await shortIdp?.close();
  });

  const createProfile = (fields: Partial<GrantProfile<'device_code'>> & { tokenUrl: string }) =>
    ctx.profiles.create({
      grantType: 'device_code',
      name: `device ${++counter}`,
      identityProviderName: 'oidc-provider',
      clientId: 'tv-app',
      clientAuthMethod: 'none',
      deviceAuthorizationUrl: fields.tokenUrl.replace(/\/token$/, '/device/auth'),
      scopes: [{ key: 'scope', value: 'openid offline_access' }],
      ...fields,
    });
  /** The system browser: approves (or aborts) in a fresh context, in the background as a real launch does. */
  const approving = (abort = false) => {
    const pages: Promise<string>[] = [];
    open = async (url) => {
      const context = await browser.newContext();
      pages.push(approveDevice(await context.newPage(), url, { abort }).finally(() => context.close()));
    };
    return pages;
  };
  const storedText = (profile: ProfileView) => JSON.stringify(ctx.runs.list(profile.id));

  it('shows the user code, opens the verification URL, polls until Chromium approves, and keeps no device code', async () => {
    const pages = approving();
    progress.length = 0;
    received.length = 0;
    const profile = await createProfile({ tokenUrl: idp.tokenEndpoint, issuer: idp.issuer });
    const run = await ctx.tests.run(profile.id, { sleep: fastSleep });
    expect(await pages[0]).toContain('Device approved');

    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(run.tokenSource).toBe('signed_in');
    expect(run.token?.hasRefreshToken).toBe(true);
    const steps = run.exchanges.map((e) => e.step).filter((s) => s !== 'discovery');
    // The device authorization request, the first authorization_pending poll, the final poll.
    expect(steps).toEqual(['device_authorization', 'token', 'token']);
    const [device, pending, final] = run.exchanges.filter((e) => e.step !== 'discovery');
    expect(device!.request.method).toBe('POST');
    expect(new URLSearchParams(device!.request.body!).get('client_id')).toBe('tv-app');
    expect(new URLSearchParams(device!.request.body!).get('scope')).toBe('openid offline_access');
    expect(JSON.parse(device!.response!.body!).device_code).toBe('[redacted]');
    expect(JSON.parse(pending!.response!.body!).error).toBe('authorization_pending');
    expect(new URLSearchParams(final!.request.body!).get('grant_type')).toBe(DEVICE_GRANT);
    expect(new URLSearchParams(final!.request.body!).get('device_code')).toBe('[redacted]');
    expect(final!.response!.status).toBe(200);
    expect(run.polls!.count).toBe(run.polls!.pending + 1);
    expect(run.polls!.pending).toBeGreaterThanOrEqual(1);
    expect(run.polls!.intervalS).toBe(5);
    // oidc-provider sends no interval: RFC 8628 §3.5's default of 5 s.
    expect(new Set(sleeps)).toEqual(new Set([5000]));

    // The progress event of the wait: the user code and the URL the browser was sent to.
    const waiting = progress.find((p) => p.device)!.device!;
    const rawDevice = JSON.parse(received.find((e) => e.step === 'device_authorization')!.response!.body!);
    expect(waiting.userCode).toBe(rawDevice.user_code);
    expect(waiting.verificationUriComplete).toBe(rawDevice.verification_uri_complete);
    expect(waiting.intervalS).toBe(5);
    expect(Date.parse(waiting.expiresAt) - Date.now()).toBeGreaterThan(500_000);
    expect(rawDevice.device_code.length).toBeGreaterThan(20);
    expect(storedText(profile)).not.toContain(rawDevice.device_code);
    expect(JSON.stringify(run)).not.toContain(rawDevice.device_code);
  }, 60_000);

  it('ends with access_denied and its diagnosis when the person aborts at the confirmation page', async () => {
    const pages = approving(true);
    const profile = await createProfile({ tokenUrl: idp.tokenEndpoint });
    const run = await ctx.tests.run(profile.id, { sleep: fastSleep });
    await pages[0];
    expect(run.ok).toBe(false);
    expect(run.error?.code).toBe('oauth_error');
    expect(run.error?.oauthError).toBe('access_denied');
    expect(run.error?.diagnosis).toContain('denied or aborted');
    expect(run.exchanges.at(-1)!.response!.status).toBe(400);
  }, 60_000);

  it('ends with expired_token when nobody approves before the device code expires', async () => {
    open = async () => {};
    const profile = await createProfile({ tokenUrl: shortIdp.tokenEndpoint });
    const run = await ctx.tests.run(profile.id, { sleep: fastSleep });
    expect(run.error?.oauthError).toBe('expired_token');
    expect(run.error?.diagnosis).toContain('expired before the user code was approved');
    // Many polls, three recorded: the first pending one and the final one after the device authorization.
    expect(run.exchanges.map((e) => e.step)).toEqual(['device_authorization', 'token', 'token']);
    expect(run.polls!.pending).toBeGreaterThanOrEqual(2);
  }, 30_000);

  describe('against a scripted IdP', () => {
    let scripted: DeviceIdp;
    afterAll(async () => scripted?.close());

    it('adds 5 s to the interval on each slow_down (RFC 8628 §3.5) and keeps polling through pending', async () => {
      scripted = await startDeviceIdp(
        ['authorization_pending', 'slow_down', 'authorization_pending', 'slow_down', 'token'],
        {
          interval: 2,
        },
      );
      open = async () => {};
      sleeps.length = 0;
      const profile = await createProfile({
        tokenUrl: scripted.url('/token'),
        deviceAuthorizationUrl: scripted.url('/device'),
      });
      const run = await ctx.tests.run(profile.id, { sleep: fastSleep });
      expect(run.error).toBeUndefined();
      expect(run.ok).toBe(true);
      expect(sleeps).toEqual([2000, 2000, 7000, 7000, 12_000]);
      expect(run.polls).toEqual({ count: 5, pending: 2, slowDown: 2, intervalS: 12 });
      // First pending, first slow_down, final token; the device code appears in none of them.
      const answers = run.exchanges.slice(1).map((e) => JSON.parse(e.response!.body!).error ?? 'token');
      expect(answers).toEqual(['authorization_pending', 'slow_down', 'token']);
      expect(scripted.polls[0]!.body).toContain(SCRIPTED_DEVICE_CODE);
      expect(storedText(profile)).not.toContain(SCRIPTED_DEVICE_CODE);
      // The new interval reached the waiting view.
      expect(progress.filter((p) => p.profileId === profile.id && p.device).map((p) => p.device!.intervalS)).toEqual([
        2, 7, 12,
      ]);
    }, 30_000);

    it('Cancel stops polling at once and the run is stored as cancelled', async () => {
      await scripted?.close();
      scripted = await startDeviceIdp(['authorization_pending']);
      open = async () => {};
      const profile = await createProfile({
        tokenUrl: scripted.url('/token'),
        deviceAuthorizationUrl: scripted.url('/device'),
      });
      // A real 5 s interval: Cancel must not wait for it.
      const started = performance.now();
      const running = ctx.tests.run(profile.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ctx.tests.cancel(profile.id)).toBe(true);
      const run = await running;
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(run.error?.code).toBe('cancelled');
      expect(scripted.polls).toHaveLength(0);
      expect(ctx.runs.list(profile.id)[0]!.error?.code).toBe('cancelled');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(scripted.polls).toHaveLength(0);
    }, 30_000);
  });
});
