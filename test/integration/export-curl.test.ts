/**
 * The cURL export (src-main/interop/export-curl.ts) RUNS: each exported command is executed by the real `curl` in
 * a real `sh`, the secret in its shell variable, against loopback IdPs — oidc-provider for the client-credentials
 * grant, @node-oauth/oauth2-server for the password grant with its refresh and its protected API — and gets a token.
 * Without secrets the script holds none; with them it runs with no variable set.
 */
import { flowSecrets } from '../helpers/profile-views';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import type { ExportSource } from '../../src-main/interop/export-common';
import { exportCurl } from '../../src-main/interop/export-curl';
import { formUrlEncode } from '../../src-main/oauth/token-request';
import type { SecretValues } from '../../src-main/services/profile-secrets';
import { profileInput } from '../../src-shared/profile';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';
import { scriptBlock as block, useShellScripts } from '../helpers/shell-script';

/** A secret with characters form-urlencoding changes (RFC 6749 §2.3.1). */
const CC_SECRET = 'curl export+secret&1=$HOME';
const PW_SECRET = 'pw-client-secret-9d2e';
const USER_PASSWORD = "alice's pa$$word";

const noSecrets: SecretValues = flowSecrets();

const { run, sh } = useShellScripts('authbench-export-curl-');
let cc: RunningIdp;
let pw: PasswordIdp;

beforeAll(async () => {
  cc = await startClientCredentialsIdp('curl-export', CC_SECRET);
  pw = await startPasswordIdp({
    clients: [{ id: 'portal', secret: PW_SECRET }],
    users: [{ username: 'alice', password: USER_PASSWORD }],
    scopes: ['read'],
  });
});

afterAll(async () => {
  await cc?.close();
  await pw?.close();
});

const clientCredentials = (): ExportSource['profile'] =>
  profileInput.parse({
    grantType: 'client_credentials',
    name: 'Robot',
    identityProviderName: 'oidc-provider',
    clientId: 'curl-export',
    tokenUrl: cc.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'api:read' }],
  });

describe('cURL export', () => {
  it('is a valid sh script whose client-credentials token request gets a token with $CLIENT_SECRET set', async () => {
    const { files } = await exportCurl([{ profile: clientCredentials(), secrets: null }], 'Robot', false);
    expect(files.map((f) => f.name)).toEqual(['Robot.sh']);
    const script = files[0]!.text;
    execFileSync('sh', ['-n', '-c', script]);
    expect(script).not.toContain(CC_SECRET);
    expect(script).not.toContain(formUrlEncode(CC_SECRET));
    const token = block(script, 'token');
    expect(token).toContain(`--user 'curl-export:'"$CLIENT_SECRET"`);

    // Without the variable the guard stops before curl runs.
    const unset = await run(token);
    expect(unset.code).not.toBe(0);
    expect(unset.stderr).toContain('set CLIENT_SECRET first');

    const body = JSON.parse(await sh(token, { CLIENT_SECRET: formUrlEncode(CC_SECRET) }));
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'api:read' });
    expect(typeof body.access_token).toBe('string');
  });

  it('with secrets, runs with no variable set', async () => {
    const { files } = await exportCurl(
      [{ profile: clientCredentials(), secrets: { ...noSecrets, clientSecret: CC_SECRET } }],
      'Robot',
      true,
    );
    const script = files[0]!.text;
    expect(script).toContain('This file holds secrets in plain text');
    const body = JSON.parse(await sh(block(script, 'token')));
    expect(typeof body.access_token).toBe('string');
  });

  it('password grant: token, refresh and the Authorization Check URL call run as a Test sends them', async () => {
    const profile = profileInput.parse({
      grantType: 'password',
      name: 'Portal',
      identityProviderName: 'oauth2-server',
      clientId: 'portal',
      clientAuthMethod: 'client_secret_post',
      tokenUrl: `${pw.origin}/{{realm}}/token`,
      scopes: [{ key: 'scope', value: 'read' }],
      requestHeaders: [{ key: 'X-Realm', value: '{{realm}}' }],
      applyHeadersToRefresh: true,
      checkUrl: `${pw.apiUrl}/me`,
      authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
    });
    const script = (await exportCurl([{ profile, secrets: null }], 'Portal', false)).files[0]!.text;
    expect(script).not.toContain(PW_SECRET);
    const env = { CLIENT_SECRET: PW_SECRET, USERNAME: 'alice', PASSWORD: USER_PASSWORD, REALM: 'acme' };

    const token = JSON.parse(await sh(block(script, 'token'), env));
    expect(token).toMatchObject({ token_type: 'Bearer' });
    const received = pw.tokenRequests.at(-1)!;
    expect(received.path).toBe('/acme/token');
    expect(received.headers['x-realm']).toBe('acme');
    expect(new URLSearchParams(received.body).get('password')).toBe(USER_PASSWORD);

    const refreshed = JSON.parse(await sh(block(script, 'refresh'), { ...env, REFRESH_TOKEN: token.refresh_token }));
    expect(refreshed.access_token).not.toBe(token.access_token);
    expect(pw.tokenRequests.at(-1)!.body).toContain('grant_type=refresh_token');

    await sh(block(script, 'check'), { ACCESS_TOKEN: refreshed.access_token });
    expect(pw.apiCalls.at(-1)).toMatchObject({ token: refreshed.access_token, via: 'header:authorization' });
  });

  it('authorization code: the URL to open, then the code exchange with $CODE and $CODE_VERIFIER', async () => {
    const profile = profileInput.parse({
      grantType: 'authorization_code',
      name: 'Sign-in',
      identityProviderName: 'Okta',
      clientId: 'web',
      clientAuthMethod: 'none',
      authorizationUrl: 'https://{tenant}.idp.example/authorize',
      tokenUrl: 'https://{tenant}.idp.example/token',
      tenancy: { enabled: true },
      callbackPort: 8400,
      scopes: [{ key: 'scope', value: 'openid' }],
      clientCertificate: { enabled: true, format: 'pem', certificate: 'x' },
    });
    const exported = await exportCurl([{ profile, secrets: null }], 'Sign-in', false);
    const script = exported.files[0]!.text;
    const url = await sh(block(script, 'authorize'), {
      TENANT: 'acme',
      STATE: 's1',
      NONCE: 'n1',
      CODE_CHALLENGE: 'c1',
    });
    const opened = new URL(url.trim());
    expect(opened.origin + opened.pathname).toBe('https://acme.idp.example/authorize');
    expect(Object.fromEntries(opened.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'web',
      redirect_uri: 'http://127.0.0.1:8400/callback',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
      scope: 'openid',
    });
    const exchange = block(script, 'token');
    expect(exchange).toContain(`--data-urlencode 'code='"$CODE"`);
    expect(exchange).toContain(`--data-urlencode 'code_verifier='"$CODE_VERIFIER"`);
    expect(exchange).toContain(`--cert "$CLIENT_CERT_FILE"`);
    expect(exchange).toContain(': "${CLIENT_CERT_FILE:=client-cert.pem}"');
    expect(exchange).not.toContain('CLIENT_SECRET');
    expect(exported.notes).toEqual([{ profile: 'Sign-in', message: expect.stringContaining('not in the script') }]);
  });
});
