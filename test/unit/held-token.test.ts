/**
 * The held-token decision (docs/architecture.md, "Held tokens"): which profiles hold their token, when a
 * pre-authorize Test uses it, refreshes it first (30 s margin, RFC 6749 §6) or signs in, and what the
 * fingerprint of "what the token was obtained with" covers. The integration test pre-authorize.test.ts runs
 * the same decisions against oidc-provider.
 */
import { describe, expect, it } from 'vitest';
import {
  batchSkipsTokenWrite,
  decideHeldToken,
  EXPIRY_MARGIN_MS,
  heldTokenBarred,
  keepsHeldToken,
  tokenFingerprint,
  typedFieldValues,
} from '../../src-main/services/held-token';
import { describeTokenSource, holdsToken } from '../../src-shared/token-source';
import { heldTokenResult } from '../../src-main/services/token-source';
import type { StoredToken } from '../../src-main/services/tokens';
import { profileView } from '../helpers/profile-views';

const NOW = new Date('2026-12-02T08:00:00.000Z');
const authCode = (fields: Record<string, unknown> = {}) =>
  profileView({
    grantType: 'authorization_code',
    authorizationUrl: 'https://idp.test/authorize',
    authorizationMode: 'pre_authorize',
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
    ...fields,
  });
const FINGERPRINT = tokenFingerprint(authCode());
const token = (over: Partial<StoredToken> = {}): StoredToken => ({
  accessToken: 'access-token-value-0123456789',
  refreshToken: 'refresh-token-value-0123456789',
  tokenType: 'Bearer',
  obtainedAt: new Date(NOW.getTime() - 600_000).toISOString(),
  expiresAt: new Date(NOW.getTime() + 3_000_000).toISOString(),
  usable: true,
  fingerprint: FINGERPRINT,
  ...over,
});
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const decide = (stored: StoredToken | null, tenant?: string) =>
  decideHeldToken(stored, { fingerprint: FINGERPRINT, tenant, now: NOW });

describe('holdsToken and heldTokenBarred', () => {
  it('only authorization code in pre-authorize mode keeps its token across Tests', () => {
    expect(holdsToken(authCode())).toBe(true);
    expect(holdsToken(authCode({ authorizationMode: 'user' }))).toBe(false);
    expect(holdsToken(profileView({ grantType: 'client_credentials', autoRefresh: true }))).toBe(false);
    expect(holdsToken(profileView({ grantType: 'password', authorizationMode: 'pre_authorize' }))).toBe(false);
  });

  it('"Sign in again" and a variant bar the held token; an empty overrides object does not', () => {
    expect(heldTokenBarred({})).toBeNull();
    expect(heldTokenBarred({ overrides: {} })).toBeNull();
    expect(heldTokenBarred({ signIn: true })).toMatch(/Sign in again was asked for/);
    expect(heldTokenBarred({ overrides: { checkUrl: 'https://api.test/me' } })).toMatch(/overrides profile fields/);
  });
});

