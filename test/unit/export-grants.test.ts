/**
 * Exports of the grants Postman and Bruno have no form for, and of pushed authorization requests
 * (src-main/interop/export-common.ts grantNotes, export-curl-grants.ts): the device authorization (RFC 8628) and JWT
 * bearer (RFC 7523 §2.1) profiles get a note and a client-credentials auth both tools read back; the cURL script
 * carries their real steps, and an authorization code with PAR Always pushes first (RFC 9126). No secret is written
 * without secrets; the commands' text is checked here, the script is run in test/integration/export-curl.test.ts.
 */
import { bruToJsonV2 } from '@usebruno/lang';
import { Collection, type Item } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { exportBruno } from '../../src-main/interop/export-bruno';
import type { ExportSource } from '../../src-main/interop/export-common';
import { exportCurl } from '../../src-main/interop/export-curl';
import { exportPostman } from '../../src-main/interop/export-postman';
import { formUrlEncode } from '../../src-main/oauth/token-request';
import { profileInput } from '../../src-shared/profile';
import { flowSecrets } from '../helpers/profile-views';

const SECRET = 'grant-export-secret+&9x';
const KEY = '-----BEGIN PRIVATE KEY-----\nexport-test-key-material\n-----END PRIVATE KEY-----';

const device = profileInput.parse({
  grantType: 'device_code',
  name: 'TV app',
  identityProviderName: 'Entra',
  clientId: 'tv-app',
  clientAuthMethod: 'client_secret_post',
  deviceAuthorizationUrl: 'https://{tenant}.idp.example/oauth2/devicecode',
  tokenUrl: 'https://{tenant}.idp.example/oauth2/token',
  tenancy: { enabled: true },
  scopes: [{ key: 'scope', value: 'openid offline_access' }],
  requestHeaders: [{ key: 'X-Trace', value: 'tv' }],
});

const bearer = profileInput.parse({
  grantType: 'jwt_bearer',
  name: 'Service account',
  identityProviderName: 'Google',
  clientId: 'svc',
  clientAuthMethod: 'client_secret_basic',
  tokenUrl: 'https://oauth2.idp.example/token?v=2',
  scopes: [{ key: 'scope', value: 'api:read' }],
  jwtBearer: { subject: 'robot@example.test', claims: [{ key: 'tenant', value: 'acme' }] },
});

const par = (extra: Record<string, unknown>) =>
  profileInput.parse({
    grantType: 'authorization_code',
    name: 'Pushed',
    identityProviderName: 'Keycloak',
    clientId: 'web app',
    clientAuthMethod: 'client_secret_basic',
    authorizationUrl: 'https://kc.example/auth?prompt=login',
    tokenUrl: 'https://kc.example/token',
    callbackPort: 8400,
    scopes: [{ key: 'scope', value: 'openid' }],
    additionalFields: [{ key: 'acr_values', value: 'mfa' }],
    ...extra,
  });

/** The blocks of a script, by the step name of their first line `# <step>: …`. */
function blocks(script: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of script.split('\n\n')) {
    const m = /^# ([a-z_]+): /.exec(b);
    if (m) out.set(m[1]!, b);
  }
  return out;
}

const script = async (sources: ExportSource[], secrets = false) => {
  const out = await exportCurl(sources, 'x', secrets);
  return { text: out.files[0]!.text, notes: out.notes.map((n) => n.message) };
};

describe('Postman and Bruno exports of device code and JWT bearer profiles', () => {
  const sources: ExportSource[] = [
    { profile: device, secrets: null },
    { profile: bearer, secrets: null },
  ];

  it('note what the tool cannot do and export client credentials, read back by the tools’ libraries', () => {
    for (const [tool, out] of [
      ['Postman', exportPostman(sources, 'c')],
      ['Bruno', exportBruno(sources, 'c')],
    ] as const) {
      expect(out.notes).toContainEqual({
        profile: 'TV app',
        message: expect.stringMatching(
          new RegExp(`^${tool} has no device authorization grant \\(RFC 8628\\): exported as client credentials`),
        ),
      });
      expect(out.notes).toContainEqual({
        profile: 'Service account',
        message: expect.stringMatching(
          new RegExp(`^${tool} has no JWT bearer grant \\(RFC 7523 §2.1\\) and cannot sign its assertion`),
        ),
      });
    }
    const collection = new Collection(JSON.parse(exportPostman(sources, 'c').files[0]!.text));
    const auths = (collection.items.all() as unknown as Item[]).map(
      (item) => item.request.auth!.parameters().toObject() as Record<string, unknown>,
    );
    expect(auths.map((a) => [a.grant_type, a.accessTokenUrl])).toEqual([
      ['client_credentials', 'https://{{tenant}}.idp.example/oauth2/token'],
      ['client_credentials', bearer.tokenUrl],
    ]);
    const brus = exportBruno(sources, 'c').files.filter((f) => f.name.endsWith('.bru'));
    expect(brus.map((f) => (bruToJsonV2(f.text) as { auth: { oauth2: object } }).auth.oauth2)).toEqual([
      expect.objectContaining({ grantType: 'client_credentials', clientId: 'tv-app', scope: 'openid offline_access' }),
      expect.objectContaining({ grantType: 'client_credentials', clientId: 'svc', scope: 'api:read' }),
    ]);
  });

  it('other grants get no such note', () => {
    const notes = exportPostman([{ profile: par({}), secrets: null }], 'c').notes.map((n) => n.message);
    expect(notes.join('\n')).not.toMatch(/has no/);
  });
});

