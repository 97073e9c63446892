/** Import and export of authbench.profiles/v1 through the real stores: every field of every grant round-trips. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../src-shared/transfer';
import { makeTestContext, type TestContext } from '../helpers/context';

const authCode = {
  grantType: 'authorization_code',
  name: 'Okta web',
  identityProviderName: 'Okta',
  description: 'every field set',
  clientId: 'okta-web',
  clientAuthMethod: 'client_secret_post',
  clientAssertion: { alg: '', kid: '', audience: 'token_endpoint' },
  authorizationUrl: 'https://{tenant}.okta.com/oauth2/v1/authorize',
  tokenUrl: 'https://{tenant}.okta.com/oauth2/v1/token',
  refreshTokenUrl: 'https://{tenant}.okta.com/oauth2/v1/token?refresh=1',
  issuer: 'https://{tenant}.okta.com',
  callbackPort: 8765,
  callbackHost: 'localhost',
  callbackPath: '/okta/callback',
  responseMode: 'form_post',
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
  pushedAuthorization: 'always',
  pushedAuthorizationRequestUrl: 'https://{tenant}.okta.com/oauth2/v1/par',
  dpop: { enabled: true, alg: 'EdDSA' },
  idpFormFields: [],
};
const password = {
  grantType: 'password',
  name: 'Legacy IdP',
  identityProviderName: 'Legacy',
  description: '',
  clientId: 'legacy',
  clientAuthMethod: 'client_secret_basic',
  clientAssertion: { alg: '', kid: '', audience: 'token_endpoint' },
  tokenUrl: 'https://legacy.example.com/token',
  scopes: [],
  tenancy: { enabled: false },
  dpop: { enabled: false, alg: 'ES256' },
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
    // The message names the entry by number and name, and each field by its UI label.
    expect(entries[1]!.message).toMatch(/^Profile 2 \(“bad”\), (Token Request URL|Client ID): /);
    expect(entries[1]!.message).toContain('Token Request URL: ');
    expect(entries[1]!.message).toContain('Client ID: ');
    expect(entries[1]!.message).not.toMatch(/tokenUrl|clientId/);
    expect(entries[3]!.message).toMatch(/^Profile 4: /);
    // A secret carried inline is named as the file names it.
    const [inline] = await ctx.transfer.importText(doc([{ ...clientCredentials, name: 'inline', username: 'x' }]));
    expect(inline).toMatchObject({
      outcome: 'rejected',
      issues: [{ path: 'username' }],
      message: 'Profile 1 (“inline”), Username: Stored only for a password-grant profile in pre-authorize mode',
    });
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['Machine']);
  });

  it('imports Kore’s content type names as the stored codes and refuses an unknown one, listing Kore’s', async () => {
    const named = (name: string, contentType: string) => ({
      ...clientCredentials,
      name,
      tokenRequest: { method: 'POST', contentType },
    });
    const entries = await ctx.transfer.importText(
      doc([
        named('kore json', 'Twitter Encoded JSON'),
        named('kore form', 'URL Encoded JSON'),
        named('mime', 'multipart/related'),
        named('yaml', 'YAML'),
      ]),
    );
    expect(entries.map((e) => e.outcome)).toEqual(['imported', 'imported', 'imported', 'rejected']);
    expect(entries[3]!.message).toBe(
      'Profile 4 (“yaml”), Token URL Content Type: Unknown content type; use one of JSON, RSS, XML, ' +
        'URL Encoded JSON, CSV, Text, Twitter Encoded JSON, Multipart/Form-data, Multipart/Related, Oracle ADF, ' +
        'or its media type',
    );
    const ids = (await ctx.profiles.list()).map((p) => p.id);
    const exported = JSON.parse(await ctx.transfer.exportText(ids, false));
    expect(
      Object.fromEntries(
        exported.profiles.map((p: { name: string; tokenRequest: { contentType: string } }) => [
          p.name,
          p.tokenRequest.contentType,
        ]),
      ),
    ).toEqual({ 'kore json': 'twitter-json', 'kore form': 'form', mime: 'multipart-related' });
  });

  it('imports a clashing name as "Name (2)" unless told to replace; a replace keeps secrets on the same host', async () => {
    await ctx.transfer.importText(doc([{ ...clientCredentials, clientSecret: 'kept' }]));
    const copies = await ctx.transfer.importText(
      doc([{ ...clientCredentials, clientId: 'm2m-v2' }, clientCredentials]),
    );
    expect(copies).toEqual([
      { index: 0, name: 'Machine', outcome: 'imported', importedAs: 'Machine (2)' },
      { index: 1, name: 'Machine', outcome: 'imported', importedAs: 'Machine (3)' },
    ]);
    const original = await ctx.profiles.getByName('Machine');
    expect(original.clientId).toBe('m2m');
    expect((await ctx.profiles.getByName('Machine (2)')).clientId).toBe('m2m-v2');

    const samePlace = { ...clientCredentials, clientId: 'm2m-v3', tokenUrl: `${clientCredentials.tokenUrl}?v=3` };
    const replaced = await ctx.transfer.importText(doc([samePlace]), 'replace');
    expect(replaced).toEqual([{ index: 0, name: 'Machine', outcome: 'replaced' }]);
    expect((await ctx.profiles.get(original.id)).clientId).toBe('m2m-v3');
    expect(await ctx.profiles.readSecret(original.id, 'clientSecret')).toBe('kept');
  });

  it('a replace that moves the token URL to another host drops the stored secrets and token', async () => {
    await ctx.transfer.importText(doc([{ ...clientCredentials, clientSecret: 'for-auth0' }]));
    const id = ctx.profiles.idByName('Machine');
    await ctx.profiles.writeEntry(id, 'token', '{"access_token":"t"}');
    const moved = { ...clientCredentials, tokenUrl: 'https://collector.example.net/oauth/token' };
    const replaced = await ctx.transfer.importText(doc([moved]), 'replace');
    expect(replaced).toEqual([{ index: 0, name: 'Machine', outcome: 'replaced', secretsDropped: true }]);
    expect(await ctx.profiles.readSecret(id, 'clientSecret')).toBeNull();
    expect(await ctx.profiles.readEntry(id, 'token')).toBeNull();
    // A secret the file carries for the new host is the one kept.
    await ctx.transfer.importText(doc([{ ...clientCredentials, clientSecret: 'for-auth0-again' }]), 'replace');
    expect(await ctx.profiles.readSecret(id, 'clientSecret')).toBe('for-auth0-again');
  });

  it('refuses an import file over 10 MB before reading it, and writes exports 0600 over an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authbench-transfer-'));
    try {
      const huge = join(dir, 'huge.json');
      writeFileSync(huge, Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x20));
      await expect(ctx.transfer.importFile(huge)).rejects.toMatchObject({
        code: 'invalid_request',
        message: 'The file is 10.0 MB; Authbench imports files of at most 10 MB',
      });
      const exact = join(dir, 'exact.json');
      const text = doc([clientCredentials]);
      writeFileSync(exact, text + ' '.repeat(MAX_IMPORT_BYTES - Buffer.byteLength(text)));
      expect((await ctx.transfer.importFile(exact)).entries).toMatchObject([{ outcome: 'imported' }]);

      const out = join(dir, 'out.json');
      writeFileSync(out, 'world-readable');
      chmodSync(out, 0o644);
      await ctx.transfer.exportToFile(out, ctx.profiles.ids(), false);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(out, 'utf8')).profiles).toHaveLength(1);
      expect(readdirSync(dir).sort()).toEqual(['exact.json', 'huge.json', 'out.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a document of another format', async () => {
    await expect(ctx.transfer.importText(JSON.stringify({ format: 'postman/v2', profiles: [] }))).rejects.toMatchObject(
      { code: 'invalid_request' },
    );
    await expect(ctx.transfer.importText('{not json')).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
