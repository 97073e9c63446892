/** The diagnosis reads the evidence: the IdP's words (vendor catalogue), the answer's headers and body, the profile. */
import { describe, expect, it } from 'vitest';
import type { Exchange, RecordedResponse, TestError } from '../../src-shared/test-run';
import { interpretTokenExchange } from '../../src-main/oauth/token-response';
import { callbackError } from '../../src-main/oauth/flows/authorization-errors';
import { profileView } from '../helpers/profile-views';

const NOW = new Date('2026-12-02T06:00:00Z');
const basic = profileView({
  grantType: 'client_credentials',
  clientAuthMethod: 'client_secret_basic',
  clientId: 'my-app',
  scopes: [{ key: 'scope', value: 'read admin' }],
});

function exchange(response: Partial<RecordedResponse>): Exchange {
  return {
    step: 'token',
    request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: 'grant_type=client_credentials' },
    response: {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'content-type': 'application/json' },
      body: null,
      ...response,
    },
    durationMs: 5,
  };
}
const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  exchange({ status, body: JSON.stringify(value), headers: { 'content-type': 'application/json', ...headers } });

function errorOf(e: Exchange): TestError {
  const result = interpretTokenExchange(e, { profile: basic, now: NOW });
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('diagnose: the IdP’s own words', () => {
  it('reads "grant type not allowed" under invalid_request as a grant not enabled, not a malformed request', () => {
    const error = errorOf(
      json(400, { error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' }),
    );
    expect(error.diagnosis).toMatch(/grant type is not enabled for this client/);
    expect(error.diagnosis).not.toMatch(/malformed/);
    expect(error.hint).toMatch(/Enable the client credentials grant/);
  });
  it('names Entra AADSTS7000215 as a wrong client secret, with the field to change and its current value', () => {
    const error = errorOf(
      json(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: 1',
      }),
    );
    expect(error.diagnosis).toMatch(/Microsoft Entra ID.*client secret is wrong/);
    expect(error.hint).toContain("Paste the secret's value again (not its ID) into Client Secret");
  });
  it('quotes the Client ID and the Scope the profile sent (never a secret)', () => {
    expect(
      errorOf(json(400, { error: 'invalid_client', error_description: 'AADSTS700016: Application not found' })).hint,
    ).toContain('Client ID is "my-app"');
    expect(errorOf(json(400, { error: 'invalid_scope' })).hint).toContain('Scope is "read admin"');
  });
  it('reads an Okta errorCode / errorSummary body', () => {
    const error = errorOf(json(401, { errorCode: 'E0000004', errorSummary: 'Authentication failed', errorId: 'x' }));
    expect(error.code).toBe('http_error');
    expect(error.diagnosis).toMatch(/Okta.*client credentials sent were not accepted/);
  });
  it('quotes an unrecognised description, and says when an error came inside a 200', () => {
    const error = errorOf(json(200, { error: 'server_busy', error_description: 'Try the other door' }));
    expect(error.diagnosis).toContain('The IdP says: "Try the other door"');
    expect(error.diagnosis).toContain('inside an HTTP 200 answer');
  });
  it('invalid_client names the current Client Authentication and the other one', () => {
    const post = interpretTokenExchange(json(401, { error: 'invalid_client' }), {
      profile: profileView({ grantType: 'client_credentials', clientAuthMethod: 'client_secret_post' }),
    });
    expect(!post.ok && post.error.hint).toContain(
      'Client Authentication is client_secret_post; try client_secret_basic',
    );
  });
});

describe('diagnose: evidence from the answer', () => {
  it('reads a bare 401’s WWW-Authenticate and quotes its error_description', () => {
    const error = errorOf(
      exchange({
        status: 401,
        body: null,
        headers: {
          'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="Token audience mismatch"',
        },
      }),
    );
    expect(error.diagnosis).toContain(
      'the Bearer scheme, realm "api", error "invalid_token", saying "Token audience mismatch"',
    );
    expect(error.diagnosis).not.toContain('check the WWW-Authenticate');
  });
  it('says how long a 429 asks to wait (seconds or an HTTP-date)', () => {
    expect(errorOf(json(429, { message: 'slow' }, { 'retry-after': '30' })).hint).toContain('wait 30 s');
    expect(errorOf(json(429, {}, { 'retry-after': 'Wed, 02 Dec 2026 06:02:00 GMT' })).hint).toContain('wait 2 min');
  });
  it('names an HTML login page by its title', () => {
    const error = errorOf(
      exchange({
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>Sign in &ndash; Acme</title></head></html>',
      }),
    );
    expect(error.diagnosis).toBe(
      "The IdP answered with an HTML page titled 'Sign in – Acme': the Token Request URL points at a login page, not the token endpoint.",
    );
  });
  it('names an HTML 502 by its title', () => {
    const error = errorOf(
      exchange({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>502 Bad Gateway</h1>' }),
    );
    expect(error.diagnosis).toContain("HTTP 502: an HTML page titled '502 Bad Gateway'");
  });
  it('says at which byte a JSON answer is cut short, and names a 200 without access_token', () => {
    expect(errorOf(exchange({ status: 200, body: '{"access_token":"abc","tok' })).diagnosis).toContain(
      'ends after 26 bytes',
    );
    expect(errorOf(json(200, { token_type: 'Bearer' })).diagnosis).toContain('without an access_token');
  });
  it('blames a skewed clock for invalid_grant when the Date header is far off', () => {
    const error = errorOf(json(400, { error: 'invalid_grant' }, { date: 'Wed, 02 Dec 2026 06:05:00 GMT' }));
    expect(error.diagnosis).toContain("the IdP's clock is 5 min ahead of this machine's");
  });
});

describe('diagnose: authorization errors', () => {
  const context = { issuer: 'https://idp', waited: '5 min', redirectUri: 'http://127.0.0.1:49152/callback' };
  it('names the exact redirect_uri to register for a redirect URI mismatch', () => {
    const error = callbackError(
      {
        kind: 'idp_error',
        error: 'invalid_request',
        description: 'AADSTS50011: The redirect URI specified in the request does not match',
      },
      context,
    );
    expect(error.diagnosis).toMatch(/redirect URI is not registered/);
    // The port was OS-chosen: the port-less loopback URI, or this port fixed and registered exactly.
    expect(error.hint).toContain('Register http://127.0.0.1/callback as a redirect URL');
    expect(error.hint).toContain('set the Callback Port to 49152 and register exactly http://127.0.0.1:49152/callback');
  });
  it('quotes the description of a known error the catalogue does not recognise', () => {
    const error = callbackError({ kind: 'idp_error', error: 'access_denied', description: 'User said no' }, context);
    expect(error.diagnosis).toContain('The IdP says: "User said no"');
  });
});