describe('decideHeldToken', () => {
  it('uses a token with more than 30 s left, and says until when', () => {
    expect(decide(token())).toMatchObject({
      use: 'held',
      reason: `The held token is valid until ${at(3_000_000)} (50 min left)`,
    });
    expect(decide(token({ expiresAt: at(EXPIRY_MARGIN_MS + 1000) }))).toMatchObject({
      use: 'held',
      reason: expect.stringMatching(/\(31 s left\)$/),
    });
  });

  it('refreshes a token that expired or expires within 30 s, when a refresh token is held', () => {
    expect(EXPIRY_MARGIN_MS).toBe(30_000);
    expect(decide(token({ expiresAt: at(EXPIRY_MARGIN_MS) }))).toMatchObject({
      use: 'refresh',
      reason: `The held token expires within 30 s (at ${at(30_000)})`,
    });
    expect(decide(token({ expiresAt: at(-1) }))).toMatchObject({
      use: 'refresh',
      reason: `The held token expired at ${at(-1)}`,
      stored: { refreshToken: 'refresh-token-value-0123456789' },
    });
  });

  it('signs in when nothing usable is held, saying why', () => {
    const cases: [StoredToken | null, RegExp][] = [
      [null, /^No token was held for this profile/],
      [token({ usable: false }), /refresh token was refused before \(invalid_grant\)/],
      [token({ expiresAt: at(-1), refreshToken: undefined }), /expired at .* and no refresh token is held/],
      [token({ fingerprint: undefined }), /obtained with another Client ID/],
      [token({ fingerprint: 'f'.repeat(64) }), /obtained with another Client ID/],
      [token({ tenant: 'acme' }), /obtained for tenant "acme", not no tenant/],
    ];
    for (const [stored, reason] of cases)
      expect(decide(stored)).toEqual({ use: 'sign_in', reason: expect.stringMatching(reason) });
    expect(decide(token(), 'globex')).toMatchObject({
      use: 'sign_in',
      reason: expect.stringMatching(/not tenant "globex"/),
    });
    expect(decide(token({ tenant: 'acme' }), 'acme')).toMatchObject({ use: 'held' });
  });

  it('signs in when a typed {{field}} the token was obtained with has another value now', () => {
    const run = (fields: Record<string, string>) =>
      decideHeldToken(token({ fields: { region: 'eu' } }), {
        fingerprint: FINGERPRINT,
        tenant: undefined,
        fields,
        now: NOW,
      });
    expect(run({ region: 'eu' })).toMatchObject({ use: 'held' });
    expect(run({ region: 'us' })).toEqual({
      use: 'sign_in',
      reason: 'The held token was obtained with another value of {{region}}',
    });
    expect(run({})).toMatchObject({ use: 'sign_in', reason: expect.stringContaining('{{region}}') });
    expect(run({ region: 'eu', shard: '2' })).toMatchObject({
      use: 'sign_in',
      reason: expect.stringContaining('{{shard}}'),
    });
  });

  it('uses a DPoP-bound token only with the key it is bound to (RFC 9449 §6.1); a Bearer one with any', () => {
    const run = (stored: StoredToken, dpopJkt?: string) =>
      decideHeldToken(stored, {
        fingerprint: FINGERPRINT,
        tenant: undefined,
        now: NOW,
        ...(dpopJkt ? { dpopJkt } : {}),
      });
    const bound = token({ tokenType: 'DPoP', dpopJkt: 'key-a-thumbprint' });
    expect(run(bound, 'key-a-thumbprint')).toMatchObject({ use: 'held' });
    expect(run(bound, 'key-b-thumbprint')).toEqual({
      use: 'sign_in',
      reason: "The held token is bound to another DPoP key than the profile's",
    });
    expect(run(bound)).toEqual({ use: 'sign_in', reason: 'The held token is DPoP-bound, but DPoP is off now' });
    expect(run(token(), 'key-a-thumbprint')).toMatchObject({ use: 'held' });
  });

  it('keeps with a token the typed fields that obtain or refresh it, never the user’s credentials or check-only fields', () => {
    const profile = profileView({
      grantType: 'password',
      tokenUrl: 'https://idp.test/{{region}}/token?u={{username}}',
      additionalFields: [{ key: 'pin', value: '{{pin}}' }],
      checkUrl: 'https://api.test/users/{{userId}}',
    });
    const values = { region: 'eu', pin: '1234', userId: '42', username: 'alice', password: 'pw', other: 'x' };
    expect(typedFieldValues(profile, values)).toEqual({ region: 'eu', pin: '1234' });
  });

  it('uses a token the IdP gave no expiry, and says so', () => {
    expect(decide(token({ expiresAt: undefined }))).toMatchObject({
      use: 'held',
      reason: expect.stringMatching(/no expiry \(expires_in\), so it is used until the API refuses it/),
    });
  });
});

describe('tokenFingerprint', () => {
  it('changes with client_id, the endpoints, scopes and additional fields, not with other fields', () => {
    const changed = [
      { clientId: 'other' },
      { authorizationUrl: 'https://idp.test/authorize2' },
      { tokenUrl: 'https://idp.test/token2' },
      { refreshTokenUrl: 'https://idp.test/refresh' },
      { scopes: [{ key: 'scope', value: 'openid' }] },
      { additionalFields: [{ key: 'audience', value: 'api' }] },
    ];
    for (const fields of changed) expect(tokenFingerprint(authCode(fields))).not.toBe(FINGERPRINT);
    const same = [{ checkUrl: 'https://api.test/me' }, { autoRefresh: true }, { name: 'renamed' }];
    for (const fields of same) expect(tokenFingerprint(authCode(fields))).toBe(FINGERPRINT);
    expect(FINGERPRINT).toMatch(/^[0-9a-f]{64}$/);
    // Only a hash is stored: no field value appears in it.
    expect(FINGERPRINT).not.toContain('idp.test');
  });
});

describe('heldTokenResult', () => {
  it('gives the seconds left at the run’s clock and the token values for the check call', () => {
    expect(heldTokenResult(token(), NOW)).toEqual({
      accessToken: 'access-token-value-0123456789',
      refreshToken: 'refresh-token-value-0123456789',
      summary: { tokenType: 'Bearer', expiresIn: 3000, hasRefreshToken: true },
    });
    expect(heldTokenResult(token({ expiresAt: at(-5000), refreshToken: undefined }), NOW).summary).toEqual({
      tokenType: 'Bearer',
      expiresIn: 0,
      hasRefreshToken: false,
    });
  });
});

