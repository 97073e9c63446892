/**
 * Pushed authorization requests (RFC 9126; src-main/oauth/flows/pushed-authorization.ts): which Tests push and where,
 * the parameter set of the PAR request (§2.1), the reading of its answer (§2.2, §2.3), the URL the browser then
 * opens (§4), the profile rule for Always, the discovery lint for Never, and the diagnoses.
 */
import { describe, expect, it } from 'vitest';
import { profileInput, type AuthorizationCodeProfile } from '../../src-shared/profile';
import { flowSecrets } from '../helpers/profile-views';
import type { Exchange } from '../../src-shared/test-run';
import { exportBruno } from '../../src-main/interop/export-bruno';
import { exportPostman } from '../../src-main/interop/export-postman';
import { lintProfile } from '../../src-main/oauth/discovery-lint';
import { parMetadata } from '../../src-shared/discovery';
import { authorizationRequestUrl } from '../../src-main/oauth/flows/authorization-code';
import {
  notPushedHint,
  parDecision,
  parRequest,
  parRequestParameters,
  pushedAuthorizationUrl,
  readParResponse,
} from '../../src-main/oauth/flows/pushed-authorization';

const fields = (extra: Record<string, unknown> = {}) => ({
  grantType: 'authorization_code',
  name: 'par',
  identityProviderName: 'IdP',
  clientId: 'my client',
  clientAuthMethod: 'client_secret_post',
  authorizationUrl: 'https://idp.test/authorize?prompt=login',
  tokenUrl: 'https://idp.test/token',
  scopes: [
    { key: 'scope', value: 'openid profile' },
    { key: 'audience', value: 'api://{{aud}}' },
  ],
  additionalFields: [{ key: 'acr_values', value: 'mfa' }],
  ...extra,
});
const profile = (extra: Record<string, unknown> = {}) => profileInput.parse(fields(extra)) as AuthorizationCodeProfile;

const exchange = (status: number, body: string): Exchange => ({
  step: 'par',
  request: { method: 'POST', url: 'https://idp.test/par', headers: {}, body: '' },
  response: { status, statusText: '', headers: { 'content-type': 'application/json' }, body },
  durationMs: 1,
});

