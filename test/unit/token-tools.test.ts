/**
 * The token tools' requests, answers and redaction (RFC 7662 §2, RFC 7009 §2, OIDC Core §5.3): pure functions, no
 * network. The redactor masks `token=` by name even for a token it was never told of.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import { profileInput, type ProfileInput } from '../../src-shared/profile';
import { createRedactor, isSensitiveKey, REDACTED } from '../../src-main/http/redact';
import { buildToolRequest, interpretToolExchange, toolUrl } from '../../src-main/oauth/token-tools';
import { AppError } from '../../src-shared/errors';

const TOKEN = 'opaque-access-token-value-0123456789';
const profile: ProfileInput = profileInput.parse({
  grantType: 'client_credentials',
  name: 'tools',
  identityProviderName: 'IdP',
  clientId: 'my client',
  clientAuthMethod: 'client_secret_post',
  tokenUrl: 'https://idp.example.com/token',
  tenancy: { enabled: true },
  introspectionUrl: 'https://{tenant}.example.com/introspect',
});

const exchange = (status: number, body: unknown, headers: Record<string, string> = {}): Exchange => ({
  step: 'introspection',
  request: { method: 'POST', url: 'https://idp.example.com/introspect', headers: {}, body: null },
  response: {
    status,
    statusText: '',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  },
  durationMs: 1,
});
const facts = { profile, now: new Date() };

describe('token tool requests', () => {
  it('introspection posts token and token_type_hint as a form with the client authentication', async () => {
    const req = await buildToolRequest(
      profile,
      'introspect',
      'https://idp/introspect',
      TOKEN,
      'refresh_token',
      'sec ret',
    );
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body!))).toEqual({
      token: TOKEN,
      token_type_hint: 'refresh_token',
      client_id: 'my client',
      client_secret: 'sec ret',
    });
  });

  it('UserInfo is a GET with the access token as a Bearer credential (RFC 6750 §2.1)', async () => {
    const req = await buildToolRequest(profile, 'userinfo', 'https://idp/me', TOKEN, 'access_token', 'x');
    expect(req).toEqual({
      method: 'GET',
      url: 'https://idp/me',
      headers: { accept: 'application/json', authorization: `Bearer ${TOKEN}` },
      body: null,
    });
  });

  it('the URL renders {tenant}; a missing URL is invalid_request naming the field', () => {
    expect(toolUrl(profile, 'introspect', { tenant: 'acme', formValues: {} })).toBe(
      'https://acme.example.com/introspect',
    );
    let error: unknown;
    try {
      toolUrl(profile, 'revoke', { formValues: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_request');
    expect((error as AppError).message).toContain('Revocation URL');
    expect((error as AppError).details?.issues?.[0]?.path).toBe('revocationUrl');
  });

  it('the redactor masks token= by name in the body, and the Bearer credential, without knowing the value', async () => {
    expect(isSensitiveKey('token')).toBe(true);
    expect(isSensitiveKey('token_type_hint')).toBe(false);
    const req = await buildToolRequest(profile, 'revoke', 'https://idp/revoke', TOKEN, 'access_token', 'x');
    const redacted = createRedactor().exchange({
      step: 'revocation',
      request: { ...req, body: req.body ?? null },
      response: null,
      durationMs: 0,
    });
    expect(redacted.request.body).toMatch(/^token=\[redacted\]&/);
    expect(redacted.request.body).toContain('token_type_hint=access_token');
    expect(redacted.request.body).not.toContain(TOKEN);
    const info = await buildToolRequest(profile, 'userinfo', 'https://idp/me', TOKEN, 'access_token', 'x');
    const shown = createRedactor().exchange({
      step: 'userinfo',
      request: { ...info, body: info.body ?? null },
      response: null,
      durationMs: 0,
    });
    expect(shown.request.headers.authorization).toBe(`Bearer ${REDACTED}`);
  });
});

describe('token tool answers', () => {
  it('reads active, exp, scope, client_id and sub of an introspection (RFC 7662 §2.2)', () => {
    const answer = interpretToolExchange(
      'introspect',
      'access_token',
      exchange(200, { active: true, exp: 1_900_000_000, scope: 'a b', client_id: 'c', sub: 's', iss: 'x' }),
      facts,
    );
    expect(answer).toEqual({
      ok: true,
      result: {
        tool: 'introspect',
        which: 'access_token',
        active: true,
        exp: 1_900_000_000,
        scope: 'a b',
        clientId: 'c',
        sub: 's',
      },
    });
  });

  it('an introspection without a boolean active is invalid_response', () => {
    const answer = interpretToolExchange('introspect', 'access_token', exchange(200, { active: 'yes' }), facts);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('invalid_response');
  });

  it('revocation: 200 with any body is revoked (RFC 7009 §2.2); unsupported_token_type is diagnosed', () => {
    expect(interpretToolExchange('revoke', 'access_token', exchange(200, ''), facts)).toEqual({
      ok: true,
      result: { tool: 'revoke', which: 'access_token', revoked: true },
    });
    const refused = interpretToolExchange(
      'revoke',
      'access_token',
      exchange(400, { error: 'unsupported_token_type' }),
      facts,
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'oauth_error',
      oauthError: 'unsupported_token_type',
      status: 400,
    });
    expect(!refused.ok && refused.error.diagnosis).toContain('unsupported_token_type');
  });

  it('401 invalid_client names the client credentials; a bare 401 is read as invalid_client too', () => {
    for (const body of [{ error: 'invalid_client' }, 'Unauthorized']) {
      const answer = interpretToolExchange('introspect', 'access_token', exchange(401, body), facts);
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.diagnosis).toContain('client credentials');
      expect(!answer.ok && answer.error.hint).toContain('client_secret_post');
    }
  });

  it('UserInfo: claims on 200; a Bearer invalid_token challenge is read from WWW-Authenticate (RFC 6750 §3)', () => {
    expect(
      interpretToolExchange('userinfo', 'access_token', exchange(200, { sub: 'u1', email: 'a@b' }), facts),
    ).toEqual({
      ok: true,
      result: { tool: 'userinfo', which: 'access_token', claims: { sub: 'u1', email: 'a@b' } },
    });
    const refused = interpretToolExchange(
      'userinfo',
      'access_token',
      exchange(401, '', { 'www-authenticate': 'Bearer realm="x", error="invalid_token", error_description="expired"' }),
      facts,
    );
    expect(!refused.ok && refused.error).toMatchObject({
      oauthError: 'invalid_token',
      oauthErrorDescription: 'expired',
    });
    expect(!refused.ok && refused.error.diagnosis).toContain('UserInfo endpoint refused the access token');
  });

  it('no response is a transport error with a diagnosis', () => {
    const answer = interpretToolExchange(
      'revoke',
      'access_token',
      { ...exchange(200, ''), response: null, error: { code: 'network', message: 'ECONNREFUSED' } },
      facts,
    );
    expect(!answer.ok && answer.error.code).toBe('network');
    expect(!answer.ok && answer.error.diagnosis).toBeTruthy();
  });
});
