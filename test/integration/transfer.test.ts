/** Import and export of authbench.profiles/v1 through the real stores: every field of every grant round-trips. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestContext, type TestContext } from '../helpers/context';

const authCode = {
  grantType: 'authorization_code',
  name: 'Okta web',
  identityProviderName: 'Okta',
  description: 'every field set',
  clientId: 'okta-web',
  clientAuthMethod: 'client_secret_post',
  authorizationUrl: 'https://{tenant}.okta.com/oauth2/v1/authorize',
  tokenUrl: 'https://{tenant}.okta.com/oauth2/v1/token',
  refreshTokenUrl: 'https://{tenant}.okta.com/oauth2/v1/token?refresh=1',
  issuer: 'https://{tenant}.okta.com',
  callbackPort: 8765,
  scopes: [
    { key: 'scope', value: 'openid offline_access' },
    { key: 'audience', value: 'api://default' },
  ],
  tenancy: { enabled: true },
  additionalFields: [{ key: 'login_hint', value: '{{username}}' }],
  authorizationFields: [
    { type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' },
    { type: 'query', key: 'tenant', value: '{tenant}' },
    { type: 'path', key: 'user', value: 'me' },
    { type: 'payload', key: 'token', value: '{{access_token}}' },
  ],
  requestHeaders: [{ key: 'X-Request-Source', value: 'authbench' }],
  applyHeadersToRefresh: true,
  tokenRequest: { method: 'POST', contentType: 'json' },
  checkUrl: 'https://{tenant}.okta.com/api/v1/users/{user}',
  authErrorStatusCodes: [401, 403],
  autoRefresh: true,
  clientCertificate: {
    enabled: true,
    format: 'pem',
    certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  },
  caBundle: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n',
  proxyUrl: 'http://127.0.0.1:3128',
  authorizationMode: 'pre_authorize',
  pkce: { enabled: true, method: 'S256' },
};
const password = {
  grantType: 'password',
  name: 'Legacy IdP',
  identityProviderName: 'Legacy',
  description: '',
  clientId: 'legacy',
  clientAuthMethod: 'client_secret_basic',
  tokenUrl: 'https://legacy.example.com/token',
  scopes: [],
  tenancy: { enabled: false },
  additionalFields: [{ key: 'pin', value: '{{pin}}' }],
  idpFormFields: [
    {
      title: 'PIN',
      key: 'pin',
      helpHint: 'Six digits',
      fieldType: 'password',
      mandatory: true,
      dataType: 'number',
      visibility: 'visible',
      defaultValue: '',
    },
    {
      title: 'Realm',
      key: 'realm',
      helpHint: '',
      fieldType: 'textbox',
      mandatory: false,
      dataType: 'string',
      visibility: 'hidden',
      defaultValue: 'corp',
    },
  ],
  authorizationFields: [],
  requestHeaders: [],
  applyHeadersToRefresh: false,
  tokenRequest: { method: 'POST', contentType: 'form' },
  authErrorStatusCodes: [401],
  autoRefresh: false,
  clientCertificate: { enabled: false, format: 'pem', certificate: '' },
  caBundle: '',
  authorizationMode: 'pre_authorize',
};
const clientCredentials = {
  grantType: 'client_credentials',
  name: 'Machine',
  identityProviderName: 'Auth0',
  clientId: 'm2m',
  tokenUrl: 'https://example.auth0.com/oauth/token',
};
const SECRETS = {
  clientSecret: 'cs-1',
  username: 'alice',
  password: 'pw-1',
  clientPrivateKey: '-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n',
};

describe('import / export', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = makeTestContext();
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  const doc = (profiles: unknown[]) => JSON.stringify({ format: 'authbench.profiles/v1', profiles });

  it('round-trips every field of every grant type, without secrets unless asked', async () => {
    const { username: _u, password: _p, ...appSecrets } = SECRETS;
    const entries = await ctx.transfer.importText(
      doc([{ ...authCode, ...appSecrets }, { ...password, ...SECRETS }, clientCredentials]),
    );
    expect(entries.map((e) => e.outcome)).toEqual(['imported', 'imported', 'imported']);
    const ids = (await ctx.profiles.list()).map((p) => p.id);
    const plain = JSON.parse(await ctx.transfer.exportText(ids, false));
    const byName = Object.fromEntries(plain.profiles.map((p: { name: string }) => [p.name, p]));
    expect(byName['Okta web']).toEqual(authCode);
    expect(byName['Legacy IdP']).toEqual(password);
    expect(byName['Machine']).toMatchObject(clientCredentials);
    expect(JSON.stringify(plain)).not.toMatch(/cs-1|pw-1|PRIVATE KEY|alice/);

    const withSecrets = JSON.parse(await ctx.transfer.exportText(ids, true));
    expect(withSecrets.profiles.find((p: { name: string }) => p.name === 'Legacy IdP')).toMatchObject({
      clientSecret: 'cs-1',
      username: 'alice',
      password: 'pw-1',
    });

    // Into a fresh store: the same profiles, the secrets in its keychain, none in its database.
    const other = makeTestContext();
    try {
      await other.transfer.importText(JSON.stringify(withSecrets));
      const again = await Promise.all((await other.profiles.list()).map((p) => other.profiles.get(p.id)));
      expect(
        JSON.parse(
          await other.transfer.exportText(
            again.map((v) => v.id),
            false,
          ),
        ),
      ).toEqual(plain);
      const legacy = again.find((v) => v.name === 'Legacy IdP')!;
      expect(legacy.status).toBe('configured');
      expect(await other.profiles.readSecret(legacy.id, 'password')).toBe('pw-1');
      expect(JSON.stringify(other.db.prepare('SELECT * FROM profiles').all())).not.toMatch(/cs-1|pw-1|alice/);
    } finally {
      await other.dispose();
    }
  });

  it('reports each rejected profile with its fields and imports the rest', async () => {
    const entries = await ctx.transfer.importText(
      doc([
        clientCredentials,
        { ...clientCredentials, name: 'bad', tokenUrl: 'file:///etc/passwd', clientId: '' },
        { grantType: 'implicit', name: 'x' },
        42,
      ]),
    );
    expect(entries.map((e) => e.outcome)).toEqual(['imported', 'rejected', 'rejected', 'rejected']);
    expect(entries[1]!.issues?.map((i) => i.path).sort()).toEqual(['clientId', 'tokenUrl']);
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['Machine']);
  });

  it('updates a profile of the same name instead of duplicating it', async () => {
    await ctx.transfer.importText(doc([clientCredentials]));
    const entries = await ctx.transfer.importText(doc([{ ...clientCredentials, clientId: 'm2m-v2' }]));
    expect(entries[0]!.outcome).toBe('updated');
    expect((await ctx.profiles.getByName('Machine')).clientId).toBe('m2m-v2');
  });

  it('refuses a document of another format', async () => {
    await expect(ctx.transfer.importText(JSON.stringify({ format: 'postman/v2', profiles: [] }))).rejects.toMatchObject(
      { code: 'invalid_request' },
    );
    await expect(ctx.transfer.importText('{not json')).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
