/**
 * The CLI's text output of a run shows each exchange's JWTs decoded (docs/architecture.md, "The CLI"): the client
 * or JWT bearer assertion (RFC 7523) and the DPoP proof (RFC 9449 §4.2), one line each, never a signature. The
 * JWTs are signed by the engine's own signers and decoded by its own views.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRun } from '../../src-main/cli/format-run';
import { decodeAssertions } from '../../src-main/oauth/assertion-view';
import { signAssertion } from '../../src-main/oauth/client-assertion';
import { generateDpopKey } from '../../src-main/oauth/dpop-key';
import { createProof } from '../../src-main/oauth/dpop-proof';
import { decodeProof } from '../../src-main/oauth/dpop-view';
import type { TestRun } from '../../src-shared/test-run';

const TOKEN_URL = 'https://idp.example.test/oauth2/token';
const now = new Date('2026-12-02T10:00:00Z');

async function runWithJwts(): Promise<{ run: TestRun; assertion: string; proof: string }> {
  const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const assertion = await signAssertion({
    iss: 'cli-client',
    sub: 'cli-client',
    aud: TOKEN_URL,
    key: { privateKey },
    kid: 'key-1',
    now,
    keyLabel: 'JWT Signing Key',
  });
  const { key } = await generateDpopKey('ES256');
  const proof = await createProof(key, { method: 'POST', url: `${TOKEN_URL}?x=1`, now, nonce: 'n-1' });
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion.jwt,
  }).toString();
  const request = { method: 'POST', url: TOKEN_URL, headers: { dpop: proof }, body };
  const run = {
    ok: true,
    profile: 'dpop machine',
    grantType: 'client_credentials',
    durationMs: 12,
    exchanges: [
      {
        step: 'token',
        request: {
          ...request,
          assertions: decodeAssertions(request),
          dpopProof: { ...decodeProof(request.headers)!, nonceChallenge: true },
        },
        response: { status: 200, statusText: 'OK', headers: {}, body: null },
        durationMs: 12,
      },
    ],
  } as unknown as TestRun;
  return { run, assertion: assertion.jwt, proof };
}

describe('formatRun (CLI): the JWTs of an exchange', () => {
  it('shows the client assertion and the DPoP proof decoded, one line each, without a signature', async () => {
    const { run, assertion, proof } = await runWithJwts();
    const out = formatRun(run, { color: false });
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.includes('[token]'));
    expect(lines[at + 1]).toMatch(
      new RegExp(`^ +client_assertion alg=ES256 kid=key-1 iss=cli-client sub=cli-client aud=${TOKEN_URL} exp=\\d+$`),
    );
    expect(lines[at + 2]).toMatch(
      new RegExp(
        `^ +DPoP proof alg=ES256 htm=POST htu=${TOKEN_URL} nonce=n-1 jkt=[\\w-]{43} \\(answered use_dpop_nonce: retried with the nonce\\)$`,
      ),
    );
    for (const jwt of [assertion, proof]) {
      expect(out).not.toContain(jwt.split('.')[2]);
      expect(out).not.toContain(jwt);
    }
  });

  it('strips terminal escapes from a claim the IdP or the profile controls', async () => {
    const { run } = await runWithJwts();
    run.exchanges[0]!.request.assertions![0]!.claims.iss = 'evil\u001b]52;c;ZXZpbA==\u0007';
    const out = formatRun(run, { color: false });
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out).toContain('iss=evil');
  });

  it('adds nothing to an exchange without JWTs', async () => {
    const { run } = await runWithJwts();
    const request = run.exchanges[0]!.request;
    delete request.assertions;
    delete request.dpopProof;
    const lines = formatRun(run, { color: false }).trim().split('\n');
    expect(lines).toHaveLength(2);
  });
});
