/**
 * The cURL export's grant steps (src-main/interop/export-curl-grants.ts) RUN: the exported blocks are executed by the
 * real `curl` in a real `sh` against loopback IdPs — oidc-provider's JWT bearer grant with ASSERTION set to a
 * jose-signed JWT (RFC 7523 §2.1), the scripted RFC 8628 IdP for the device authorization and the device_code
 * polls, and oidc-provider's PAR endpoint (RFC 9126), whose request_uri the printed authorization URL then carries.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { JWT_BEARER } from '../../src-main/demo/idp-client-auth';
import { exportCurl } from '../../src-main/interop/export-curl';
import { formUrlEncode } from '../../src-main/oauth/token-request';
import { profileInput } from '../../src-shared/profile';
import { makeClientKey } from '../helpers/client-keys';
import { SCRIPTED_DEVICE_CODE, startDeviceIdp, type DeviceIdp } from '../helpers/device-idp';
import { scriptBlock as block, useShellScripts } from '../helpers/shell-script';

const KEY = makeClientKey('rsa', 'export-svc');
const PAR_SECRET = 'par export+secret&1';

const { run, sh } = useShellScripts('authbench-export-grants-');
let oidc: RunningIdp;
let device: DeviceIdp;

beforeAll(async () => {
  oidc = await startOidcIdp({
    scopes: ['api:read'],
    clients: [
      {
        client_id: 'service-account',
        token_endpoint_auth_method: 'none',
        grant_types: [JWT_BEARER],
        jwks: { keys: [KEY.publicJwk] },
        scope: 'api:read',
      },
      {
        client_id: 'par-web',
        client_secret: PAR_SECRET,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        redirect_uris: ['http://127.0.0.1:8400/callback'],
        application_type: 'native',
        scope: 'openid',
      },
      {
        client_id: 'par-pk',
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [KEY.publicJwk] },
        grant_types: ['authorization_code'],
        redirect_uris: ['http://127.0.0.1:8400/callback'],
        application_type: 'native',
        scope: 'openid',
      },
    ],
  });
  device = await startDeviceIdp(['authorization_pending', 'token']);
});

afterAll(async () => {
  await oidc?.close();
  await device?.close();
});

/** A JWT signed with the test client's key, as a user would make one for ASSERTION or CLIENT_ASSERTION. */
const signed = (claims: Record<string, unknown>, iss: string, sub: string, aud: string) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'export-svc' })
    .setIssuer(iss)
    .setSubject(sub)
    .setAudience(aud)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(createPrivateKey(KEY.pem));

const exported = async (profile: Record<string, unknown>) =>
  (await exportCurl([{ profile: profileInput.parse(profile), secrets: null }], 'x', false)).files[0]!.text;

