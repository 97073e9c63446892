/**
 * While an authorization-code Test waits for the sign-in (docs/architecture.md, "A Test, step by step"): the
 * `test:progress` event carries the authorization URL (redacted as the stored run is) and the redirect URI,
 * `test:open-browser` opens the real URL again, and a browser that cannot be started no longer ends the Test.
 * The real services against a real oidc-provider on loopback; Chromium signs in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestProgress } from '../../src-shared/test-run';
import { query, startAuthCodeBench, steps, type AuthCodeBench } from '../helpers/auth-code-bench';

/** A secret-named additional field: sent to the IdP, `[redacted]` wherever the URL is shown. */
const API_KEY = 'api-key-value-3f9a71c2';

describe('a sign-in that waits', () => {
  let bench: AuthCodeBench;
  beforeAll(async () => void (bench = await startAuthCodeBench()));
  afterAll(async () => bench?.close());
  beforeEach(() => void (bench.progress.length = 0));

  /** The first progress event of `profileId` that carries the sign-in. */
  const waiting = async (profileId: string): Promise<TestProgress> => {
    await expect
      .poll(() => bench.progress.some((p) => p.profileId === profileId && p.signIn), { timeout: 20_000, interval: 20 })
      .toBe(true);
    return bench.progress.find((p) => p.profileId === profileId && p.signIn)!;
  };

  it('publishes the redacted URL and the redirect URI, and opens the real URL again on test:open-browser', async () => {
    const opened: string[] = [];
    bench.setOpener(async (url) => void opened.push(url));
    const profile = await bench.createProfile({ additionalFields: [{ key: 'api_key', value: API_KEY }] });
    expect(await bench.call('test:open-browser', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const started = Date.now();
    const running = bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    const event = await waiting(profile.id);
    const signIn = event.signIn!;
    expect(event.step).toBe('browser');
    expect(event.message).toBe('Waiting for you to sign in (1 min)…');
    expect(signIn.openerError).toBeUndefined();
    expect(signIn.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const deadline = Date.parse(signIn.deadline);
    expect(deadline).toBeGreaterThanOrEqual(started + 60_000 - 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 60_000);
    // Shown: every parameter but the secret-named one; opened: the real URL.
    const shown = query(signIn.authorizationUrl);
    expect(shown.get('api_key')).toBe('[redacted]');
    expect(shown.get('redirect_uri')).toBe(signIn.redirectUri);
    expect(shown.get('state')).toMatch(/^[\w-]{22,}$/);
    expect(shown.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(bench.progress)).not.toContain(API_KEY);
    expect(opened).toHaveLength(1);
    expect(query(opened[0]!).get('api_key')).toBe(API_KEY);
    expect(signIn.authorizationUrl).toBe(opened[0]!.replace(API_KEY, '[redacted]'));

    expect(await bench.call('test:open-browser', { profileId: profile.id })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(opened).toEqual([opened[0], opened[0]]);

    await bench.browser.signIn(opened[1]!);
    const run = await running;
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['authorize', 'callback', 'token']);
    // The shown URL is the stored authorize exchange's URL, to the character.
    expect(run.exchanges[0]!.request.url).toBe(signIn.authorizationUrl);
    // Nothing waits any more: the URL is no longer held.
    expect(await bench.call('test:open-browser', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/No sign-in of this profile is waiting/) },
    });
    expect(opened).toHaveLength(2);
    // Only the wait itself carries the sign-in.
    expect(bench.progress.filter((p) => p.signIn && p.step !== 'browser')).toEqual([]);
  });

  it('keeps waiting when the browser cannot be started: the sign-in completes through the shown URL', async () => {
    bench.setOpener(async () => {
      throw new Error('spawn xdg-open ENOENT');
    });
    const profile = await bench.createProfile();
    const running = bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    const event = await waiting(profile.id);
    expect(event.signIn!.openerError).toBe('spawn xdg-open ENOENT');
    expect(event.message).toMatch(
      /^The browser could not be opened \(spawn xdg-open ENOENT\): open the authorization URL/,
    );
    // Open again tries the opener once more and says why it failed; the Test still waits.
    expect(await bench.call('test:open-browser', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: 'The browser could not be opened: spawn xdg-open ENOENT' },
    });

    // The user copies the URL (nothing in it is secret, so the shown URL is the real one) into a browser.
    const page = await bench.browser.signIn(event.signIn!.authorizationUrl);
    expect(page.text).toContain('Signed in');
    const run = await running;
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(steps(run)).toEqual(['authorize', 'callback', 'token']);
    expect(run.exchanges[0]!.error).toBeUndefined();
  });

  it('still ends the Test when the opener refuses a URL no browser may open (http:// to another host)', async () => {
    const opened: string[] = [];
    bench.setOpener(async (url) => {
      opened.push(url);
      throw new Error('Only https:// (or http:// to loopback) URLs are opened in the browser');
    });
    const profile = await bench.createProfile({ authorizationUrl: 'http://idp.invalid/auth' });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(opened).toHaveLength(1);
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({
      code: 'invalid_request',
      message: 'The browser could not be opened: Only https:// (or http:// to loopback) URLs are opened in the browser',
      hint: 'The Authorization URL must be https:// (or http:// to a loopback address).',
    });
    expect(steps(run)).toEqual(['authorize']);
    expect(bench.progress.some((p) => p.signIn)).toBe(false);
    expect(await bench.call('test:open-browser', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers not_found after a cancelled wait', async () => {
    bench.setOpener(async () => {});
    const profile = await bench.createProfile();
    const running = bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    await waiting(profile.id);
    expect(await bench.call('test:cancel', { profileId: profile.id })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect((await running).error?.code).toBe('cancelled');
    expect(await bench.call('test:open-browser', { profileId: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