describe('the PAR fields of the OAuth v2 profile', () => {
  it('defaults to auto with no URL, and Always needs a URL or an Issuer', () => {
    expect(profile()).toMatchObject({ pushedAuthorization: 'auto' });
    expect(profile().pushedAuthorizationRequestUrl).toBeUndefined();
    const bad = profileInput.safeParse(fields({ pushedAuthorization: 'always' }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toEqual([
      expect.objectContaining({ path: ['pushedAuthorizationRequestUrl'], message: expect.stringMatching(/Required/) }),
    ]);
    expect(profileInput.safeParse(fields({ pushedAuthorization: 'always', issuer: 'https://idp.test' })).success).toBe(
      true,
    );
    expect(
      profileInput.safeParse(
        fields({ pushedAuthorization: 'always', pushedAuthorizationRequestUrl: 'https://idp.test/par' }),
      ).success,
    ).toBe(true);
    expect(profileInput.safeParse(fields({ pushedAuthorization: 'sometimes' })).success).toBe(false);
    expect(
      profileInput.safeParse(fields({ pushedAuthorizationRequestUrl: 'https://{tenant}.idp.test/par' })).success,
    ).toBe(false);
  });
});

describe('parDecision: who pushes, and where', () => {
  const found = { required: true, endpoint: 'https://idp.test/par' };
  it('Never never pushes; Auto only when the metadata requires it; Always always', () => {
    expect(parDecision(profile({ pushedAuthorization: 'never' }), found, undefined, {})).toEqual({ push: false });
    expect(parDecision(profile(), { ...found, required: false }, undefined, {})).toEqual({ push: false });
    expect(parDecision(profile(), undefined, undefined, {})).toEqual({ push: false });
    expect(parDecision(profile(), found, undefined, {})).toEqual({ push: true, url: 'https://idp.test/par' });
    expect(
      parDecision(
        profile({ pushedAuthorization: 'always', issuer: 'https://idp.test' }),
        { required: false, endpoint: 'https://idp.test/par' },
        undefined,
        {},
      ),
    ).toEqual({ push: true, url: 'https://idp.test/par' });
  });

  it("prefers the profile's URL (rendered) over the metadata's", () => {
    const p = profile({ pushedAuthorizationRequestUrl: 'https://idp.test/{{realm}}/par' });
    expect(parDecision(p, found, undefined, { realm: 'r 1' })).toEqual({
      push: true,
      url: 'https://idp.test/r%201/par',
    });
  });

  it("uses the metadata's endpoint only at the Token Request URL's origin", () => {
    const elsewhere = { required: true, endpoint: 'https://par.other.test/par' };
    expect(parDecision(profile(), elsewhere, undefined, {})).toMatchObject({
      push: false,
      error: { code: 'invalid_request', message: expect.stringMatching(/another origin than the Token Request URL/) },
    });
    const named = profile({ pushedAuthorizationRequestUrl: 'https://par.other.test/par' });
    expect(parDecision(named, elsewhere, undefined, {})).toEqual({ push: true, url: 'https://par.other.test/par' });
  });

  it('Always without an endpoint anywhere is a diagnosed failure, naming why', () => {
    const d = parDecision(
      profile({ pushedAuthorization: 'always', issuer: 'https://idp.test' }),
      { required: false },
      undefined,
      {},
    );
    expect(d).toMatchObject({
      push: false,
      error: {
        code: 'invalid_request',
        message: expect.stringMatching(/no pushed_authorization_request_endpoint/),
        diagnosis: expect.stringMatching(/RFC 9126/),
        hint: expect.stringMatching(/Fill from issuer/),
      },
    });
    const unread = parDecision(
      profile({ pushedAuthorization: 'always', issuer: 'https://idp.test' }),
      undefined,
      undefined,
      {},
    );
    expect(unread).toMatchObject({ error: { message: expect.stringMatching(/could not be read/) } });
  });

  it('reads the flag and the endpoint from metadata; a flag that is not true does not require', () => {
    const base = { issuer: 'https://idp.test' };
    expect(
      parMetadata({
        ...base,
        require_pushed_authorization_requests: true,
        pushed_authorization_request_endpoint: 'https://idp.test/par',
      }),
    ).toEqual(found);
    expect(parMetadata(base)).toEqual({ required: false });
  });
});

describe('the PAR request (RFC 9126 §2.1)', () => {
  const built = () =>
    authorizationRequestUrl(
      profile(),
      'https://idp.test/authorize?prompt=login',
      {
        redirectUri: 'http://127.0.0.1:5000/callback',
        state: 'st',
        nonce: 'nn',
        pkce: { verifier: 'v'.repeat(43), challenge: 'ch', method: 'S256' },
      },
      { aud: 'x' },
    );

  it('carries every parameter of the authorization URL but client_id, in order', () => {
    expect(parRequestParameters(built())).toEqual([
      ['prompt', 'login'],
      ['scope', 'openid profile'],
      ['audience', 'api://x'],
      ['acr_values', 'mfa'],
      ['response_type', 'code'],
      ['redirect_uri', 'http://127.0.0.1:5000/callback'],
      ['state', 'st'],
      ['nonce', 'nn'],
      ['code_challenge', 'ch'],
      ['code_challenge_method', 'S256'],
    ]);
  });

  it('is a form POST with the client authentication, client_id exactly once', async () => {
    const now = new Date();
    const post = await parRequest(
      profile(),
      'https://idp.test/par',
      parRequestParameters(built()),
      { clientSecret: 's3cret', jwtSigningKey: null },
      now,
    );
    expect(post).toMatchObject({ method: 'POST', url: 'https://idp.test/par' });
    expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(post.body!);
    expect(form.getAll('client_id')).toEqual(['my client']);
    expect(form.get('client_secret')).toBe('s3cret');
    expect(form.get('state')).toBe('st');

    const basic = await parRequest(
      profile({ clientAuthMethod: 'client_secret_basic' }),
      'https://idp.test/par',
      parRequestParameters(built()),
      { clientSecret: 's3cret' },
      now,
    );
    expect(basic.headers.authorization).toMatch(/^Basic /);
    expect(new URLSearchParams(basic.body!).getAll('client_id')).toEqual(['my client']);
    expect(new URLSearchParams(basic.body!).has('client_secret')).toBe(false);
  });

  it('opens the authorization endpoint with only client_id and request_uri (§4)', () => {
    expect(pushedAuthorizationUrl(built(), 'my client', 'urn:ietf:params:oauth:request_uri:abc')).toBe(
      'https://idp.test/authorize?client_id=my+client&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc',
    );
  });
});

describe('readParResponse (RFC 9126 §2.2, §2.3)', () => {
  const now = new Date();
  it('reads request_uri and expires_in from the 201 answer', () => {
    expect(readParResponse(exchange(201, '{"request_uri":"urn:x","expires_in":60}'), profile(), now)).toEqual({
      ok: true,
      value: { requestUri: 'urn:x', expiresIn: 60 },
    });
  });

  it('refuses bad JSON, a missing request_uri and a missing expires_in', () => {
    const bad = readParResponse(exchange(201, '<html>'), profile(), now);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    const noUri = readParResponse(exchange(201, '{"expires_in":60}'), profile(), now);
    expect(noUri).toMatchObject({
      ok: false,
      error: { code: 'invalid_response', message: expect.stringMatching(/no valid request_uri/) },
    });
    const huge = readParResponse(
      exchange(201, JSON.stringify({ request_uri: 'u'.repeat(5000), expires_in: 60 })),
      profile(),
      now,
    );
    expect(huge).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no valid request_uri/) } });
    const notString = readParResponse(exchange(201, '{"request_uri":42,"expires_in":60}'), profile(), now);
    expect(notString).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    const noExpiry = readParResponse(exchange(201, '{"request_uri":"urn:x","expires_in":"soon"}'), profile(), now);
    expect(noExpiry).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no valid expires_in/) } });
  });

  it('diagnoses the §2.3 errors in PAR terms', () => {
    const read = (status: number, body: string) => {
      const r = readParResponse(exchange(status, body), profile(), now);
      if (r.ok) throw new Error('expected a failure');
      return r.error;
    };
    expect(read(400, '{"error":"invalid_request","error_description":"bad"}')).toMatchObject({
      oauthError: 'invalid_request',
      message: expect.stringMatching(/refused the pushed authorization request/),
    });
    expect(read(401, '{"error":"invalid_client"}').diagnosis).toMatch(
      /PAR endpoint did not accept the client authentication/,
    );
    expect(read(400, '{"error":"unauthorized_client"}').diagnosis).toMatch(/does not allow this client to use pushed/);
    expect(read(400, '{"error":"invalid_redirect_uri"}').diagnosis).toMatch(/redirect URI is not registered/);
    expect(read(405, '').diagnosis).toMatch(/does not accept POST/);
    expect(read(413, '').diagnosis).toMatch(/too large/);
    expect(read(429, '').code).toBe('http_error');
  });
});

