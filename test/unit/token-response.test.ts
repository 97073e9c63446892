import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-shared/errors';
import type { Exchange, RecordedResponse } from '../../src-shared/test-run';
import { interpretTokenExchange } from '../../src-main/oauth/token-response';

const JSON_CT = { 'content-type': 'application/json;charset=UTF-8' };
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in</body></html>';

function exchange(response: Partial<RecordedResponse> | null, error?: Exchange['error']): Exchange {
  return {
    step: 'token',
    request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: 'grant_type=client_credentials' },
    response: response && { status: 200, statusText: 'OK', headers: JSON_CT, body: null, ...response },
    durationMs: 5,
    ...(error ? { error } : {}),
  };
}

const jsonResponse = (status: number, value: unknown): Partial<RecordedResponse> => ({
  status,
  body: JSON.stringify(value),
});

describe('interpretTokenExchange: success (RFC 6749 §5.1)', () => {
  it('returns the token and a summary without the token values', () => {
    const result = interpretTokenExchange(
      exchange(
        jsonResponse(200, {
          access_token: 'opaque-at',
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'api:read',
          refresh_token: 'rt-1',
        }),
      ),
    );
    expect(result).toEqual({
      ok: true,
      token: {
        accessToken: 'opaque-at',
        refreshToken: 'rt-1',
        summary: { tokenType: 'Bearer', expiresIn: 3600, scope: 'api:read', hasRefreshToken: true },
      },
    });
  });

  it('decodes the claims of a JWT access token for display', async () => {
    const jwt = await new SignJWT({ scope: 'api:read', client_id: 'svc' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer('https://idp.example')
      .setAudience('https://api.example')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-test-signing-key-of-32-bytes!!'));
    const result = interpretTokenExchange(exchange(jsonResponse(200, { access_token: jwt, token_type: 'Bearer' })));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.token.summary.claims).toMatchObject({
      iss: 'https://idp.example',
      aud: 'https://api.example',
      scope: 'api:read',
      client_id: 'svc',
    });
    expect(typeof result.token.summary.claims?.exp).toBe('number');
  });

  it('has no claims for an opaque token, even one with dots', () => {
    const result = interpretTokenExchange(exchange(jsonResponse(200, { access_token: 'a.b.c', token_type: 'Bearer' })));
    expect(result.ok && result.token.summary).toEqual({ tokenType: 'Bearer', hasRefreshToken: false });
  });

  it('reads a form-urlencoded token response (GitHub-style)', () => {
    const result = interpretTokenExchange(
      exchange({
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'access_token=gho_abc&token_type=bearer&expires_in=7200&scope=repo+user',
      }),
    );
    expect(result.ok && result.token.summary).toEqual({
      tokenType: 'bearer',
      expiresIn: 7200,
      scope: 'repo user',
      hasRefreshToken: false,
    });
  });

  it('accepts expires_in as a numeric string', () => {
    const result = interpretTokenExchange(
      exchange(jsonResponse(200, { access_token: 'at', token_type: 'Bearer', expires_in: '3600' })),
    );
    expect(result.ok && result.token.summary.expiresIn).toBe(3600);
  });
});

interface FailureCase {
  name: string;
  exchange: Exchange;
  code: ErrorCode;
  status?: number;
  oauthError?: string;
  message?: RegExp;
}

const failures: FailureCase[] = [
  {
    name: 'an OAuth error on HTTP 400',
    exchange: exchange(jsonResponse(400, { error: 'invalid_scope', error_description: 'scope x is unknown' })),
    code: 'oauth_error',
    status: 400,
    oauthError: 'invalid_scope',
    message: /HTTP 400, error "invalid_scope"/,
  },
  {
    name: 'an OAuth error on HTTP 401',
    exchange: exchange(jsonResponse(401, { error: 'invalid_client' })),
    code: 'oauth_error',
    status: 401,
    oauthError: 'invalid_client',
  },
  {
    name: 'HTTP 200 carrying an error',
    exchange: exchange(jsonResponse(200, { error: 'invalid_client', error_description: 'bad secret' })),
    code: 'oauth_error',
    status: 200,
    oauthError: 'invalid_client',
  },
  {
    name: 'a form-encoded OAuth error',
    exchange: exchange({
      status: 400,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'error=unsupported_grant_type',
    }),
    code: 'oauth_error',
    status: 400,
    oauthError: 'unsupported_grant_type',
  },
  {
    name: 'an HTML page on HTTP 200',
    exchange: exchange({ headers: { 'content-type': 'text/html' }, body: HTML_PAGE }),
    code: 'invalid_response',
    status: 200,
    message: /HTML page/,
  },
  {
    name: 'an HTML page labelled as JSON',
    exchange: exchange({ body: HTML_PAGE }),
    code: 'invalid_response',
    status: 200,
    message: /HTML page/,
  },
  {
    name: 'an HTML error page on HTTP 500',
    exchange: exchange({
      status: 500,
      statusText: 'Internal Server Error',
      headers: { 'content-type': 'text/html' },
      body: HTML_PAGE,
    }),
    code: 'http_error',
    status: 500,
    message: /HTTP 500 Internal Server Error with an HTML page/,
  },
  {
    name: 'truncated JSON',
    exchange: exchange({ body: '{"access_token":"abc","token_type":"Bea' }),
    code: 'invalid_response',
    status: 200,
    message: /JSON is invalid/,
  },
  { name: 'a JSON array', exchange: exchange({ body: '[]' }), code: 'invalid_response', message: /not an object/ },
  { name: 'an empty 200', exchange: exchange({ body: null }), code: 'invalid_response', message: /empty/ },
  {
    name: 'plain text',
    exchange: exchange({ headers: { 'content-type': 'text/plain' }, body: 'OK' }),
    code: 'invalid_response',
    message: /not JSON \(text\/plain\)/,
  },
  {
    name: '200 without access_token',
    exchange: exchange(jsonResponse(200, { token_type: 'Bearer' })),
    code: 'invalid_response',
    message: /without an access_token/,
  },
  {
    name: '200 with an empty access_token',
    exchange: exchange(jsonResponse(200, { access_token: '', token_type: 'Bearer' })),
    code: 'invalid_response',
    message: /without an access_token/,
  },
  {
    name: '200 without token_type',
    exchange: exchange(jsonResponse(200, { access_token: 'at' })),
    code: 'invalid_response',
    message: /without a token_type/,
  },
  {
    name: 'expires_in as a non-numeric string',
    exchange: exchange(jsonResponse(200, { access_token: 'at', token_type: 'Bearer', expires_in: 'one hour' })),
    code: 'invalid_response',
    message: /expires_in is "one hour"/,
  },
  {
    name: 'a negative expires_in',
    exchange: exchange(jsonResponse(200, { access_token: 'at', token_type: 'Bearer', expires_in: -5 })),
    code: 'invalid_response',
    message: /expires_in is -5/,
  },
  {
    name: 'a redirect',
    exchange: exchange({
      status: 302,
      statusText: 'Found',
      headers: { location: 'https://elsewhere.example/token' },
      body: null,
    }),
    code: 'redirect',
    status: 302,
    message: /redirecting to https:\/\/elsewhere\.example\/token/,
  },
  {
    name: 'a redirect carrying a code',
    exchange: exchange({
      status: 302,
      statusText: 'Found',
      headers: { location: 'https://elsewhere.example/cb?code=SECRETCODE#x' },
      body: null,
    }),
    code: 'redirect',
    status: 302,
    message: /redirecting to https:\/\/elsewhere\.example\/cb;/,
  },
  {
    name: 'HTTP 401 with no body',
    exchange: exchange({
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'www-authenticate': 'Basic realm="x"' },
      body: null,
    }),
    code: 'http_error',
    status: 401,
    message: /HTTP 401 Unauthorized with an empty body/,
  },
  {
    name: 'HTTP 429 without an OAuth error',
    exchange: exchange({
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'retry-after': '30' },
      body: '{"message":"slow down"}',
    }),
    code: 'http_error',
    status: 429,
  },
  {
    name: 'a body cut at the cap',
    exchange: exchange(
      { body: '{"a":"aaaa', truncated: true },
      { code: 'body_too_large', message: 'The response body is larger than 5 MB' },
    ),
    code: 'body_too_large',
    status: 200,
    message: /larger than 5 MB/,
  },
  {
    name: 'a network failure recorded by the client',
    exchange: exchange(null, { code: 'timeout', message: 'No complete response within 1 s' }),
    code: 'timeout',
    message: /within 1 s/,
  },
  { name: 'no response and no recorded error', exchange: exchange(null), code: 'network' },
];

