/** The suggested variant of a failure (src-main/oauth/diagnosis/variants.ts) through `diagnose`, and the override merge. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src-main/oauth/diagnose';
import { callbackError } from '../../src-main/oauth/flows/authorization-errors';
import { notPushedHint } from '../../src-main/oauth/flows/pushed-authorization';
import { profileInput, type AuthorizationCodeProfile, type ProfileInput } from '../../src-shared/profile';
import { describeOverrides, mergeOverrides } from '../../src-shared/profile-overrides';
import type { Exchange } from '../../src-shared/test-run';

const cc = profileInput.parse({
  grantType: 'client_credentials',
  name: 'p',
  identityProviderName: 'idp',
  clientId: 'c',
  tokenUrl: 'https://idp.example/token',
  scopes: [
    { key: 'scope', value: 'api:read' },
    { key: 'scope', value: 'admin' },
  ],
}) as ProfileInput;
const code = profileInput.parse({
  grantType: 'authorization_code',
  name: 'a',
  identityProviderName: 'idp',
  clientId: 'c',
  clientAuthMethod: 'none',
  tokenUrl: 'https://idp.example/token',
  authorizationUrl: 'https://idp.example/authorize',
  pkce: { enabled: false, method: 'S256' },
}) as ProfileInput;
const exchange = (status: number): Exchange => ({
  step: 'token',
  request: { method: 'GET', url: 'https://idp.example/token', headers: {}, body: null },
  response: { status, statusText: '', headers: {}, body: null },
  durationMs: 1,
});

describe('suggested variants', () => {
  it('invalid_client: the other Client Authentication, both ways', () => {
    const basic = diagnose({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 }, { profile: cc });
    expect(basic.variant).toEqual({
      label: 'Try with Client Authentication = client_secret_post',
      overrides: { clientAuthMethod: 'client_secret_post' },
    });
    const post = { ...cc, clientAuthMethod: 'client_secret_post' as const };
    const back = diagnose({ code: 'oauth_error', oauthError: 'invalid_client', status: 401 }, { profile: post });
    expect(back.variant?.overrides).toEqual({ clientAuthMethod: 'client_secret_basic' });
  });

  it('invalid_scope naming one scope: without it; naming none: no variant', () => {
    const said = (d: string) =>
      diagnose(
        { code: 'oauth_error', oauthError: 'invalid_scope', oauthErrorDescription: d, status: 400 },
        { profile: cc },
      );
    expect(said('requested scope "admin" is not allowed').variant).toEqual({
      label: 'Try without the scope admin',
      overrides: { scopes: [{ key: 'scope', value: 'api:read' }] },
    });
    expect(said('a scope is not allowed').variant).toBeUndefined();
    // "api:read" contains neither word boundary trick: "api:readwrite" does not name it.
    expect(said('unknown scope api:readwrite').variant).toBeUndefined();
  });

  it('PKCE required (oidc-provider and Okta wording): PKCE on', () => {
    for (const d of ['PKCE is required for this client', 'code_challenge required']) {
      const r = diagnose(
        { code: 'oauth_error', oauthError: 'invalid_request', oauthErrorDescription: d, status: 400 },
        { profile: code },
      );
      expect(r.variant?.overrides).toEqual({ pkce: { enabled: true, method: 'S256' } });
    }
  });

  it('405 at the token URL with GET: POST', () => {
    const get = { ...cc, tokenRequest: { method: 'GET' as const, contentType: 'form' as const } };
    const r = diagnose({ code: 'http_error', status: 405 }, { profile: get, exchange: exchange(405) });
    expect(r.variant?.overrides).toEqual({ tokenRequest: { method: 'POST', contentType: 'form' } });
    expect(
      diagnose({ code: 'http_error', status: 405 }, { profile: cc, exchange: exchange(405) }).variant,
    ).toBeUndefined();
  });
  it('a body the IdP refuses for its content type (415, or it names the type it wants): URL Encoded JSON', () => {
    const csv = { ...cc, tokenRequest: { method: 'PUT' as const, contentType: 'csv' as const } };
    const withBody = { ...exchange(415), request: { ...exchange(415).request, body: 'a,b\r\n1,2\r\n' } };
    const form = { tokenRequest: { method: 'PUT', contentType: 'form' } };
    expect(diagnose({ code: 'http_error', status: 415 }, { profile: csv, exchange: withBody }).variant).toEqual({
      label: 'Try with the token request as URL Encoded JSON',
      overrides: form,
    });
    const said = 'Invalid request: content must be application/x-www-form-urlencoded';
    const oauth = {
      code: 'oauth_error',
      oauthError: 'invalid_request',
      oauthErrorDescription: said,
      status: 400,
    } as const;
    expect(diagnose(oauth, { profile: csv, exchange: withBody }).variant?.overrides).toEqual(form);
    // Already a form body, or no body at all (GET): nothing to try.
    expect(diagnose(oauth, { profile: cc, exchange: withBody }).variant).toBeUndefined();
    expect(diagnose(oauth, { profile: csv, exchange: exchange(400) }).variant).toBeUndefined();
  });
});

describe('mergeOverrides', () => {
  it('merges valid fields and refuses unknown, foreign, invalid and origin-moving ones', () => {
    const ok = mergeOverrides(cc, { clientAuthMethod: 'client_secret_post', tokenUrl: 'https://idp.example/v2/token' });
    expect(ok).toMatchObject({ ok: true, profile: { clientAuthMethod: 'client_secret_post', name: 'p' } });
    expect(mergeOverrides(cc, { clientSecret: 'x' })).toMatchObject({
      ok: false,
      message: /cannot be overridden: clientSecret/,
    });
    expect(mergeOverrides(cc, { pkce: { enabled: true } })).toMatchObject({ ok: false, message: /has no PKCE/i });
    expect(mergeOverrides(cc, { clientAuthMethod: 'magic' }).ok).toBe(false);
    expect(mergeOverrides(cc, { checkUrl: 'https://evil.example/me' })).toMatchObject({
      ok: false,
      message: /Authorization Check URL to another host \(https:\/\/evil\.example:443\)/,
    });
    expect(describeOverrides({ clientAuthMethod: 'client_secret_post', scopes: [] })).toBe(
      'Client Authentication = client_secret_post, Scope = (none)',
    );
  });
});

describe('the PAR variant (RFC 9126 §5)', () => {
  const refused = (profile: ProfileInput, description = 'Pushed Authorization Request must be used') =>
    callbackError(
      { kind: 'idp_error', error: 'invalid_request', description },
      { issuer: 'https://idp.example', waited: '5 min', profile },
    );
  const never = { ...code, pushedAuthorization: 'never' as const, issuer: 'https://idp.example' };
  const always = {
    label: 'Try with Pushed Authorization Request = Always',
    overrides: { pushedAuthorization: 'always' },
  };

  it('an IdP that says PAR is required, to a Never profile with an Issuer or a PAR URL: Always', () => {
    expect(refused(never).variant).toEqual(always);
    expect(refused(never, 'pushed authorization request required').variant).toEqual(always);
    const withUrl = {
      ...code,
      pushedAuthorization: 'never' as const,
      pushedAuthorizationRequestUrl: 'https://idp.example/par',
    };
    expect(refused(withUrl).variant).toEqual(always);
    // The variant is a valid override of the profile it was suggested for.
    expect(mergeOverrides(never, always.overrides)).toMatchObject({
      ok: true,
      profile: { pushedAuthorization: 'always' },
    });
  });

  it('no variant when Always would have no endpoint, or the profile was not Never', () => {
    expect(refused({ ...code, pushedAuthorization: 'never' } as ProfileInput).variant).toBeUndefined();
    expect(refused({ ...never, pushedAuthorization: 'auto' } as ProfileInput).variant).toBeUndefined();
    expect(refused(never).diagnosis).toMatch(/requires pushed authorization requests/);
  });

  it('a sign-in that timed out where the metadata requires PAR and the profile said Never: Always', () => {
    const timeout = { code: 'timeout' as const, message: 'No sign-in' };
    const hinted = notPushedHint(
      timeout,
      never as AuthorizationCodeProfile,
      { pushedAuthorization: { required: true } },
      false,
    );
    expect(hinted.variant).toEqual(always);
  });
});

describe('overrides of the device and PAR fields', () => {
  const device = profileInput.parse({
    grantType: 'device_code',
    name: 'd',
    identityProviderName: 'idp',
    clientId: 'c',
    clientAuthMethod: 'none',
    tokenUrl: 'https://idp.example/token',
    deviceAuthorizationUrl: 'https://idp.example/device',
  }) as ProfileInput;

  it('the Device Authorization URL: accepted for device_code at the same origin, refused for other grants and hosts', () => {
    expect(mergeOverrides(device, { deviceAuthorizationUrl: 'https://idp.example/v2/device' })).toMatchObject({
      ok: true,
      profile: { deviceAuthorizationUrl: 'https://idp.example/v2/device' },
    });
    expect(mergeOverrides(device, { deviceAuthorizationUrl: 'https://evil.example/device' })).toMatchObject({
      ok: false,
      message: /Device Authorization URL to another host \(https:\/\/evil\.example:443\)/,
    });
    for (const p of [cc, code])
      expect(mergeOverrides(p, { deviceAuthorizationUrl: 'https://idp.example/device' })).toMatchObject({
        ok: false,
        message: /profile has no Device Authorization URL/,
      });
    expect(mergeOverrides(device, { deviceAuthorizationUrl: 'not a url' }).ok).toBe(false);
  });

  it('Pushed Authorization Request and its URL: accepted for authorization_code, refused for other grants', () => {
    expect(mergeOverrides(code, { pushedAuthorization: 'never' })).toMatchObject({
      ok: true,
      profile: { pushedAuthorization: 'never' },
    });
    expect(mergeOverrides(code, { pushedAuthorization: 'sometimes' }).ok).toBe(false);
    // Always needs a URL or an Issuer (par-profile.ts).
    expect(mergeOverrides(code, { pushedAuthorization: 'always' })).toMatchObject({
      ok: false,
      message: /Pushed Authorization Request URL: Required when Pushed Authorization Request is Always/,
    });
    for (const p of [cc, device]) {
      expect(mergeOverrides(p, { pushedAuthorization: 'always' })).toMatchObject({
        ok: false,
        message: /profile has no Pushed Authorization Request$/,
      });
      expect(mergeOverrides(p, { pushedAuthorizationRequestUrl: 'https://idp.example/par' })).toMatchObject({
        ok: false,
        message: /profile has no Pushed Authorization Request URL/,
      });
    }
  });

  it("the PAR URL may be set at the Token Request URL's origin (where the metadata's would be used), or its own, not elsewhere", () => {
    const set = (p: ProfileInput, url: string) =>
      mergeOverrides(p, { pushedAuthorization: 'always', pushedAuthorizationRequestUrl: url });
    expect(set(code, 'https://idp.example/par')).toMatchObject({
      ok: true,
      profile: { pushedAuthorization: 'always', pushedAuthorizationRequestUrl: 'https://idp.example/par' },
    });
    expect(set(code, 'https://evil.example/par')).toMatchObject({
      ok: false,
      message: /Pushed Authorization Request URL to another host \(https:\/\/evil\.example:443\)/,
    });
    const own = { ...code, pushedAuthorizationRequestUrl: 'https://par.idp.example/par' } as ProfileInput;
    expect(set(own, 'https://par.idp.example/v2/par').ok).toBe(true);
    expect(set(own, 'https://idp.example/par')).toMatchObject({ ok: false, message: /another host/ });
    expect(describeOverrides({ pushedAuthorization: 'always' })).toBe('Pushed Authorization Request = always');
  });
});
