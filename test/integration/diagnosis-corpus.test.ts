/**
 * A corpus of real misconfigurations: each case runs a real Test (real services, SQLite, keychain) against a real
 * IdP on loopback — oidc-provider, @node-oauth/oauth2-server, or the fault server for answers no loopback IdP
 * gives — and asserts the classification and that the diagnosis and hint name the cause in the words a user
 * would search for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startFaultServer, type FaultServer } from '../helpers/fault-server';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';
import { freePort } from '../helpers/ports';

const SECRET = 'corpus-Secret-value-1';
const WRONG = 'corpus-wrong-secret-2';
const USER_PASSWORD = 'corpus-user-password-3';

let oidc: RunningIdp;
let pw: PasswordIdp;
let fault: FaultServer;
let ctx: TestContext;
let n = 0;

beforeAll(async () => {
  [oidc, pw, fault] = await Promise.all([
    startOidcIdp({
      scopes: ['api:read', 'api:admin'],
      clients: [
        {
          client_id: 'basic-client',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
        {
          client_id: 'post-client',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['client_credentials'],
          scope: 'api:read',
        },
        {
          client_id: 'code-only-client',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['authorization_code'],
          redirect_uris: ['http://127.0.0.1/callback'],
          application_type: 'native',
        },
      ],
    }),
    startPasswordIdp({
      clients: [{ id: 'pw-client', secret: SECRET, grants: ['password'] }],
      users: [{ username: 'alice', password: USER_PASSWORD }],
    }),
    startFaultServer(),
  ]);
  ctx = makeTestContext();
});
afterAll(async () => {
  await ctx?.dispose();
  await Promise.all([oidc?.close(), pw?.close(), fault?.close()]);
});

/** Creates a client-credentials profile over `fields` with `secret` in the keychain and runs its Test. */
async function run(fields: Partial<ProfileInput>, secret = SECRET, timeoutMs = 5000): Promise<TestRun> {
  const profile = await ctx.profiles.create(
    {
      grantType: 'client_credentials',
      name: `corpus ${++n}`,
      identityProviderName: 'corpus',
      clientId: 'basic-client',
      clientAuthMethod: 'client_secret_basic',
      tokenUrl: oidc.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
      ...fields,
    } as ProfileInput,
    { clientSecret: secret },
  );
  return ctx.tests.run(profile.id, { timeoutMs });
}

/** The run's error, after checking it failed and that no secret reached it. */
function failed(r: TestRun) {
  expect(r.ok, JSON.stringify(r.error)).toBe(false);
  for (const s of [SECRET, WRONG, USER_PASSWORD]) expect(JSON.stringify(r)).not.toContain(s);
  return r.error!;
}

describe('diagnosis corpus: oidc-provider', () => {
  it('wrong secret, client_secret_basic → invalid_client; hint names the secret and the other method', async () => {
    const e = failed(await run({}, WRONG));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client' });
    expect(e.diagnosis).toMatch(/client credentials/);
    expect(e.hint).toContain('Client Authentication is client_secret_basic; try client_secret_post');
  });
  it('wrong secret, client_secret_post → invalid_client; hint names client_secret_post', async () => {
    const e = failed(await run({ clientId: 'post-client', clientAuthMethod: 'client_secret_post' }, WRONG));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client' });
    expect(e.hint).toContain('Client Authentication is client_secret_post; try client_secret_basic');
  });
  it('unknown client → invalid_client', async () => {
    const e = failed(await run({ clientId: 'no-such-client' }));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client' });
    expect(e.hint).toContain('the Client ID ("no-such-client")');
  });
  it('grant not enabled for the client → named as such, not "malformed request"', async () => {
    const e = failed(await run({ clientId: 'code-only-client' }));
    expect(e.code).toBe('oauth_error');
    expect(e.diagnosis).toMatch(/grant type is not enabled for this client/);
    expect(e.diagnosis).not.toMatch(/malformed/);
    expect(e.hint).toMatch(/Enable the client credentials grant/);
  });
  it('scope not allowed → invalid_scope; hint quotes the Scope sent', async () => {
    const e = failed(await run({ scopes: [{ key: 'scope', value: 'api:admin' }] }));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_scope' });
    expect(e.diagnosis).toMatch(/refused the requested scope/);
    expect(e.hint).toContain('Scope is "api:admin"');
  });
});

describe('diagnosis corpus: @node-oauth/oauth2-server (password grant)', () => {
  async function runPassword(password: string): Promise<TestRun> {
    const profile = await ctx.profiles.create(
      {
        grantType: 'password',
        name: `corpus ${++n}`,
        identityProviderName: 'corpus',
        clientId: 'pw-client',
        clientAuthMethod: 'client_secret_basic',
        tokenUrl: pw.tokenUrl,
        authorizationMode: 'user',
      } as ProfileInput,
      { clientSecret: SECRET },
    );
    return ctx.tests.run(profile.id, { timeoutMs: 5000, formValues: { username: 'alice', password } });
  }
  it('wrong user password → invalid_grant, the IdP’s words quoted', async () => {
    const e = failed(await runPassword('not-the-password-4'));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant' });
    expect(e.diagnosis).toMatch(/username or password is wrong/);
    expect(e.hint).toContain('Check the Username and Password');
  });
});

