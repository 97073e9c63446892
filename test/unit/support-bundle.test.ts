/** The support bundle's measured clock offset and discovery document, from a run's recorded exchanges. */
import { describe, expect, it } from 'vitest';
import { discoveryDocument, measuredClockOffsetMs, supportBundle } from '../../src-main/services/support-bundle';
import type { Exchange, TestRun } from '../../src-shared/test-run';

const exchange = (over: Partial<Exchange> & { date?: string; body?: string; url?: string }): Exchange => ({
  step: over.step ?? 'token',
  request: { method: 'GET', url: over.url ?? 'https://idp.test/token', headers: {}, body: null },
  response: {
    status: 200,
    statusText: 'OK',
    headers: over.date ? { date: over.date } : {},
    body: over.body ?? null,
  },
  durationMs: over.durationMs ?? 100,
});

const run = (exchanges: Exchange[]): TestRun => ({
  id: 'r',
  ok: true,
  profile: 'p',
  profileId: 'id',
  grantType: 'client_credentials',
  startedAt: '2026-12-02T10:00:00.000Z',
  durationMs: 300,
  exchanges,
});

describe('support bundle extras', () => {
  it('measures the IdP clock from the first Date header, at the time that response arrived', () => {
    const r = run([
      exchange({ durationMs: 200 }),
      // Arrived at 10:00:00.500 (200 + 300 ms after the start); the IdP says 10:03:12.
      exchange({ durationMs: 300, date: 'Wed, 02 Dec 2026 10:03:12 GMT' }),
      exchange({ date: 'Wed, 02 Dec 2026 09:00:00 GMT' }),
    ]);
    expect(measuredClockOffsetMs(r)).toBe(3 * 60_000 + 12_000 - 500);
    expect(measuredClockOffsetMs(run([exchange({})]))).toBeUndefined();
    expect(supportBundle(r, {} as never, '1.0.0').clockOffsetMs).toBe(191_500);
  });

  it('carries the metadata of the discovery read, not the JWKS read or a failed one', () => {
    const metadata = { issuer: 'https://idp.test', token_endpoint: 'https://idp.test/token' };
    const r = run([
      exchange({ step: 'discovery', url: 'https://idp.test/.well-known/openid-configuration', body: 'not json' }),
      exchange({ step: 'discovery', url: 'https://idp.test/jwks', body: '{"keys":[]}' }),
      exchange({
        step: 'discovery',
        url: 'https://idp.test/.well-known/oauth-authorization-server',
        body: JSON.stringify(metadata),
      }),
    ]);
    expect(discoveryDocument(r)).toEqual({ url: 'https://idp.test/.well-known/oauth-authorization-server', metadata });
    expect(supportBundle(r, {} as never, '1.0.0').discovery?.metadata).toEqual(metadata);
    expect(supportBundle(run([exchange({})]), {} as never, '1.0.0')).not.toHaveProperty('discovery');
  });
});
