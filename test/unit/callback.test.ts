/** The profile's callback choices (src-shared/callback.ts): path rules, defaults and the redirect URI. */
import { describe, expect, it } from 'vitest';
import { callbackPathProblem, callbackUrl, CALLBACK_PATH_MAX } from '../../src-shared/callback';
import { authorizationCodeProfile, type AuthorizationCodeProfile } from '../../src-shared/profile';
import { callbackError } from '../../src-main/oauth/flows/authorization-errors';
import { describeCause } from '../../src-main/oauth/diagnosis/causes';

const base = {
  grantType: 'authorization_code',
  name: 'p',
  identityProviderName: 'idp',
  clientId: 'c',
  authorizationUrl: 'https://idp.example/authorize',
  tokenUrl: 'https://idp.example/token',
};

describe('Callback Path', () => {
  it.each(['/callback', '/auth/cb', '/oauth2/redirect-uri_1.0', '/a%20b', "/x:@!$&'()*+,;=~"])('takes %s', (p) =>
    expect(callbackPathProblem(p)).toBeNull(),
  );

  it.each([
    ['callback', 'Start the path with "/"'],
    ['/cb?x=1', 'No query'],
    ['/cb#top', 'No query'],
    ['/a b', 'Letters, digits'],
    ['/é', 'Letters, digits'],
    ['/a\\b', 'Letters, digits'],
    ['/a%zz', 'A "%" must start an escape'],
    ['/a/../b', 'No "." or ".." segments'],
    ['/a/./b', 'No "." or ".." segments'],
    ['/a/%2e%2e/b', 'changes when a browser reads it'],
    [`/${'a'.repeat(CALLBACK_PATH_MAX)}`, `At most ${CALLBACK_PATH_MAX} characters`],
  ])('refuses %s', (p, problem) => expect(callbackPathProblem(p)).toContain(problem));

  it('defaults to 127.0.0.1, /callback and the query mode; an empty path means /callback', () => {
    const parsed = authorizationCodeProfile.parse(base);
    expect(parsed).toMatchObject({ callbackHost: '127.0.0.1', callbackPath: '/callback', responseMode: 'query' });
    expect(authorizationCodeProfile.parse({ ...base, callbackPath: ' ' }).callbackPath).toBe('');
    expect(callbackUrl({ callbackPath: '' }, 4000)).toBe('http://127.0.0.1:4000/callback');
  });

  it('refuses another host, a bad path and an unknown response mode with the field’s path', () => {
    const result = authorizationCodeProfile.safeParse({
      ...base,
      callbackHost: '0.0.0.0',
      callbackPath: '/cb?x',
      responseMode: 'fragment',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'callbackHost',
      'callbackPath',
      'responseMode',
    ]);
  });

  it('builds the redirect URI: the Test’s port, else the fixed one, else {port}', () => {
    const choice = { callbackHost: 'localhost' as const, callbackPort: 8400, callbackPath: '/auth/cb' };
    expect(callbackUrl(choice)).toBe('http://localhost:8400/auth/cb');
    expect(callbackUrl(choice, 5000)).toBe('http://localhost:5000/auth/cb');
    expect(callbackUrl({})).toBe('http://127.0.0.1:{port}/callback');
  });
});

describe('what a diagnosis tells the user to register', () => {
  const fixed = authorizationCodeProfile.parse({
    ...base,
    callbackHost: 'localhost',
    callbackPort: 8400,
    callbackPath: '/auth/cb',
  }) as AuthorizationCodeProfile;
  const redirectUri = 'http://localhost:8400/auth/cb';

  it('names the exact URL with the profile’s host, fixed port and path', () => {
    const timeout = callbackError({ kind: 'timeout' }, { issuer: 'x', waited: '5 min', profile: fixed, redirectUri });
    expect(timeout.hint).toContain(`Register exactly ${redirectUri} as a redirect URL`);
    expect(timeout.hint).not.toContain('127.0.0.1');
    const cause = describeCause('redirect_uri', 'Okta', { profile: fixed, redirectUri });
    expect(cause.hint).toBe(`Register exactly ${redirectUri} as a redirect URL of the client.`);
  });

  it('without a fixed port: the port-less URI with the host and path, or this Test’s port fixed', () => {
    const { callbackPort: _port, ...chosen } = fixed;
    const cause = describeCause('redirect_uri', 'generic', {
      profile: chosen as AuthorizationCodeProfile,
      redirectUri: 'http://localhost:51234/auth/cb',
    });
    expect(cause.hint).toContain('Register http://localhost/auth/cb as a redirect URL');
    expect(cause.hint).toContain('set the Callback Port to 51234 and register exactly http://localhost:51234/auth/cb');
  });
});

describe('a code in the query while the profile asks for form_post', () => {
  it('fails the Test naming form_post, with the Response Mode to change', () => {
    const error = callbackError({ kind: 'response_mode_ignored' }, { issuer: 'x', waited: '5 min' });
    expect(error).toMatchObject({ code: 'invalid_response', message: expect.stringContaining('not by form_post') });
    expect(error.hint).toBe('Set the Response Mode to query, or allow form_post for this client at the IdP.');
  });
});