describe('PAR and the IdP that requires it', () => {
  const metadata = {
    issuer: 'https://idp.test',
    authorization_endpoint: 'https://idp.test/authorize',
    token_endpoint: 'https://idp.test/token',
    pushed_authorization_request_endpoint: 'https://idp.test/par',
    require_pushed_authorization_requests: true,
  };
  it('the lint warns when the metadata requires PAR and the profile says Never, or the URL differs', () => {
    const warnings = lintProfile(profile({ pushedAuthorization: 'never' }), metadata);
    expect(warnings).toContainEqual(expect.stringMatching(/requires pushed authorization requests.*is Never/));
    expect(lintProfile(profile(), metadata).join()).not.toMatch(/pushed/);
    expect(lintProfile(profile({ pushedAuthorizationRequestUrl: 'https://idp.test/other' }), metadata)).toContainEqual(
      "The Pushed Authorization Request URL https://idp.test/other is not the IdP's pushed_authorization_request_endpoint https://idp.test/par",
    );
  });

  it('a sign-in that timed out without a push is explained by PAR only when the metadata requires it', () => {
    const timeout = { code: 'timeout' as const, message: 'No sign-in', diagnosis: 'slow', hint: 'again' };
    const p = profile({ pushedAuthorization: 'never' });
    expect(notPushedHint(timeout, p, { pushedAuthorization: { required: true } }, false).diagnosis).toMatch(
      /RFC 9126 §5/,
    );
    expect(notPushedHint(timeout, p, { pushedAuthorization: { required: false } }, false)).toBe(timeout);
    expect(notPushedHint(timeout, p, { pushedAuthorization: { required: true } }, true)).toBe(timeout);
  });
});

describe('exports to other tools', () => {
  const secrets = flowSecrets();
  it('Postman and Bruno note that they cannot push the authorization request when the profile says Always', () => {
    const always = profile({ pushedAuthorization: 'always', pushedAuthorizationRequestUrl: 'https://idp.test/par' });
    const sources = [{ profile: always, secrets }];
    for (const [tool, exported] of [
      ['Postman', exportPostman(sources, 'par')],
      ['Bruno', exportBruno(sources, 'par')],
    ] as const) {
      expect(exported.notes).toContainEqual({
        profile: 'par',
        message: `${tool} cannot push the authorization request (RFC 9126): Pushed Authorization Request Always is not exported`,
      });
    }
    expect(
      exportPostman([{ profile: profile(), secrets }], 'par')
        .notes.map((n) => n.message)
        .join(),
    ).not.toMatch(/RFC 9126/);
  });
});
