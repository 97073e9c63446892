import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import { interpretTokenExchange, type TokenResult } from '../../src-main/oauth/token-response';

function tokenFrom(body: Record<string, unknown>): TokenResult {
  const exchange: Exchange = {
    step: 'token',
    request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: 'grant_type=refresh_token' },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    durationMs: 5,
  };
  const result = interpretTokenExchange(exchange);
  if (!result.ok) throw new Error(result.error.message);
  return result.token;
}
const base = { access_token: 'at', token_type: 'Bearer', expires_in: 300 };
const jwt = (exp?: number) =>
  new SignJWT({ typ: 'Refresh', ...(exp !== undefined ? { exp } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('a key of at least thirty-two bytes!!'));

describe('the refresh token lifetime of a token response', () => {
  it('reads refresh_expires_in (seconds, Keycloak)', () => {
    const token = tokenFrom({ ...base, refresh_token: 'rt', refresh_expires_in: 1800 });
    expect(token.refreshExpiresIn).toBe(1800);
    expect(token.refreshExpiresAt).toBeUndefined();
  });

  it('reads refresh_token_expires_in (seconds: Microsoft, GitHub Apps), numeric strings too', () => {
    expect(tokenFrom({ ...base, refresh_token: 'rt', refresh_token_expires_in: 15_897_600 }).refreshExpiresIn).toBe(
      15_897_600,
    );
    expect(tokenFrom({ ...base, refresh_token: 'rt', refresh_token_expires_in: '86400' }).refreshExpiresIn).toBe(
      86_400,
    );
  });

  it("reads a JWT refresh token's exp when no lifetime in seconds is stated, unverified", async () => {
    const exp = Math.floor(Date.parse('2027-01-02T03:04:05Z') / 1000);
    const token = tokenFrom({ ...base, refresh_token: await jwt(exp) });
    expect(token.refreshExpiresAt).toBe('2027-01-02T03:04:05.000Z');
    expect(token.refreshExpiresIn).toBeUndefined();
    // A stated lifetime wins over the JWT's exp.
    expect(tokenFrom({ ...base, refresh_token: await jwt(exp), refresh_expires_in: 60 })).toMatchObject({
      refreshExpiresIn: 60,
    });
  });

  it('states none when the IdP gives none, or an unusable one (0 = offline token, negative, text, huge)', async () => {
    for (const extra of [
      {},
      { refresh_expires_in: 0 },
      { refresh_expires_in: -5 },
      { refresh_expires_in: 'soon' },
      { refresh_token_expires_in: 1e12 },
    ]) {
      const token = tokenFrom({ ...base, refresh_token: 'opaque-rt', ...extra });
      expect(token.refreshExpiresIn, JSON.stringify(extra)).toBeUndefined();
      expect(token.refreshExpiresAt, JSON.stringify(extra)).toBeUndefined();
    }
    expect(tokenFrom({ ...base, refresh_token: await jwt() }).refreshExpiresAt).toBeUndefined();
    expect(tokenFrom({ ...base, refresh_token: 'not.a.jwt' }).refreshExpiresAt).toBeUndefined();
  });

  it('states none without a refresh token, even when a lifetime is sent', () => {
    const token = tokenFrom({ ...base, refresh_expires_in: 1800 });
    expect(token).not.toHaveProperty('refreshExpiresIn');
    expect(token).not.toHaveProperty('refreshExpiresAt');
  });
});