describe('cURL export of the device code, JWT bearer and PAR steps, run', () => {
  it('JWT bearer: the token request gets a token from oidc-provider with ASSERTION set to a signed JWT', async () => {
    const script = await exported({
      grantType: 'jwt_bearer',
      name: 'Robot',
      identityProviderName: 'oidc-provider',
      clientId: 'service-account',
      clientAuthMethod: 'none',
      tokenUrl: oidc.tokenEndpoint,
      scopes: [{ key: 'scope', value: 'api:read' }],
      jwtBearer: { subject: 'robot@example.test' },
    });
    const token = block(script, 'token');
    const unset = await run(token);
    expect(unset.code).not.toBe(0);
    expect(unset.stderr).toContain('set ASSERTION first');

    const assertion = await signed({ scope: 'api:read' }, 'service-account', 'robot@example.test', oidc.tokenEndpoint);
    const body = JSON.parse(await sh(token, { ASSERTION: assertion }));
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'api:read' });
    expect(typeof body.access_token).toBe('string');

    // A forged assertion is refused: the command really sends $ASSERTION.
    const forged = JSON.parse(await sh(token, { ASSERTION: `${assertion.slice(0, -4)}AAAA` }));
    expect(forged.error).toBe('invalid_grant');
  });

  it('device code: the device authorization answers a device_code; the token request polls with $DEVICE_CODE', async () => {
    const script = await exported({
      grantType: 'device_code',
      name: 'TV',
      identityProviderName: 'scripted',
      clientId: 'tv',
      clientAuthMethod: 'none',
      deviceAuthorizationUrl: device.url('/device'),
      tokenUrl: device.url('/token'),
      scopes: [{ key: 'scope', value: 'api:read' }],
    });
    const answer = JSON.parse(await sh(block(script, 'device_authorization')));
    expect(answer).toMatchObject({ device_code: SCRIPTED_DEVICE_CODE, user_code: 'WDJB-MJHT' });

    const token = block(script, 'token');
    const env = { DEVICE_CODE: answer.device_code as string };
    expect(JSON.parse(await sh(token, env))).toEqual({ error: 'authorization_pending' });
    expect(JSON.parse(await sh(token, env))).toMatchObject({ access_token: 'scripted-access-token' });
    const poll = new URLSearchParams(device.polls.at(-1)!.body);
    expect(Object.fromEntries(poll)).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: SCRIPTED_DEVICE_CODE,
      client_id: 'tv',
    });
  });

  it('PAR Always: the push gets a request_uri from oidc-provider, and the printed URL carries only it and client_id', async () => {
    const metadata = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    const script = await exported({
      grantType: 'authorization_code',
      name: 'Web',
      identityProviderName: 'oidc-provider',
      clientId: 'par-web',
      clientAuthMethod: 'client_secret_basic',
      authorizationUrl: metadata.authorization_endpoint,
      tokenUrl: oidc.tokenEndpoint,
      callbackPort: 8400,
      scopes: [{ key: 'scope', value: 'openid' }],
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: metadata.pushed_authorization_request_endpoint,
    });
    expect(script).not.toContain(PAR_SECRET);
    const env = {
      CLIENT_SECRET: formUrlEncode(PAR_SECRET),
      STATE: 'state-1',
      NONCE: 'nonce-1',
      CODE_CHALLENGE: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    };
    const pushed = JSON.parse(await sh(block(script, 'par'), env));
    expect(pushed.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);

    const url = new URL((await sh(block(script, 'authorize'), { REQUEST_URI: pushed.request_uri })).trim());
    expect(url.origin + url.pathname).toBe(metadata.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'par-web', request_uri: pushed.request_uri });
    // oidc-provider accepts it: the sign-in's interaction, not an error page or an error redirect.
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/interaction\//);
  });

  it('PAR with private_key_jwt: the push authenticates with $CLIENT_ASSERTION, and a bad one is refused', async () => {
    const metadata = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    const parUrl = metadata.pushed_authorization_request_endpoint!;
    const script = await exported({
      grantType: 'authorization_code',
      name: 'Web',
      identityProviderName: 'oidc-provider',
      clientId: 'par-pk',
      clientAuthMethod: 'private_key_jwt',
      authorizationUrl: metadata.authorization_endpoint,
      tokenUrl: oidc.tokenEndpoint,
      callbackPort: 8400,
      scopes: [{ key: 'scope', value: 'openid' }],
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: parUrl,
    });
    const push = block(script, 'par');
    const env = { STATE: 's', NONCE: 'n', CODE_CHALLENGE: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' };
    const unset = await run(push, env);
    expect(unset.stderr).toContain('set CLIENT_ASSERTION first');
    const good = JSON.parse(await sh(push, { ...env, CLIENT_ASSERTION: await signed({}, 'par-pk', 'par-pk', parUrl) }));
    expect(good.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const stranger = await signed({}, 'par-pk', 'par-pk', 'https://elsewhere.example/par');
    expect(JSON.parse(await sh(push, { ...env, CLIENT_ASSERTION: stranger })).error).toBe('invalid_client');
  });
});
