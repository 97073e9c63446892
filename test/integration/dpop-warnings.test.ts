/**
 * DPoP (RFC 9449) answers that are not what the profile asked for, from small loopback servers: an API refusing the
 * proof (`WWW-Authenticate: DPoP error="invalid_dpop_proof"`, §7.1) is diagnosed from the proof sent; an IdP that
 * ignores DPoP (a Bearer token, §5) or binds the token to another key (`cnf.jkt`, §6.1) is a warning of the run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DpopAlg } from '../../src-shared/dpop-profile';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'dpop warnings client secret 0123456789';

describe('DPoP refusals and warnings', () => {
  let idp: RunningIdp;
  let ctx: TestContext;
  let counter = 0;

  beforeAll(async () => {
    idp = await startOidcIdp({
      clients: [
        { client_id: 'service', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' },
      ],
      scopes: ['api:read'],
    });
    ctx = makeTestContext();
  });

  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
  });

  const create = (on: RunningIdp, alg: DpopAlg = 'ES256', extra: Record<string, unknown> = {}) =>
    ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: `dpop warnings ${++counter}`,
        identityProviderName: 'oidc-provider',
        clientId: 'service',
        tokenUrl: on.tokenEndpoint,
        issuer: on.issuer,
        scopes: [{ key: 'scope', value: 'api:read' }],
        dpop: { enabled: true, alg },
        ...extra,
      },
      { clientSecret: SECRET },
    );

  it('diagnoses an API that refuses the proof (WWW-Authenticate: DPoP error="invalid_dpop_proof")', async () => {
    const server = createServer((req, res) =>
      req.resume().on('end', () =>
        res
          .writeHead(401, {
            'www-authenticate': 'DPoP error="invalid_dpop_proof", error_description="DPoP proof htu mismatch"',
          })
          .end(),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const profile = await create(idp, 'ES256', {
        checkUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
        authErrorStatusCodes: [],
      });
      const run = await ctx.tests.run(profile.id);
      expect(run.ok).toBe(false);
      expect(run.error).toMatchObject({ code: 'http_error', status: 401, oauthError: 'invalid_dpop_proof' });
      expect(run.error?.diagnosis).toMatch(/^The API says the DPoP proof's URL or method does not match/);
      expect(run.error?.hint).toMatch(/proxy/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('warns when the IdP ignores DPoP (a Bearer token) or binds the token to another key (cnf.jkt)', async () => {
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const otherKeyToken = `${b64({ alg: 'ES256', typ: 'at+jwt' })}.${b64({ sub: 's', cnf: { jkt: 'someone-elses-key-thumbprint' } })}.c2ln`;
    const proofs: string[] = [];
    const server = createServer((req, res) => {
      proofs.push(String(req.headers.dpop ?? ''));
      const body =
        req.url === '/bearer'
          ? { access_token: 'plain-bearer-access-token-value', token_type: 'Bearer', expires_in: 60 }
          : { access_token: otherKeyToken, token_type: 'DPoP', expires_in: 60 };
      req
        .resume()
        .on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ignoring = await create(idp, 'ES256', { tokenUrl: `${base}/bearer`, issuer: undefined });
      const bearer = await ctx.tests.run(ignoring.id);
      expect(bearer.ok).toBe(true);
      expect(bearer.token?.tokenType).toBe('Bearer');
      expect(bearer.warnings?.some((w) => /token_type "Bearer", not DPoP: it ignored the proof/.test(w))).toBe(true);
      expect((await ctx.tests.tokens.load(ignoring.id))!.dpopJkt).toBeUndefined();

      const binding = await create(idp, 'ES256', { tokenUrl: `${base}/other`, issuer: undefined });
      const other = await ctx.tests.run(binding.id);
      expect(other.warnings?.some((w) => /cnf\.jkt \(someone-elses-key-thumbprint\).*another key/.test(w))).toBe(true);
      expect(proofs.every((p) => p.split('.').length === 3)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
