/**
 * The invalid_dpop_proof diagnosis (RFC 9449 §5, §7.1; src-main/oauth/diagnosis/dpop-causes.ts) from recorded
 * exchanges carrying a real proof: an algorithm the IdP's metadata does not list, a skewed clock (`Date` header),
 * an htu mismatch the IdP names, a fallback that lists what was sent; a repeated use_dpop_nonce; other errors pass.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import { diagnose } from '../../src-main/oauth/diagnose';
import { dpopDiagnosis } from '../../src-main/oauth/diagnosis/dpop-causes';
import { generateDpopKey } from '../../src-main/oauth/dpop-key';
import { createProof } from '../../src-main/oauth/dpop-proof';
import { recordDpopFacts } from '../../src-main/oauth/dpop-view';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const URL_ = 'https://as.example/token';

async function exchange(alg: 'ES256' | 'RS256', responseDate = NOW, supportedAlgs?: string[]): Promise<Exchange> {
  const { key } = await generateDpopKey(alg);
  const dpop = await createProof(key, { method: 'POST', url: URL_, now: NOW });
  const e: Exchange = {
    step: 'token',
    request: { method: 'POST', url: URL_, headers: { dpop }, body: 'grant_type=client_credentials' },
    response: {
      status: 400,
      statusText: 'Bad Request',
      headers: { date: responseDate.toUTCString(), 'content-type': 'application/json' },
      body: '{"error":"invalid_dpop_proof"}',
    },
    durationMs: 3,
  };
  if (supportedAlgs) recordDpopFacts(e, { supportedAlgs });
  return e;
}

describe('DPoP diagnosis', () => {
  it('names an algorithm the metadata does not list, and the field to change', async () => {
    const e = await exchange('RS256', NOW, ['ES256', 'EdDSA']);
    const d = diagnose(
      { code: 'oauth_error', oauthError: 'invalid_dpop_proof', status: 400 },
      { exchange: e, now: NOW },
    );
    expect(d.diagnosis).toMatch(/signed with RS256.*lists only ES256, EdDSA/);
    expect(d.hint).toContain('DPoP Signing Algorithm');
  });

  it('blames the clock when the IdP’s Date is far from the proof’s iat', async () => {
    const e = await exchange('ES256', new Date(NOW.getTime() + 10 * 60_000), ['ES256']);
    const d = dpopDiagnosis({ oauthError: 'invalid_dpop_proof', exchange: e, now: NOW })!;
    expect(d.diagnosis).toMatch(/time \(iat \d+\).*ahead of/);
    expect(d.hint).toMatch(/clock/);
  });

  it('explains an htu mismatch the IdP names (a proxy rewriting the URL)', async () => {
    const e = await exchange('ES256', NOW, ['ES256']);
    const d = dpopDiagnosis({
      oauthError: 'invalid_dpop_proof',
      description: 'DPoP proof htu mismatch',
      exchange: e,
      now: NOW,
    })!;
    expect(d.diagnosis).toContain(`htu "${URL_}"`);
    expect(d.diagnosis).toMatch(/proxy/);
  });

  it('falls back to what was sent, and diagnoses a repeated use_dpop_nonce; nothing for other errors', async () => {
    const e = await exchange('ES256');
    expect(dpopDiagnosis({ oauthError: 'invalid_dpop_proof', exchange: e, now: NOW })!.diagnosis).toMatch(
      /signed with ES256, iat \d+, htu/,
    );
    expect(dpopDiagnosis({ oauthError: 'use_dpop_nonce', exchange: e, now: NOW })!.diagnosis).toMatch(
      /sent no DPoP-Nonce header/,
    );
    const { key } = await generateDpopKey('ES256');
    const withNonce = await createProof(key, { method: 'POST', url: URL_, now: NOW, nonce: 'n-1' });
    const retried = { ...e, request: { ...e.request, headers: { dpop: withNonce } } };
    expect(dpopDiagnosis({ oauthError: 'use_dpop_nonce', exchange: retried, now: NOW })!.diagnosis).toMatch(/again/);
    expect(dpopDiagnosis({ oauthError: 'invalid_grant', exchange: e, now: NOW })).toBeUndefined();
    const noProof = { ...e, request: { ...e.request, headers: {} } };
    expect(dpopDiagnosis({ oauthError: 'invalid_dpop_proof', exchange: noProof, now: NOW })).toBeUndefined();
  });
});
