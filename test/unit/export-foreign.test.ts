/**
 * The Postman and Bruno exports (src-main/interop/export-postman.ts, export-bruno.ts) read back by the tools' own
 * libraries: `new Collection(json)` of postman-collection and `bruToJson` of @usebruno/lang. Each carries the OAuth 2.0
 * auth with the right parameters, `{tenant}` and `{{field}}`s as variables, the secret only when given, and a note
 * for what the tool cannot express.
 */
import { flowSecrets } from '../helpers/profile-views';
import { bruToJsonV2 } from '@usebruno/lang';
import { Collection, type Item } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { exportBruno } from '../../src-main/interop/export-bruno';
import type { ExportSource } from '../../src-main/interop/export-common';
import { exportPostman } from '../../src-main/interop/export-postman';
import type { SecretValues } from '../../src-main/services/profile-secrets';
import { profileInput } from '../../src-shared/profile';

const SECRET = 'export-secret-4f1c9a';
const PASSWORD = 'export-password-77e0b2';

const secrets = (values: Partial<SecretValues>): SecretValues => flowSecrets(values);

const authCode = profileInput.parse({
  grantType: 'authorization_code',
  name: 'Acme sign-in',
  identityProviderName: 'Okta',
  clientId: 'acme-app',
  tenancy: { enabled: true },
  authorizationUrl: 'https://{tenant}.okta.example/oauth2/v1/authorize',
  tokenUrl: 'https://{tenant}.okta.example/oauth2/v1/token',
  callbackPort: 8400,
  scopes: [
    { key: 'scope', value: 'openid offline_access' },
    { key: 'audience', value: 'api://{{region}}' },
  ],
  additionalFields: [{ key: 'prompt', value: 'login' }],
  requestHeaders: [{ key: 'X-Trace', value: 'export' }],
  checkUrl: 'https://api.example/{{region}}/me',
  clientCertificate: {
    enabled: true,
    format: 'pem',
    certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
  },
});

const clientCredentials = profileInput.parse({
  grantType: 'client_credentials',
  name: 'Billing robot',
  identityProviderName: 'Keycloak',
  clientId: 'billing',
  clientAuthMethod: 'client_secret_post',
  tokenUrl: 'https://kc.example/realms/x/protocol/openid-connect/token',
  refreshTokenUrl: 'https://kc.example/realms/x/protocol/openid-connect/token',
  scopes: [{ key: 'scope', value: 'invoices:read' }],
  tokenRequest: { method: 'PUT', contentType: 'json' },
  authorizationFields: [{ type: 'query', key: 'access_token', value: '{{access_token}}' }],
  checkUrl: 'https://billing.example/invoices',
});

const password = profileInput.parse({
  grantType: 'password',
  name: 'Legacy portal',
  identityProviderName: 'Portal',
  clientId: 'portal',
  authorizationMode: 'pre_authorize',
  tokenUrl: 'https://portal.example/oauth/token',
  idpFormFields: [
    { title: 'Site', key: 'site', fieldType: 'textbox', dataType: 'string', visibility: 'hidden', defaultValue: 'eu' },
  ],
});

/** What bruToJson makes of an exported `.bru`: the parts these tests read. */
type Bru = { meta: object; http: object; auth: { oauth2: object } } & Record<string, unknown>;

/** The requests of a loaded collection, and the oauth2 parameters of a request's auth. */
const requestsOf = (c: Collection) => (c.items.all() as unknown as Item[]).map((item) => item.request);
const authOf = (r: Item['request']) => r.auth!.parameters().toObject() as Record<string, unknown>;

const sources = (withSecrets: boolean): ExportSource[] => [
  { profile: authCode, secrets: withSecrets ? secrets({ clientSecret: SECRET }) : null },
  { profile: clientCredentials, secrets: withSecrets ? secrets({ clientSecret: SECRET }) : null },
  {
    profile: password,
    secrets: withSecrets ? secrets({ clientSecret: SECRET, username: 'alice', password: PASSWORD }) : null,
  },
];