describe('diagnosis corpus: fault server', () => {
  const at = (path: string, timeoutMs?: number) => run({ tokenUrl: fault.url(path) }, SECRET, timeoutMs);
  it('429 with Retry-After in seconds → says to wait 30 s', async () => {
    const e = failed(await at('/rate-limited'));
    expect(e).toMatchObject({ code: 'http_error', status: 429 });
    expect(e.diagnosis).toMatch(/rate-limiting/);
    expect(e.hint).toContain('wait 30 s');
    expect(e.diagnosis).toContain('The IdP says: "slow down"');
  });
  it('429 with Retry-After as an HTTP-date → says how long', async () => {
    const e = failed(await at('/rate-limited-date'));
    expect(e.hint).toMatch(/wait 1 min (2[0-9]|30) s/);
  });
  it('500 → the IdP failed internally', async () => {
    const e = failed(await at('/html-500'));
    expect(e).toMatchObject({ code: 'http_error', status: 500 });
    expect(e.diagnosis).toMatch(/failed internally \(HTTP 500: an HTML page titled 'Sign in'\)/);
  });
  it('HTML 502 → a gateway, with the page title', async () => {
    const e = failed(await at('/html-502'));
    expect(e.diagnosis).toBe(
      "A proxy or gateway in front of the IdP could not reach it (HTTP 502: an HTML page titled '502 Bad Gateway').",
    );
  });
  it('HTML login page → the Token Request URL points at a login page, title quoted', async () => {
    const e = failed(await at('/login-page'));
    expect(e.code).toBe('invalid_response');
    expect(e.diagnosis).toContain("an HTML page titled 'Sign in – Acme': the Token Request URL points at a login page");
    expect(e.hint).toMatch(/token_endpoint/);
  });
  it('truncated JSON → cut short, with the byte count', async () => {
    const e = failed(await at('/truncated-json'));
    expect(e.code).toBe('invalid_response');
    expect(e.diagnosis).toBe('The JSON answer is cut short: it ends after 39 bytes, in the middle of the object.');
  });
  it('200 without access_token', async () => {
    const e = failed(await at('/no-access-token'));
    expect(e.code).toBe('invalid_response');
    expect(e.diagnosis).toMatch(/without an access_token/);
  });
  it('an error inside a 200 → oauth_error, description quoted, the odd status said', async () => {
    const e = failed(await at('/error-200'));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client', status: 200 });
    expect(e.diagnosis).toContain('The IdP says: "Client authentication failed"');
    expect(e.diagnosis).toContain('inside an HTTP 200 answer');
  });
  it('bare 401 with WWW-Authenticate → its error_description quoted', async () => {
    const e = failed(await at('/www-authenticate-described'));
    expect(e).toMatchObject({ code: 'http_error', status: 401 });
    expect(e.diagnosis).toContain('realm "acme-gateway", error "invalid_client", saying "Client certificate required"');
  });
  it('Entra AADSTS7000215 → wrong client secret, value not ID', async () => {
    const e = failed(await at('/aadsts7000215'));
    expect(e).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_client' });
    expect(e.diagnosis).toMatch(/Microsoft Entra ID.*client secret is wrong/);
    expect(e.hint).toMatch(/secret's value again \(not its ID\)/);
    expect(e.hint).toContain('the Client ID ("basic-client")');
  });
  it('Okta E0000004 body → Okta, authentication failed', async () => {
    const e = failed(await at('/okta-e0000004'));
    expect(e).toMatchObject({ code: 'http_error', status: 401 });
    expect(e.diagnosis).toBe(
      'The IdP (Okta) says authentication failed: the client credentials sent were not accepted.',
    );
  });
  it('skewed Date → the Test passes with a warning that gives the offset', async () => {
    const r = await at('/skewed-date?s=192');
    expect(r.ok).toBe(true);
    expect(r.warnings?.join('\n')).toMatch(/the IdP's clock is 3 min 1[0-4] s ahead of this machine's/);
  });
  it('refused → connection refused, Token Request URL named', async () => {
    const e = failed(await run({ tokenUrl: `http://127.0.0.1:${await freePort()}/token` }));
    expect(e.code).toBe('connection_refused');
    expect(e.diagnosis).toMatch(/Nothing answered at the Token Request URL \(connection refused\)/);
  });
  it('unknown host → dns, says the host does not resolve', async () => {
    const e = failed(await run({ tokenUrl: 'https://idp.authbench.invalid/token' }));
    expect(e.code).toBe('dns');
    expect(e.diagnosis).toMatch(/does not resolve \(unknown host\)/);
  });
  it('timeout → the IdP did not answer in time', async () => {
    const e = failed(await at('/hung', 500));
    expect(e.code).toBe('timeout');
    expect(e.diagnosis).toMatch(/did not answer in time/);
  });
});
