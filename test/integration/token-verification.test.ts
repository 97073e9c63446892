/**
 * Token verification at Test time (docs/architecture.md, "Token verification") against a real oidc-provider on
 * loopback: an authorization-code Test signed in with Chromium whose ID token passes every check, then that
 * real ID token tampered, for another client, expired and signed by a key the first JWKS read lacks; and a
 * client-credentials Test whose JWT access token (RFC 9068, a resource indicator) is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryMetadata } from '../../src-shared/discovery';
import type { TokenCheck } from '../../src-shared/test-run';
import { createRecordingClient } from '../../src-main/http/recording-client';
import { verifyTokens, type VerifyInput } from '../../src-main/oauth/verify-token';
import { startAuthCodeBench, steps, type AuthCodeBench } from '../helpers/auth-code-bench';
import { startClientCredentialsIdp } from '../helpers/client-credentials-idp';
import { makeTestContext } from '../helpers/context';

const http = createRecordingClient();
const realSend = (step: 'discovery', request: { method: string; url: string; headers: Record<string, string> }) =>
  http.send({ step, ...request });
const results = (checks: TokenCheck[] | undefined) =>
  Object.fromEntries((checks ?? []).map((c) => [c.check, c.result]));

describe('token verification against oidc-provider', () => {
  let bench: AuthCodeBench;
  let idToken: string;
  let accessToken: string;
  let metadata: DiscoveryMetadata;
  beforeAll(async () => void (bench = await startAuthCodeBench()));
  afterAll(async () => bench?.close());

  const input = (extra: Partial<VerifyInput> = {}): VerifyInput => ({
    accessToken,
    idToken,
    metadata,
    clientId: 'native-app',
    now: new Date(),
    ...extra,
  });

  it('verifies the ID token of an authorization-code Test: every check passes or does not apply', async () => {
    const opener = bench.browser.opener();
    bench.setOpener(opener.open);
    const profile = await bench.createProfile({ issuer: bench.idp.issuer });
    const run = await bench.ctx.tests.run(profile.id, { authorizationTimeoutMs: 60_000 });
    expect(run.error).toBeUndefined();
    // The JWKS read is recorded after the token exchange, as a discovery exchange.
    expect(steps(run)).toEqual(['discovery', 'authorize', 'callback', 'token', 'discovery']);
    expect(run.exchanges.at(-1)?.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jwks$/);
    const checks = run.token?.verification?.idToken;
    expect(results(checks)).toMatchObject({
      signature: 'pass',
      alg: 'pass',
      iss: 'pass',
      aud: 'pass',
      exp: 'pass',
      iat: 'pass',
      nonce: 'pass',
    });
    expect(checks?.some((c) => c.result === 'fail')).toBe(false);
    expect(run.token?.verification?.accessToken?.[0]).toEqual({
      check: 'signature',
      result: 'n/a',
      detail: 'not a JWT',
    });
    expect(run.warnings ?? []).toEqual([]);
    // The stored run carries the verification too (the CLI's --json reads the same TestRun).
    expect(bench.ctx.runs.get(run.id)?.token?.verification).toEqual(run.token?.verification);

    const token = bench.received.filter((e) => e.step === 'token').at(-1)!;
    const body = JSON.parse(token.response!.body!) as { id_token: string; access_token: string };
    idToken = body.id_token;
    accessToken = body.access_token;
    const disco = bench.received.find((e) => e.step === 'discovery')!;
    metadata = JSON.parse(disco.response!.body!) as DiscoveryMetadata;
  });

  it('fails the signature of the real ID token with one signature byte flipped', async () => {
    const [h, p, s] = idToken.split('.');
    const bytes = Buffer.from(s!, 'base64url');
    bytes[0] = bytes[0]! ^ 0x80;
    const { verification } = await verifyTokens(
      input({ idToken: `${h}.${p}.${bytes.toString('base64url')}` }),
      realSend,
    );
    expect(verification.idToken?.[0]).toMatchObject({ check: 'signature', result: 'fail' });
  });

  it('fails aud for another client, and exp when the clock is a day ahead', async () => {
    const other = await verifyTokens(input({ clientId: 'someone-else' }), realSend);
    expect(results(other.verification.idToken)).toMatchObject({ signature: 'pass', aud: 'fail' });
    const later = await verifyTokens(input({ now: new Date(Date.now() + 86_400_000) }), realSend);
    expect(results(later.verification.idToken)).toMatchObject({ signature: 'pass', exp: 'fail' });
  });

  it('reads the JWKS again when the first read lacks the kid (rotation), and passes', async () => {
    const urls: string[] = [];
    // The first read answers a key set from before the rotation (no keys); the second is the IdP's own.
    const send: typeof realSend = async (step, request) => {
      urls.push(request.url);
      const exchange = await realSend(step, request);
      if (urls.length === 1) exchange.response!.body = '{"keys":[]}';
      return exchange;
    };
    const { verification, exchanges } = await verifyTokens(input(), send);
    expect(verification.idToken?.[0]).toMatchObject({ check: 'signature', result: 'pass' });
    expect(verification.idToken?.[0]?.detail).toContain('rotated key');
    expect(exchanges).toHaveLength(2);
  });

  it('fails at_hash for another access token when the ID token carries one', async () => {
    const { verification } = await verifyTokens(input({ accessToken: 'a-different-access-token' }), realSend);
    const atHash = verification.idToken?.find((c) => c.check === 'at_hash');
    // oidc-provider puts at_hash in the ID token of the code exchange only on some versions: judge what it sent.
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as { at_hash?: string };
    expect(atHash?.result).toBe(claims.at_hash ? 'fail' : 'n/a');
  });

  it('verifies the JWT access token of a client-credentials Test', async () => {
    const idp = await startClientCredentialsIdp('verify-client', 'verify-client-secret');
    const ctx = makeTestContext();
    try {
      const profile = await ctx.profiles.create(
        {
          grantType: 'client_credentials',
          name: 'verify cc',
          identityProviderName: 'oidc-provider',
          clientId: 'verify-client',
          clientAuthMethod: 'client_secret_basic',
          tokenUrl: idp.tokenEndpoint,
          issuer: idp.issuer,
          scopes: [{ key: 'scope', value: 'api:read' }],
        },
        { clientSecret: 'verify-client-secret' },
      );
      const run = await ctx.tests.run(profile.id);
      expect(run.error).toBeUndefined();
      expect(results(run.token?.verification?.accessToken)).toMatchObject({
        signature: 'pass',
        alg: 'pass',
        iss: 'pass',
        aud: 'n/a',
        exp: 'pass',
        iat: 'pass',
      });
      expect(run.token?.verification?.idToken).toBeUndefined();
    } finally {
      await ctx.dispose();
      await idp.close();
    }
  });
});