describe('interpretTokenExchange: failures are classified, never thrown', () => {
  it.each(failures)('$name → $code', (c) => {
    const result = interpretTokenExchange(c.exchange);
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.code).toBe(c.code);
    if (c.status !== undefined) expect(result.error.status).toBe(c.status);
    if (c.oauthError !== undefined) expect(result.error.oauthError).toBe(c.oauthError);
    else expect(result.error).not.toHaveProperty('oauthError');
    if (c.message) expect(result.error.message).toMatch(c.message);
    expect(result.error.diagnosis, 'every failure carries a diagnosis').toEqual(expect.any(String));
    expect(result.error.hint, 'every failure carries a hint').toEqual(expect.any(String));
  });
});

describe('interpretTokenExchange: error fields (RFC 6749 §5.2)', () => {
  it('keeps error, error_description and an https error_uri as separate fields', () => {
    const result = interpretTokenExchange(
      exchange(
        jsonResponse(400, {
          error: 'invalid_request',
          error_description: 'missing x',
          error_uri: 'https://idp.example/docs/errors#x',
        }),
      ),
    );
    expect(!result.ok && result.error).toMatchObject({
      oauthError: 'invalid_request',
      oauthErrorDescription: 'missing x',
      oauthErrorUri: 'https://idp.example/docs/errors#x',
    });
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'not a url'])(
    'drops the error_uri %j',
    (uri) => {
      const result = interpretTokenExchange(exchange(jsonResponse(400, { error: 'invalid_request', error_uri: uri })));
      expect(!result.ok && result.error.oauthError).toBe('invalid_request');
      expect(result.ok || result.error).not.toHaveProperty('oauthErrorUri');
    },
  );

  it('gives the specific diagnosis of a known OAuth error', () => {
    const result = interpretTokenExchange(exchange(jsonResponse(401, { error: 'invalid_client' })));
    expect(!result.ok && result.error.hint).toMatch(/client_secret_basic.*client_secret_post/);
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'gives the generic diagnosis for a hostile error name %j',
    (name) => {
      const result = interpretTokenExchange(exchange({ status: 400, body: `{"error":${JSON.stringify(name)}}` }));
      expect(!result.ok && result.error.oauthError).toBe(name);
      expect(!result.ok && result.error.diagnosis).toBe(`The IdP refused the request with "${name}".`);
    },
  );
});

describe('interpretTokenExchange: XML token responses', () => {
  const xml = (body: string) => ({
    step: 'token' as const,
    request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: null },
    response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/xml' }, body },
    durationMs: 1,
  });

  it('reads the fields of the root element', () => {
    const result = interpretTokenExchange(
      xml(
        '<?xml version="1.0"?><token><access_token>abc</access_token><token_type>Bearer</token_type><expires_in>60</expires_in></token>',
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      token: { accessToken: 'abc', summary: { tokenType: 'Bearer', expiresIn: 60 } },
    });
  });

  it('does not expand entities (no XXE)', () => {
    const result = interpretTokenExchange(
      xml(
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><token><access_token>&x;</access_token><token_type>Bearer</token_type></token>',
      ),
    );
    expect(JSON.stringify(result)).not.toContain('root:');
  });
});