describe('cURL export of a device code profile', () => {
  it('asks for a device code at the Device Authorization URL, then polls the token endpoint with $DEVICE_CODE', async () => {
    const { text, notes } = await script([{ profile: device, secrets: null }]);
    const steps = blocks(text);
    expect([...steps.keys()]).toEqual(['device_authorization', 'token', 'refresh']);
    expect(steps.get('device_authorization')).toBe(
      [
        '# device_authorization: the device authorization request (RFC 8628 §3.1)',
        ': "${CLIENT_SECRET:?set CLIENT_SECRET first}"',
        ': "${TENANT:?set TENANT first}"',
        `curl --silent --show-error --write-out '\\n' \\`,
        `  --header 'accept: application/json' \\`,
        `  --header 'content-type: application/x-www-form-urlencoded' \\`,
        `  --header 'x-trace: tv' \\`,
        `  --data-raw 'scope=openid+offline_access' \\`,
        `  --data-raw 'client_id=tv-app' \\`,
        `  --data-urlencode 'client_secret='"$CLIENT_SECRET" \\`,
        `  --url 'https://'"$TENANT"'.idp.example/oauth2/devicecode'`,
      ].join('\n'),
    );
    const token = steps.get('token')!;
    expect(token).toMatch(/^# token: open the answer’s verification_uri, enter its user_code, set DEVICE_CODE/);
    expect(token).toContain(': "${DEVICE_CODE:?set DEVICE_CODE first}"');
    expect(token).toContain(`--data-raw 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code'`);
    expect(token).toContain(`--data-urlencode 'device_code='"$DEVICE_CODE"`);
    expect(token).toContain(`--url 'https://'"$TENANT"'.idp.example/oauth2/token'`);
    // RFC 8628 §3.4: the scopes went with the device authorization request.
    expect(token).not.toContain('scope=');
    expect(token).not.toContain('client_credentials');
    expect(text).toContain('#   DEVICE_CODE: the device_code of the device authorization answer (RFC 8628 §3.2)');
    expect(notes).toEqual([]);
  });

  it('writes the client secret only when secrets were asked for', async () => {
    const without = await script([{ profile: device, secrets: null }]);
    expect(without.text).toContain(`'client_secret='"$CLIENT_SECRET"`);
    const withSecrets = await script([{ profile: device, secrets: flowSecrets({ clientSecret: SECRET }) }], true);
    expect(withSecrets.text).toContain(`--data-raw 'client_secret=${formUrlEncode(SECRET)}'`);
    expect(withSecrets.text).not.toContain('CLIENT_SECRET');
  });
});

describe('cURL export of a JWT bearer profile', () => {
  it('sends grant_type jwt-bearer with $ASSERTION and the scope, and says what to sign', async () => {
    const { text, notes } = await script([{ profile: bearer, secrets: null }]);
    const token = blocks(text).get('token')!;
    expect(token.split('\n')[0]).toBe(
      '# token: the JWT bearer token request (RFC 7523 §2.1): set ASSERTION to a JWT signed with the JWT Signing Key, with iss svc, sub robot@example.test, aud https://oauth2.idp.example/token, scope, tenant, jti, iat, exp',
    );
    expect(token).toContain(': "${ASSERTION:?set ASSERTION first}"');
    expect(token).toContain(`--data-raw 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer'`);
    expect(token).toContain(`--data-urlencode 'assertion='"$ASSERTION"`);
    expect(token).toContain(`--data-raw 'scope=api%3Aread'`);
    expect(token).toContain(`--user 'svc:'"$CLIENT_SECRET"`);
    expect(token).not.toContain('client_credentials');
    expect(text).toContain('#   ASSERTION: the JWT bearer assertion signed with the JWT Signing Key');
    expect(notes).toContainEqual(expect.stringMatching(/^The script cannot sign the JWT bearer assertion/));
  });

  it('never writes the signing key or a signed assertion, with or without secrets', async () => {
    for (const secrets of [false, true]) {
      const { text } = await script(
        [{ profile: bearer, secrets: flowSecrets({ clientSecret: SECRET, jwtSigningKey: KEY }) }],
        secrets,
      );
      expect(text).not.toContain('export-test-key-material');
      expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
      expect(text).toContain(`'assertion='"$ASSERTION"`);
    }
  });
});

describe('cURL export of a client assertion (RFC 7523 §2.2)', () => {
  it('private_key_jwt and client_secret_jwt send $CLIENT_ASSERTION on every authenticated request, never a signed one', async () => {
    for (const clientAuthMethod of ['private_key_jwt', 'client_secret_jwt'] as const) {
      for (const included of [false, true]) {
        const profile = profileInput.parse({ ...device, clientAuthMethod });
        const secrets = included ? flowSecrets({ clientSecret: SECRET, jwtSigningKey: KEY }) : null;
        const { text, notes } = await script([{ profile, secrets }], included);
        const steps = blocks(text);
        expect([...steps.keys()]).toEqual(['device_authorization', 'token', 'refresh']);
        for (const step of steps.values()) {
          expect(step).toContain(`--data-raw 'client_id=tv-app' \\
  --data-raw 'client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer' \\
  --data-urlencode 'client_assertion='"$CLIENT_ASSERTION"`);
          expect(step).toContain(': "${CLIENT_ASSERTION:?set CLIENT_ASSERTION first}"');
        }
        expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
        expect(text).not.toContain('export-test-key-material');
        expect(text).not.toContain(formUrlEncode(SECRET));
        expect(text).not.toContain('CLIENT_SECRET');
        expect(text).toContain('#   CLIENT_ASSERTION: a client assertion (RFC 7523 §2.2)');
        expect(notes).toEqual([
          `The script cannot sign the client assertion (${clientAuthMethod}, RFC 7523 §2.2): set CLIENT_ASSERTION to a fresh one before each request`,
        ]);
      }
    }
  });

  it('the PAR request carries it too', async () => {
    const profile = par({
      clientAuthMethod: 'private_key_jwt',
      pushedAuthorization: 'always',
      pushedAuthorizationRequestUrl: 'https://kc.example/par',
    });
    const push = blocks((await script([{ profile, secrets: null }])).text).get('par')!;
    expect(push).toContain(`--data-urlencode 'client_assertion='"$CLIENT_ASSERTION"`);
    expect(push).not.toContain('--user');
  });
});

describe('cURL export of pushed authorization requests (RFC 9126)', () => {
  it('Always: pushes the parameters to the PAR URL with the client authentication, then opens client_id + request_uri', async () => {
    const { text } = await script([
      {
        profile: par({ pushedAuthorization: 'always', pushedAuthorizationRequestUrl: 'https://kc.example/par' }),
        secrets: null,
      },
    ]);
    const steps = blocks(text);
    expect([...steps.keys()]).toEqual(['par', 'authorize', 'token', 'refresh']);
    const push = steps.get('par')!;
    expect(push).toContain(`--user 'web+app:'"$CLIENT_SECRET"`);
    expect(push).toContain(`--data-raw 'prompt=login'`);
    expect(push).toContain(`--data-raw 'response_type=code'`);
    expect(push).toContain(`--data-urlencode 'state='"$STATE"`);
    expect(push).toContain(`--data-urlencode 'code_challenge='"$CODE_CHALLENGE"`);
    expect(push).toContain(`--data-raw 'acr_values=mfa'`);
    expect(push).toContain(`--data-raw 'client_id=web+app'`);
    expect(push).toContain(`--url 'https://kc.example/par'`);
    expect(steps.get('authorize')!.split('\n').at(-1)).toBe(
      `printf '%s\\n' 'https://kc.example/auth?client_id=web+app&request_uri='"$REQUEST_URI"`,
    );
    expect(text).toContain('#   REQUEST_URI: the request_uri of the pushed authorization answer (RFC 9126 §2.2)');
  });

  it('Always with only an Issuer: the PAR URL is $PAR_URL, from the metadata', async () => {
    const { text } = await script([
      { profile: par({ pushedAuthorization: 'always', issuer: 'https://kc.example' }), secrets: null },
    ]);
    expect(blocks(text).get('par')).toContain(`--url "$PAR_URL"`);
    expect(text).toContain("#   PAR_URL: the IdP's pushed_authorization_request_endpoint");
  });

  it('Auto with an Issuer: no push, and a note saying why; Never and Auto without an Issuer: neither', async () => {
    const auto = await script([{ profile: par({ issuer: 'https://kc.example' }), secrets: null }]);
    expect([...blocks(auto.text).keys()]).toEqual(['authorize', 'token', 'refresh']);
    expect(auto.text).not.toContain('request_uri');
    expect(auto.notes).toEqual([
      expect.stringMatching(/^Pushed Authorization Request is Auto: the script does not push/),
    ]);
    for (const extra of [{ pushedAuthorization: 'never', issuer: 'https://kc.example' }, {}]) {
      const out = await script([{ profile: par(extra), secrets: null }]);
      expect(out.notes).toEqual([]);
      expect(blocks(out.text).get('authorize')).toContain('acr_values=mfa');
    }
  });
});
