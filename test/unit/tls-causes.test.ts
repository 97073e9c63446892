/**
 * The TLS rows of the diagnosis (src-main/oauth/diagnosis/tls-causes.ts) against the messages src-main/http/tls.ts
 * writes; the real handshakes behind them are in test/integration/tls.test.ts and diagnosis-corpus-flows.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src-main/oauth/diagnose';
import { tlsDiagnosis } from '../../src-main/oauth/diagnosis/tls-causes';

const T = 'https://idp.example:8443';

describe('tlsDiagnosis', () => {
  it.each([
    [
      `The certificate of ${T} is not signed by a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE): add the IdP's CA to the profile's CA Bundle`,
      /not trusted: no trusted CA signed it/,
      /CA Bundle/,
    ],
    [
      `${T} presented a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT): add that certificate to the profile's CA Bundle if you trust it`,
      /self-signed/,
      /CA Bundle/,
    ],
    [`The certificate of ${T} has expired (CERT_HAS_EXPIRED)`, /has expired/, /renew/],
    [
      `The certificate of ${T} is not valid yet (CERT_NOT_YET_VALID): check this machine's clock`,
      /not valid yet/,
      /clock/,
    ],
    [
      `The certificate of ${T} is for another host (ERR_TLS_CERT_ALTNAME_INVALID): it names DNS:other.example`,
      /does not match the host name/,
      /Token Request URL/,
    ],
    [
      `${T} requires a client certificate and none was sent: turn on Client Certificate Exchange in the profile`,
      /requires a client certificate \(mutual TLS\), and the profile sends none/,
      /Turn on Client Certificate Exchange/,
    ],
    [
      `${T} rejected the client certificate (TLS alert 48: unknown CA)`,
      /did not accept the client certificate/,
      /issued by a CA the IdP trusts/,
    ],
  ])('%s', (message, diagnosis, hint) => {
    const d = tlsDiagnosis(message)!;
    expect(d.diagnosis).toMatch(diagnosis);
    expect(d.hint).toMatch(hint);
    expect(diagnose({ code: 'tls', message })).toEqual(d);
  });

  it('keeps the general TLS diagnosis for a message no row names', () => {
    expect(tlsDiagnosis(`TLS handshake with ${T} failed (EPROTO): bad record`)).toBeUndefined();
    expect(tlsDiagnosis(undefined)).toBeUndefined();
    expect(diagnose({ code: 'tls', message: 'odd' }).diagnosis).toMatch(/^The TLS handshake failed/);
  });
});
