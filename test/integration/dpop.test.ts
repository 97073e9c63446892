/**
 * DPoP (RFC 9449; docs/architecture.md, "DPoP") against a real oidc-provider with `features.dPoP`: client-credentials
 * tokens bound to the profile's key (`token_type: DPoP`, `cnf.jkt` = its RFC 7638 thumbprint), the key made once
 * and kept in the keychain, the `use_dpop_nonce` retry at the token endpoint (§8) and at a resource (§9), the check
 * call verified by a loopback resource server (jose jwtVerify with the embedded jwk, `ath`), a refused algorithm
 * diagnosed, and nothing of the proof's signature or the private key in the stored run, its HAR or the database.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, EmbeddedJWK, jwtVerify } from 'jose';
import type { DpopAlg } from '../../src-shared/dpop-profile';
import type { TestRun } from '../../src-shared/test-run';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';
import { storedKeyThumbprint } from '../../src-main/oauth/dpop-key';
import { makeTestContext, type TestContext } from '../helpers/context';

const SECRET = 'dpop client secret 0123456789';
const clients = [
  { client_id: 'service', client_secret: SECRET, grant_types: ['client_credentials'], scope: 'api:read' },
];

/** A resource server on loopback that accepts only a DPoP-bound token with a valid proof (RFC 9449 §7.1, §9). */
async function startResource(): Promise<{
  url: string;
  calls: { nonce?: string; ok: boolean }[];
  signatures: string[];
  close(): Promise<void>;
}> {
  const calls: { nonce?: string; ok: boolean }[] = [];
  const signatures: string[] = [];
  const NONCE = 'resource-nonce-1';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
      const token = /^DPoP (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const proof = req.headers.dpop;
      try {
        if (!token || typeof proof !== 'string') throw new Error('no DPoP token or proof');
        signatures.push(proof.split('.')[2]!);
        const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt' });
        const ath = createHash('sha256').update(token).digest('base64url');
        if (payload.htm !== req.method || payload.htu !== url.split('?')[0] || payload.ath !== ath)
          throw new Error('claims');
        const { calculateJwkThumbprint } = await import('jose');
        const cnf = decodeJwt(token).cnf as { jkt?: string } | undefined;
        if (cnf?.jkt !== (await calculateJwkThumbprint(protectedHeader.jwk!))) throw new Error('jkt');
        if (payload.nonce !== NONCE) {
          calls.push({ ok: false });
          res.writeHead(401, { 'www-authenticate': 'DPoP error="use_dpop_nonce"', 'dpop-nonce': NONCE }).end();
          return;
        }
        calls.push({ nonce: String(payload.nonce), ok: true });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch (err) {
        calls.push({ ok: false });
        res
          .writeHead(401, { 'www-authenticate': `DPoP error="invalid_dpop_proof", error_description="${String(err)}"` })
          .end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api?x=1`,
    calls,
    signatures,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('DPoP against oidc-provider', () => {
  let idp: RunningIdp;
  let nonceIdp: RunningIdp;
  let ctx: TestContext;
  let counter = 0;

  beforeAll(async () => {
    idp = await startOidcIdp({ clients, scopes: ['api:read'] });
    nonceIdp = await startOidcIdp({ clients, scopes: ['api:read'], dpop: { requireNonce: true } });
    ctx = makeTestContext();
  });

  afterAll(async () => {
    await ctx?.dispose();
    await idp?.close();
    await nonceIdp?.close();
  });

  const create = (on: RunningIdp, alg: DpopAlg = 'ES256', extra: Record<string, unknown> = {}) =>
    ctx.profiles.create(
      {
        grantType: 'client_credentials',
        name: `dpop ${++counter}`,
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

  /** Everything that leaves the engine for one run: the run, its HAR, and the database files. */
  async function everythingStored(run: TestRun): Promise<string> {
    const har = join(ctx.dataDir, `${run.id}.har`);
    await ctx.runs.saveHar(run.id, har);
    const db = join(ctx.dataDir, 'authbench.db');
    const files = [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1'));
    return [JSON.stringify(run), JSON.stringify(ctx.runs.get(run.id)), readFileSync(har, 'utf8'), ...files].join('\n');
  }

  it('binds the token to the profile key: token_type DPoP, cnf.jkt = the thumbprint, proof decoded without signature', async () => {
    const profile = await create(idp);
    const run = await ctx.tests.run(profile.id);
    expect(run.error).toBeUndefined();
    expect(run.token?.tokenType).toBe('DPoP');
    const keyJson = await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey');
    const thumbprint = await storedKeyThumbprint(keyJson);
    expect(thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((run.token?.claims?.cnf as { jkt?: string }).jkt).toBe(thumbprint);

    const token = run.exchanges.find((e) => e.step === 'token')!;
    const proof = token.request.dpopProof!;
    expect(proof.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
    expect((proof.header.jwk as Record<string, unknown>).d).toBeUndefined();
    expect(proof.claims).toMatchObject({ htm: 'POST', htu: idp.tokenEndpoint });
    expect(typeof proof.claims.jti).toBe('string');
    expect(typeof proof.claims.iat).toBe('number');
    expect(proof.jkt).toBe(thumbprint);
    expect(token.request.headers.dpop).toMatch(/^[\w-]+\.[\w-]+\.\[redacted\]$/);
    // No discovery or other step got a proof.
    expect(run.exchanges.filter((e) => e.step === 'discovery').every((e) => !e.request.headers.dpop)).toBe(true);

    // Never stored: the private key (whole or its `d`), nor the held token's value.
    const stored = await everythingStored(run);
    const jwk = JSON.parse(keyJson!) as { d: string };
    expect(stored).not.toContain(jwk.d);
    expect(stored).not.toContain(SECRET);
    const held = await ctx.tests.tokens.load(profile.id);
    expect(stored).not.toContain(held!.accessToken);
    expect(held!.dpopJkt).toBe(thumbprint);
    // The view tells the renderer only that the key is set.
    expect((await ctx.profiles.get(profile.id)).secrets.dpopPrivateKey).toBe(true);
  });

  it('creates the key once and reuses it across Tests (same thumbprint)', async () => {
    const profile = await create(idp);
    const first = await ctx.tests.run(profile.id);
    const key = await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey');
    const second = await ctx.tests.run(profile.id);
    expect(second.ok).toBe(true);
    expect(await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey')).toBe(key);
    const jkt = (r: TestRun) => r.exchanges.find((e) => e.step === 'token')!.request.dpopProof!.jkt;
    expect(jkt(second)).toBe(jkt(first));
  });

  it('profiles:dpop-key tells only the thumbprint; profiles:dpop-new-key replaces the key, and the next token binds to it', async () => {
    const profile = await create(idp);
    const none = await ctx.router.handle('profiles:dpop-key', { id: profile.id });
    expect(none).toEqual({ ok: true, value: { thumbprint: null } });
    await ctx.tests.run(profile.id);
    const json = (await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey'))!;
    const info = await ctx.router.handle('profiles:dpop-key', { id: profile.id });
    expect(info).toEqual({ ok: true, value: { thumbprint: await storedKeyThumbprint(json), alg: 'ES256' } });
    expect(JSON.stringify(info)).not.toContain((JSON.parse(json) as { d: string }).d);

    const renewed = (await ctx.router.handle('profiles:dpop-new-key', { id: profile.id })) as {
      ok: true;
      value: { thumbprint: string };
    };
    expect(renewed.value.thumbprint).not.toBe(await storedKeyThumbprint(json));
    const run = await ctx.tests.run(profile.id);
    expect((run.token?.claims?.cnf as { jkt?: string }).jkt).toBe(renewed.value.thumbprint);
    const missing = await ctx.router.handle('profiles:dpop-key', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('regenerates the key when the algorithm changes (EdDSA)', async () => {
    const profile = await create(idp);
    await ctx.tests.run(profile.id);
    const before = await storedKeyThumbprint(await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey'));
    const { id, createdAt, updatedAt, secrets, status, statusReasons, lastTest, tokenExpiry, ...fields } =
      await ctx.profiles.get(profile.id);
    void [id, createdAt, updatedAt, secrets, status, statusReasons, lastTest, tokenExpiry];
    await ctx.profiles.update(profile.id, { ...fields, dpop: { enabled: true, alg: 'EdDSA' } });
    const run = await ctx.tests.run(profile.id);
    expect(run.error).toBeUndefined();
    const proof = run.exchanges.find((e) => e.step === 'token')!.request.dpopProof!;
    expect(proof.header).toMatchObject({ alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(proof.jkt).not.toBe(before);
    expect((run.token?.claims?.cnf as { jkt?: string }).jkt).toBe(proof.jkt);
  });

  it('answers use_dpop_nonce with one retry carrying the nonce, both exchanges recorded', async () => {
    const profile = await create(nonceIdp);
    const run = await ctx.tests.run(profile.id);
    expect(run.error).toBeUndefined();
    expect(run.token?.tokenType).toBe('DPoP');
    const tokens = run.exchanges.filter((e) => e.step === 'token');
    expect(tokens).toHaveLength(2);
    expect(tokens[0]!.response?.status).toBe(400);
    expect(tokens[0]!.response?.body).toContain('use_dpop_nonce');
    expect(tokens[0]!.request.dpopProof?.nonceChallenge).toBe(true);
    expect(tokens[0]!.request.dpopProof?.claims.nonce).toBeUndefined();
    const nonce = tokens[0]!.response?.headers['dpop-nonce'];
    expect(nonce).toBeTruthy();
    expect(tokens[1]!.request.dpopProof?.claims.nonce).toBe(nonce);
    expect(tokens[1]!.request.dpopProof?.nonceChallenge).toBeUndefined();
    expect(tokens[1]!.response?.status).toBe(200);
  });

  it('sends the check call as DPoP with ath, and retries a resource use_dpop_nonce once', async () => {
    const resource = await startResource();
    try {
      // A Bearer template still goes as DPoP for a DPoP token (RFC 9449 §7.1).
      const profile = await create(idp, 'ES256', {
        checkUrl: resource.url,
        authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
      });
      const run = await ctx.tests.run(profile.id);
      expect(run.error).toBeUndefined();
      const checks = run.exchanges.filter((e) => e.step === 'check');
      expect(checks).toHaveLength(2);
      expect(checks[0]!.response?.status).toBe(401);
      expect(checks[0]!.request.dpopProof?.nonceChallenge).toBe(true);
      expect(checks[1]!.response?.status).toBe(200);
      expect(checks[1]!.request.headers.authorization).toBe('DPoP [redacted]');
      const claims = checks[1]!.request.dpopProof!.claims;
      expect(claims).toMatchObject({ htm: 'GET', htu: resource.url.split('?')[0], nonce: 'resource-nonce-1' });
      const held = await ctx.tests.tokens.load(profile.id);
      expect(claims.ath).toBe(createHash('sha256').update(held!.accessToken).digest('base64url'));
      expect(resource.calls).toEqual([{ ok: false }, { nonce: 'resource-nonce-1', ok: true }]);
      // The proofs' signatures, as the resource received them, are in nothing stored.
      const stored = await everythingStored(run);
      expect(resource.signatures).toHaveLength(2);
      for (const signature of resource.signatures) expect(stored).not.toContain(signature);
    } finally {
      await resource.close();
    }
  });

  it('diagnoses invalid_dpop_proof for an algorithm the IdP does not list (RS256)', async () => {
    const profile = await create(idp, 'RS256');
    const run = await ctx.tests.run(profile.id);
    expect(run.ok).toBe(false);
    expect(run.error?.oauthError).toBe('invalid_dpop_proof');
    expect(run.error?.diagnosis).toContain('RS256');
    expect(run.error?.diagnosis).toContain('ES256');
    expect(run.error?.hint).toContain('DPoP Signing Algorithm');
    expect(run.warnings?.some((w) => w.includes('dpop_signing_alg_values_supported'))).toBe(true);
    const stored = await everythingStored(run);
    const jwk = JSON.parse((await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey'))!) as Record<string, string>;
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(stored).not.toContain(jwk[member]);
  });

  it('leaves the key out of an export without secrets and keeps it with secrets', async () => {
    const profile = await create(idp);
    await ctx.tests.run(profile.id);
    const key = (await ctx.profiles.readSecret(profile.id, 'dpopPrivateKey'))!;
    const jwk = JSON.parse(key) as { d: string };
    const without = await ctx.transfer.exportText([profile.id], false);
    expect(without).not.toContain(jwk.d);
    expect(without).toContain('"dpop"');
    const withSecrets = await ctx.transfer.exportText([profile.id], true);
    expect(withSecrets).toContain('dpopPrivateKey');
  });
});