describe('describeTokenSource (the CLI line; the app shows the same sentences)', () => {
  it('says that nothing was sent for a held token without a check call, and nothing for a run without a source', () => {
    const reason = 'The held token is valid until 2026-12-02T09:00:00.000Z (50 min left)';
    expect(describeTokenSource({ tokenSource: 'held', tokenSourceReason: reason, exchanges: [] })).toBe(
      'Used the held token — no sign-in needed. The held token is valid until 2026-12-02T09:00:00.000Z (50 min left). ' +
        'Nothing was sent: the profile has no Authorization Check URL to call with the token.',
    );
    expect(describeTokenSource({ tokenSource: 'refreshed', exchanges: [] })).toBe('Refreshed the held token.');
    expect(describeTokenSource({ exchanges: [] })).toBe('');
  });
});

describe('keepsHeldToken (Test all keeps a held token that is still good instead of rewriting it)', () => {
  const held = token({ refreshToken: undefined, scope: 'api:read', expiresAt: at(3_000_000) });
  const fresh = (over: { expiresIn?: number; scope?: string; tokenType?: string; refreshToken?: string } = {}) => ({
    accessToken: 'new-access-token-value-0123456789',
    ...(over.refreshToken ? { refreshToken: over.refreshToken } : {}),
    summary: {
      tokenType: over.tokenType ?? 'Bearer',
      hasRefreshToken: !!over.refreshToken,
      ...('expiresIn' in over
        ? over.expiresIn === undefined
          ? {}
          : { expiresIn: over.expiresIn }
        : { expiresIn: 3600 }),
      ...('scope' in over ? (over.scope === undefined ? {} : { scope: over.scope }) : { scope: 'api:read' }),
    },
  });
  const origin = { fingerprint: FINGERPRINT };

  it('keeps a usable held token of the same origin, type and scope with at least half the new lifetime left', () => {
    expect(keepsHeldToken(held, fresh(), origin, NOW)).toBe(true);
    // 3,000 s left against a new lifetime of 6,000 s: exactly half still counts; 5,999 s left of 12,000 does not.
    expect(keepsHeldToken(held, fresh({ expiresIn: 6000 }), origin, NOW)).toBe(true);
    expect(keepsHeldToken(held, fresh({ expiresIn: 12_000 }), origin, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh({ scope: undefined }), origin, NOW)).toBe(true);
  });

  it('writes the new token when anything a user relies on would differ', () => {
    expect(keepsHeldToken(null, fresh(), origin, NOW)).toBe(false);
    expect(keepsHeldToken({ ...held, usable: false }, fresh(), origin, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh({ refreshToken: 'new-refresh-token-0123456789' }), origin, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh({ scope: 'api:write' }), origin, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh({ tokenType: 'DPoP' }), origin, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh(), { fingerprint: 'other' }, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh(), { ...origin, tenant: 'acme' }, NOW)).toBe(false);
    expect(keepsHeldToken(held, fresh(), { ...origin, fields: { region: 'eu' } }, NOW)).toBe(false);
    expect(keepsHeldToken({ ...held, expiresAt: at(-1000) }, fresh(), origin, NOW)).toBe(false);
    // No expiry on one side only: the view would show a wrong lifetime.
    expect(keepsHeldToken(held, fresh({ expiresIn: undefined }), origin, NOW)).toBe(false);
    const { expiresAt: _, ...noExpiry } = held;
    expect(keepsHeldToken(noExpiry, fresh({ expiresIn: undefined }), origin, NOW)).toBe(true);
    expect(keepsHeldToken(noExpiry, fresh(), origin, NOW)).toBe(false);
  });

  it('compares typed field values whatever their order', () => {
    const withFields = { ...held, fields: { a: '1', b: '2' } };
    expect(keepsHeldToken(withFields, fresh(), { ...origin, fields: { b: '2', a: '1' } }, NOW)).toBe(true);
  });
});

describe('batchSkipsTokenWrite (Test all writes no token nobody will use again)', () => {
  const result = (refreshToken?: string) => ({
    accessToken: 'access-token-value-0123456789',
    ...(refreshToken ? { refreshToken } : {}),
    summary: { tokenType: 'Bearer', hasRefreshToken: !!refreshToken, expiresIn: 3600 },
  });

  it('skips a client-credentials token without a refresh token, and nothing else', () => {
    expect(batchSkipsTokenWrite('client_credentials', result())).toBe(true);
    expect(batchSkipsTokenWrite('client_credentials', result('refresh-token-value-0123456789'))).toBe(false);
    expect(batchSkipsTokenWrite('password', result())).toBe(false);
    expect(batchSkipsTokenWrite('password', result('refresh-token-value-0123456789'))).toBe(false);
    expect(batchSkipsTokenWrite('authorization_code', result())).toBe(false);
  });
});
