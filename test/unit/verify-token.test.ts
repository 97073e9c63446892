/**
 * Token verification (docs/architecture.md, "Token verification"): the claim checks and the signature check of
 * verify-token.ts with keys made by jose, a JWKS served through a recording `send` stand-in.
 */
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryMetadata } from '../../src-shared/discovery';
import type { Exchange, TokenCheck } from '../../src-shared/test-run';
import { atHash } from '../../src-main/oauth/token-checks';
import { verificationWarnings, verifyTokens, type VerifyInput } from '../../src-main/oauth/verify-token';

const ISSUER = 'https://idp.example';
const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const metadata: DiscoveryMetadata = {
  issuer: ISSUER,
  jwks_uri: `${ISSUER}/jwks`,
  id_token_signing_alg_values_supported: ['RS256', 'ES256'],
};

let rsa: { privateKey: CryptoKey; jwk: JWK };
let other: { privateKey: CryptoKey; jwk: JWK };

async function key(alg: string, kid: string) {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
}

beforeAll(async () => {
  rsa = await key('RS256', 'k1');
  other = await key('RS256', 'k2');
});

/** A `send` that answers the JWKS GET with each of `bodies` in turn (the last one repeats). */
function jwksServer(...sets: JWK[][]) {
  const urls: string[] = [];
  const send = async (_step: 'discovery', request: { url: string }): Promise<Exchange> => {
    const keys = sets[Math.min(urls.length, sets.length - 1)];
    urls.push(request.url);
    return {
      step: 'discovery',
      request: { method: 'GET', url: request.url, headers: {} },
      response: { status: 200, headers: {}, body: JSON.stringify({ keys }) },
      durationMs: 1,
    } as unknown as Exchange;
  };
  return { send, urls };
}

async function sign(claims: Record<string, unknown>, k = rsa, header: Record<string, unknown> = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: k.jwk.kid, ...header }).sign(k.privateKey);
}

const idClaims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: 'client-1',
  sub: 'user',
  exp: NOW_S + 300,
  iat: NOW_S - 5,
  nonce: 'n-123',
  ...extra,
});

const input = (idToken: string, extra: Partial<VerifyInput> = {}): VerifyInput => ({
  accessToken: 'opaque-access-token-value',
  idToken,
  metadata,
  clientId: 'client-1',
  now: NOW,
  nonce: 'n-123',
  ...extra,
});

const results = (checks: TokenCheck[] | undefined) =>
  Object.fromEntries((checks ?? []).map((c) => [c.check, c.result]));

