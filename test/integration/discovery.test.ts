/**
 * Discovery (OIDC Discovery 1.0 §4, RFC 8414 §3) and the lint at Test time (docs/architecture.md, "A Test, step
 * by step"), against a real oidc-provider on loopback and a small node:http server that serves only RFC 8414's
 * well-known URL; the real services (SQLite, keychain) and the recording client.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../src-shared/discovery';
import type { ProfileInput } from '../../src-shared/profile';
import type { RunningIdp } from '../../src-main/demo/demo-idp';
import { createRecordingClient } from '../../src-main/http/recording-client';
import { discover } from '../../src-main/oauth/discovery';
import { lintProfile } from '../../src-main/oauth/discovery-lint';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'discovery-secret-value';
const http = createRecordingClient();
const send = (step: 'discovery', request: { method: string; url: string; headers: Record<string, string> }) =>
  http.send({ step, ...request });

describe('discovery and the lint', () => {
  let idp: RunningIdp;
  let ctx: TestContext;
  let rfc8414: Server;
  let base: string;

  beforeAll(async () => {
    idp = await startClientCredentialsIdp('disco-client', SECRET);
    ctx = makeTestContext();
    // Serves only RFC 8414's URL for the issuer `${base}/tenant-a`, and a document naming another issuer.
    rfc8414 = createServer((req, res) => {
      const documents: Record<string, object> = {
        '/.well-known/oauth-authorization-server/tenant-a': {
          issuer: `${base}/tenant-a`,
          token_endpoint: `${base}/tenant-a/token`,
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          grant_types_supported: ['authorization_code'],
          extension_member: { ignored: true },
        },
        '/mixup/.well-known/openid-configuration': { issuer: 'https://evil.example', token_endpoint: `${base}/token` },
      };
      const document = documents[req.url ?? ''];
      res.writeHead(document ? 200 : 404, { 'content-type': document ? 'application/json' : 'text/plain' });
      res.end(document ? JSON.stringify(document) : 'Not Found');
    });
    await new Promise<void>((resolve) => rfc8414.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(rfc8414.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    await new Promise((resolve) => rfc8414?.close(resolve));
  });

  const profile = (name: string, extra: Partial<Record<string, unknown>> = {}) =>
    ({
      grantType: 'client_credentials',
      name,
      identityProviderName: 'oidc-provider',
      clientId: 'disco-client',
      clientAuthMethod: 'client_secret_basic',
      tokenUrl: idp.tokenEndpoint,
      issuer: idp.issuer,
      scopes: [{ key: 'scope', value: 'api:read' }],
      ...extra,
    }) as ProfileInput;

  it("reads oidc-provider's openid-configuration as one discovery exchange", async () => {
    const attempt = await discover(idp.issuer, undefined, send);
    expect(attempt.error).toBeUndefined();
    expect(attempt.exchanges.map((e) => [e.step, e.request.url, e.response?.status])).toEqual([
      ['discovery', `${idp.issuer}/.well-known/openid-configuration`, 200],
    ]);
    expect(attempt.result).toMatchObject({
      issuer: idp.issuer,
      source: 'openid-configuration',
      tokenUrl: idp.tokenEndpoint,
      authorizationUrl: `${idp.issuer}/auth`,
    });
    expect(attempt.result!.metadata.grant_types_supported).toContain('client_credentials');
  });

  it('answers profiles:discover through the router with the endpoints and the metadata', async () => {
    const envelope = await ctx.router.handle('profiles:discover', { issuer: `${idp.issuer}/` });
    expect(envelope.ok).toBe(true);
    const value = (envelope as { value: DiscoveryResult }).value;
    expect(value.tokenUrl).toBe(idp.tokenEndpoint);
    expect(value.metadata.scopes_supported).toContain('api:read');
  });

  it("falls back to RFC 8414's URL, inserted between host and path, and drops unknown members", async () => {
    const attempt = await discover(`${base}/tenant-a`, undefined, send);
    expect(attempt.exchanges.map((e) => [e.request.url, e.response?.status])).toEqual([
      [`${base}/tenant-a/.well-known/openid-configuration`, 404],
      [`${base}/.well-known/oauth-authorization-server/tenant-a`, 200],
    ]);
    expect(attempt.result).toMatchObject({ source: 'oauth-authorization-server', tokenUrl: `${base}/tenant-a/token` });
    expect(attempt.result!.metadata).not.toHaveProperty('extension_member');
  });

  it('refuses a document naming another issuer (RFC 8414 §3.3)', async () => {
    const envelope = await ctx.router.handle('profiles:discover', { issuer: `${base}/mixup` });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    expect((envelope as { error: { message: string } }).error.message).toContain('"https://evil.example"');
  });

  it('says why when neither URL serves metadata (http_error, both URLs named)', async () => {
    const envelope = await ctx.router.handle('profiles:discover', { issuer: `${base}/nothing` });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'http_error' } });
    const { message } = (envelope as { error: { message: string } }).error;
    expect(message).toBe(
      `No authorization server metadata at ${base}/nothing/.well-known/openid-configuration (answered 404 Not Found)` +
        ` nor at ${base}/.well-known/oauth-authorization-server/nothing (answered 404 Not Found)`,
    );
  });

  it('warns of a grant, a client authentication and a scope the IdP does not list, and of a moved endpoint', async () => {
    const metadata = (await discover(idp.issuer, undefined, send)).result!.metadata;
    expect(lintProfile(profile('match'), metadata)).toEqual([]);
    const password = { ...profile('pw'), grantType: 'password' } as ProfileInput;
    expect(lintProfile(password, metadata)).toEqual([expect.stringContaining('grant type "password"')]);
    const scoped = profile('scope', { scopes: [{ key: 'scope', value: 'api:read api:admin' }] });
    expect(lintProfile(scoped, metadata)).toEqual([expect.stringMatching(/scope "api:admin".*scopes_supported/)]);
    const moved = profile('moved', { tokenUrl: `${idp.issuer}/oauth2/token` });
    expect(lintProfile(moved, metadata)).toEqual([
      expect.stringContaining(`Token Request URL ${idp.issuer}/oauth2/token is not the IdP's token_endpoint`),
    ]);
    const other = (await discover(`${base}/tenant-a`, undefined, send)).result!.metadata;
    const warnings = lintProfile(profile('m', { tokenUrl: `${base}/tenant-a/token` }), other);
    expect(warnings).toEqual([
      expect.stringContaining('grant type "client_credentials"'),
      expect.stringContaining('Client Authentication "client_secret_basic"'),
    ]);
  });

  it('runs discovery first in a Test of a profile with an Issuer, and passes without warnings when they agree', async () => {
    const { id } = await ctx.profiles.create(profile('with-issuer'), { clientSecret: SECRET });
    const run = await ctx.tests.run(id);
    expect(run.ok).toBe(true);
    // The JWT access token is then verified against the JWKS the metadata names (oauth/verify-step.ts).
    expect(run.exchanges.map((e) => e.step)).toEqual(['discovery', 'token', 'discovery']);
    expect(run.exchanges.at(-1)?.request.url).toBe(`${idp.issuer}/jwks`);
    expect(run.token?.verification?.accessToken?.find((c) => c.check === 'signature')?.result).toBe('pass');
    expect(run.warnings ?? []).toEqual([]);
  });

  it('adds the lint warnings to a Test, whose token request still runs', async () => {
    // The metadata of `${base}/tenant-a` lists neither this grant nor this client authentication nor this URL.
    const { id } = await ctx.profiles.create(profile('lint', { issuer: `${base}/tenant-a` }), { clientSecret: SECRET });
    const run = await ctx.tests.run(id);
    expect(run.ok).toBe(true);
    expect(run.exchanges.map((e) => e.step)).toEqual(['discovery', 'discovery', 'token']);
    expect(run.warnings).toEqual([
      expect.stringContaining('does not list the grant type "client_credentials"'),
      expect.stringContaining('does not list the Client Authentication "client_secret_basic"'),
      `The Token Request URL ${idp.tokenEndpoint} is not the IdP's token_endpoint ${base}/tenant-a/token`,
      // The token comes from another IdP than the Issuer's; that metadata names no jwks_uri (signature n/a).
      `The access token's iss check failed: iss is "${idp.issuer}", not the issuer ${base}/tenant-a`,
    ]);
  });

  it('keeps testing when discovery fails (404): a warning, not the end of the Test', async () => {
    const { id } = await ctx.profiles.create(profile('no-metadata', { issuer: `${base}/nothing` }), {
      clientSecret: SECRET,
    });
    const run = await ctx.tests.run(id);
    expect(run.ok).toBe(true);
    expect(run.exchanges.map((e) => [e.step, e.response?.status])).toEqual([
      ['discovery', 404],
      ['discovery', 404],
      ['token', 200],
    ]);
    expect(run.warnings).toEqual([expect.stringMatching(/^Discovery failed.*404/)]);
  });
});