describe('Postman export', () => {
  it('loads with new Collection(json), one oauth2 request per profile with Postman’s keys', () => {
    const exported = exportPostman(sources(false), 'Authbench profiles');
    expect(exported.files.map((f) => f.name)).toEqual(['Authbench profiles.postman_collection.json']);
    const json = JSON.parse(exported.files[0]!.text);
    expect(json.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    const collection = new Collection(json);
    expect(collection.name).toBe('Authbench profiles');
    expect(collection.items.count()).toBe(3);
    expect(collection.variables.all().map((v: { key: string; value: unknown }) => [v.key, v.value])).toEqual([
      ['tenant', ''],
      ['region', ''],
      ['username', ''],
      ['password', ''],
    ]);

    const [code, cc, pw] = requestsOf(collection);
    expect(code!.auth!.toJSON()).toMatchObject({ type: 'oauth2' });
    expect(code!.url.toString()).toBe('https://api.example/{{region}}/me');
    expect(code!.method).toBe('GET');
    const auth = authOf(code!);
    expect(auth).toMatchObject({
      grant_type: 'authorization_code_with_pkce',
      authUrl: 'https://{{tenant}}.okta.example/oauth2/v1/authorize',
      accessTokenUrl: 'https://{{tenant}}.okta.example/oauth2/v1/token',
      clientId: 'acme-app',
      scope: 'openid offline_access',
      client_authentication: 'header',
      challengeAlgorithm: 'S256',
      redirect_uri: 'http://127.0.0.1:8400/callback',
      addTokenTo: 'header',
      headerPrefix: 'Bearer',
      authRequestParams: [
        { key: 'audience', value: 'api://{{region}}', enabled: true, send_as: 'request_url' },
        { key: 'prompt', value: 'login', enabled: true, send_as: 'request_url' },
      ],
      tokenRequestParams: [{ key: 'X-Trace', value: 'export', enabled: true, send_as: 'request_header' }],
    });
    expect(auth).not.toHaveProperty('clientSecret');

    const ccAuth = authOf(cc!);
    expect(ccAuth).toMatchObject({
      grant_type: 'client_credentials',
      client_authentication: 'body',
      refreshTokenUrl: clientCredentials.refreshTokenUrl,
      addTokenTo: 'queryParams',
    });
    expect(authOf(pw!)).toMatchObject({
      grant_type: 'password_credentials',
      username: '{{username}}',
      password: '{{password}}',
      tokenRequestParams: [{ key: 'site', value: 'eu', enabled: true, send_as: 'request_body' }],
    });
    expect(pw!.url.toString()).toBe(password.tokenUrl);

    expect(exported.files[0]!.text).not.toContain(SECRET);
    expect(exported.notes).toEqual(
      expect.arrayContaining([
        { profile: 'Acme sign-in', message: expect.stringContaining('client certificate is not exported') },
        { profile: 'Billing robot', message: 'Postman sends the token request as POST, not PUT' },
        { profile: 'Billing robot', message: expect.stringContaining("not as the profile's content type (json)") },
      ]),
    );
  });

  it('carries the client secret and the stored credentials only when secrets are given', () => {
    const text = exportPostman(sources(true), 'With secrets').files[0]!.text;
    const collection = new Collection(JSON.parse(text));
    const auths = requestsOf(collection).map(authOf);
    expect(auths.map((a) => a.clientSecret)).toEqual([SECRET, SECRET, SECRET]);
    expect(auths[2]).toMatchObject({ username: 'alice', password: PASSWORD });
  });
});

describe('Bruno export', () => {
  it('writes one .bru per profile that bruToJson reads back with auth:oauth2, plus bruno.json', () => {
    const exported = exportBruno(sources(false), 'Authbench profiles');
    expect(exported.files.map((f) => f.name)).toEqual([
      'Acme sign-in.bru',
      'Billing robot.bru',
      'Legacy portal.bru',
      'bruno.json',
    ]);
    expect(JSON.parse(exported.files[3]!.text)).toMatchObject({
      version: '1',
      name: 'Authbench profiles',
      type: 'collection',
    });
    for (const file of exported.files) expect(file.text).not.toContain(SECRET);

    const code = bruToJsonV2(exported.files[0]!.text) as Bru;
    expect(code.meta).toMatchObject({ name: 'Acme sign-in', type: 'http' });
    expect(code.http).toMatchObject({ method: 'get', url: 'https://api.example/{{region}}/me', auth: 'oauth2' });
    expect(code.auth.oauth2).toMatchObject({
      grantType: 'authorization_code',
      authorizationUrl: 'https://{{tenant}}.okta.example/oauth2/v1/authorize',
      accessTokenUrl: 'https://{{tenant}}.okta.example/oauth2/v1/token',
      callbackUrl: 'http://127.0.0.1:8400/callback',
      clientId: 'acme-app',
      clientSecret: '',
      scope: 'openid offline_access',
      pkce: true,
      credentialsPlacement: 'basic_auth_header',
      tokenPlacement: 'header',
      tokenHeaderPrefix: 'Bearer',
    });
    expect(code.oauth2_additional_parameters_auth_req_queryparams).toEqual([
      { name: 'audience', value: 'api://{{region}}', enabled: true },
      { name: 'prompt', value: 'login', enabled: true },
    ]);

    const cc = bruToJsonV2(exported.files[1]!.text) as Bru;
    expect(cc.auth.oauth2).toMatchObject({
      grantType: 'client_credentials',
      credentialsPlacement: 'body',
      tokenPlacement: 'url',
      tokenQueryKey: 'access_token',
      refreshTokenUrl: clientCredentials.refreshTokenUrl,
    });
    const pw = bruToJsonV2(exported.files[2]!.text) as Bru;
    expect(pw.auth.oauth2).toMatchObject({ grantType: 'password', username: '{{username}}', password: '{{password}}' });
    expect(exported.notes).toContainEqual({
      profile: 'Billing robot',
      message: 'Bruno sends the token request as POST, not PUT',
    });
  });

  it('one profile is one .bru with its secret when secrets are given', () => {
    const exported = exportBruno([sources(true)[2]!], 'Legacy portal');
    expect(exported.files.map((f) => f.name)).toEqual(['Legacy portal.bru']);
    const pw = bruToJsonV2(exported.files[0]!.text) as Bru;
    expect(pw.auth.oauth2).toMatchObject({ clientSecret: SECRET, username: 'alice', password: PASSWORD });
  });
});