describe('verifyTokens', () => {
  it('passes every check of a good ID token, reading the JWKS once; an opaque access token is all n/a', async () => {
    const server = jwksServer([rsa.jwk]);
    const accessToken = 'opaque-access-token-value';
    const idToken = await sign(idClaims({ at_hash: atHash(accessToken, 'RS256') }));
    const { verification, exchanges } = await verifyTokens(input(idToken), server.send);
    expect(results(verification.idToken)).toEqual({
      signature: 'pass',
      alg: 'pass',
      iss: 'pass',
      aud: 'pass',
      azp: 'n/a',
      exp: 'pass',
      nbf: 'n/a',
      iat: 'pass',
      nonce: 'pass',
      at_hash: 'pass',
    });
    expect(verification.accessToken?.every((c) => c.result === 'n/a' && c.detail === 'not a JWT')).toBe(true);
    expect(server.urls).toEqual([`${ISSUER}/jwks`]);
    expect(exchanges).toHaveLength(1);
    expect(verificationWarnings(verification)).toEqual([]);
  });

  it('fails the signature of a tampered token and says so as a warning', async () => {
    const idToken = await sign(idClaims());
    const [h, p, s] = idToken.split('.');
    const bytes = Buffer.from(s!, 'base64url');
    bytes[10] = bytes[10]! ^ 0x01;
    const tampered = `${h}.${p}.${bytes.toString('base64url')}`;
    const { verification } = await verifyTokens(input(tampered), jwksServer([rsa.jwk]).send);
    expect(verification.idToken?.[0]).toEqual({
      check: 'signature',
      result: 'fail',
      detail: 'The signature does not match the key',
    });
    expect(verificationWarnings(verification)[0]).toMatch(
      /^The ID token's signature does not verify against the IdP's JWKS/,
    );
  });

  it('reads the JWKS again once on an unknown kid (rotation), and fails when the key is still missing', async () => {
    const rotated = jwksServer([other.jwk], [other.jwk, rsa.jwk]);
    const idToken = await sign(idClaims());
    const ok = await verifyTokens(input(idToken), rotated.send);
    expect(ok.verification.idToken?.[0]?.result).toBe('pass');
    expect(ok.verification.idToken?.[0]?.detail).toContain('rotated key');
    expect(rotated.urls).toHaveLength(2);
    const missing = jwksServer([other.jwk]);
    const bad = await verifyTokens(input(idToken), missing.send);
    expect(bad.verification.idToken?.[0]).toMatchObject({ result: 'fail' });
    expect(bad.verification.idToken?.[0]?.detail).toContain('kid "k1"');
    expect(missing.urls).toHaveLength(2);
  });

  it('fails aud, azp, iss, exp, iat, nonce and at_hash when they are wrong', async () => {
    const idToken = await sign(
      idClaims({ aud: ['client-2', 'client-3'], iss: 'https://evil.example', exp: NOW_S - 61, iat: NOW_S + 61 }),
    );
    const withHash = await sign(idClaims({ at_hash: atHash('another access token', 'RS256'), nonce: 'other' }));
    const server = jwksServer([rsa.jwk]);
    const a = results((await verifyTokens(input(idToken), server.send)).verification.idToken);
    expect(a).toMatchObject({ signature: 'pass', iss: 'fail', aud: 'fail', azp: 'fail', exp: 'fail', iat: 'fail' });
    const b = results((await verifyTokens(input(withHash), server.send)).verification.idToken);
    expect(b).toMatchObject({ nonce: 'fail', at_hash: 'fail', aud: 'pass', exp: 'pass' });
  });

  it('honours 60 s of leeway, and checks azp against the client_id with several audiences', async () => {
    const idToken = await sign(
      idClaims({ aud: ['client-1', 'api'], azp: 'client-1', exp: NOW_S - 30, nbf: NOW_S + 30 }),
    );
    const r = results((await verifyTokens(input(idToken), jwksServer([rsa.jwk]).send)).verification.idToken);
    expect(r).toMatchObject({ aud: 'pass', azp: 'pass', exp: 'pass', nbf: 'pass' });
  });

  it('fails an alg outside the metadata list or unlike the JWK alg, and an unsigned token', async () => {
    const es = await key('ES256', 'k1');
    const idToken = await new SignJWT(idClaims()).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(es.privateKey);
    const limited = { ...metadata, id_token_signing_alg_values_supported: ['RS256'] };
    const r = await verifyTokens(input(idToken, { metadata: limited }), jwksServer([es.jwk]).send);
    expect(results(r.verification.idToken)).toMatchObject({ signature: 'pass', alg: 'fail' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(idClaims())).toString('base64url')}.`;
    const u = await verifyTokens(input(unsigned), jwksServer([rsa.jwk]).send);
    expect(results(u.verification.idToken)).toMatchObject({ signature: 'fail', alg: 'fail' });
  });

  it('verifies a JWT access token; its aud is n/a (the resource server judges it)', async () => {
    const accessToken = await sign({ iss: ISSUER, aud: 'https://api.example', exp: NOW_S + 60, iat: NOW_S });
    const { verification } = await verifyTokens(
      { accessToken, metadata, clientId: 'client-1', now: NOW },
      jwksServer([rsa.jwk]).send,
    );
    expect(results(verification.accessToken)).toEqual({
      signature: 'pass',
      alg: 'pass',
      iss: 'pass',
      aud: 'n/a',
      exp: 'pass',
      nbf: 'n/a',
      iat: 'pass',
    });
    expect(verification.idToken).toBeUndefined();
  });

  it('says why the signature is n/a without metadata or jwks_uri, and sends nothing', async () => {
    const server = jwksServer([rsa.jwk]);
    const idToken = await sign(idClaims());
    const none = await verifyTokens(
      input(idToken, { metadata: undefined, noMetadataReason: 'the profile has no Issuer' }),
      server.send,
    );
    expect(none.verification.idToken?.[0]).toEqual({
      check: 'signature',
      result: 'n/a',
      detail: 'No IdP metadata: the profile has no Issuer',
    });
    expect(results(none.verification.idToken)).toMatchObject({ iss: 'n/a', aud: 'pass' });
    const noJwks = await verifyTokens(input(idToken, { metadata: { issuer: ISSUER } }), server.send);
    expect(noJwks.verification.idToken?.[0]?.detail).toBe("The IdP's metadata has no jwks_uri");
    expect(server.urls).toEqual([]);
  });

  it('fails the signature, without throwing, on a JWKS that is not JSON, not a key set, or holds junk keys', async () => {
    const idToken = await sign(idClaims());
    const serving =
      (body: string, status = 200) =>
      async (_step: 'discovery', request: { url: string }) =>
        ({
          step: 'discovery',
          request: { method: 'GET', url: request.url, headers: {} },
          response: { status, headers: {}, body },
          durationMs: 1,
        }) as unknown as Exchange;
    const detail = async (body: string, status?: number) =>
      (await verifyTokens(input(idToken), serving(body, status))).verification.idToken?.[0];
    expect(await detail('<html>')).toEqual({
      check: 'signature',
      result: 'fail',
      detail: `The JWKS at ${ISSUER}/jwks is not a JSON Web Key Set (RFC 7517 §5)`,
    });
    expect(await detail('{"keys":[]}', 500)).toMatchObject({
      result: 'fail',
      detail: `The JWKS at ${ISSUER}/jwks answered HTTP 500`,
    });
    expect(await detail('{"keys":[null,5,{"kty":"nope","kid":"k1"}]}')).toMatchObject({ result: 'fail' });
  });

  it('computes at_hash as OpenID Connect Core §3.2.2.9 does', () => {
    // The example of OpenID Connect Core §A.3/A.4 (RS256): access token jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y.
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256')).toBe('77QmUPtjPfzWtF2AnpK9RQ');
    expect(atHash('x', 'HS999')).toBeUndefined();
  });
});

describe('formatRun (CLI) with a verification', () => {
  it('prints one warning line per failed check and one tally line per token', async () => {
    const { formatRun } = await import('../../src-main/cli/format-run');
    const idToken = await sign(idClaims({ aud: 'someone-else' }));
    const { verification } = await verifyTokens(input(idToken), jwksServer([rsa.jwk]).send);
    const out = formatRun(
      {
        id: 'r',
        ok: true,
        profile: 'p',
        profileId: 'p',
        grantType: 'authorization_code',
        startedAt: NOW.toISOString(),
        durationMs: 1,
        exchanges: [],
        token: { tokenType: 'Bearer', hasRefreshToken: false, verification },
        warnings: verificationWarnings(verification),
      },
      { color: false },
    );
    expect(out).toContain(
      "  warning   The ID token's aud check failed: aud (someone-else) does not contain the client_id client-1\n",
    );
    expect(out).toContain('  verified  ID token: 6 pass, 1 fail (aud), 3 n/a\n');
    expect(out).toContain('  verified  access token: 0 pass, 0 fail, 7 n/a\n');
  });
});
