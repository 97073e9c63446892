/**
 * TLS failures in the user's terms: our message for a failed handshake (src-main/http/tls.ts, which names the
 * OpenSSL / Node code) matched against a table, each row naming the cause and the profile field to change
 * (RFC 8446 §6.2 alerts; RFC 6125 §6 for the host name; RFC 8705 §2 for client certificates).
 */
import { FIELD_LABELS as L } from '../../../src-shared/profile';
import type { Diagnosis } from './causes';

/** One row: `match` is tested against the TestError message; the first match wins. */
interface TlsCause extends Diagnosis {
  match: RegExp;
}

const TLS_CAUSES: TlsCause[] = [
  {
    match: /self-signed certificate|SELF_SIGNED/,
    diagnosis: "The server's certificate is self-signed, so it is not trusted (TLS).",
    hint: `If you trust this IdP, add its certificate (or its CA) to the profile's ${L.caBundle}.`,
  },
  {
    match: /not signed by a trusted CA|UNABLE_TO_(VERIFY|GET_ISSUER)/,
    diagnosis: "The server's certificate is not trusted: no trusted CA signed it (an unknown or private CA).",
    hint: `Add the IdP's CA certificate (PEM) to the profile's ${L.caBundle}.`,
  },
  {
    match: /has expired \(CERT_HAS_EXPIRED\)/,
    diagnosis: "The server's TLS certificate has expired.",
    hint: "Ask the IdP's administrator to renew the certificate; check this machine's clock too.",
  },
  {
    match: /is not valid yet \(CERT_NOT_YET_VALID\)/,
    diagnosis: "The server's TLS certificate is not valid yet.",
    hint: "Check this machine's clock (NTP); otherwise the IdP's certificate starts in the future.",
  },
  {
    match: /is for another host|ERR_TLS_CERT_ALTNAME_INVALID/,
    diagnosis: "The server's TLS certificate does not match the host name in the URL (it is for another host).",
    hint: `Use the host name the certificate names (see the error message) in the ${L.tokenUrl}, or ask for a certificate for this host.`,
  },
  {
    match: /requires a client certificate and none was sent/,
    diagnosis: 'The server requires a client certificate (mutual TLS), and the profile sends none.',
    hint: `Turn on ${L.clientCertificate} and set the client certificate and its private key.`,
  },
  {
    match: /requires a client certificate|rejected the client certificate|may not accept this client certificate/,
    diagnosis: 'The server did not accept the client certificate sent (mutual TLS).',
    hint: `Check the certificate in ${L.clientCertificate}: it must be issued by a CA the IdP trusts, unexpired, and for client authentication.`,
  },
];

/** The diagnosis of a `tls` failure from its message, or undefined when no row names the cause. */
export function tlsDiagnosis(message: string | undefined): Diagnosis | undefined {
  if (!message) return undefined;
  const row = TLS_CAUSES.find((c) => c.match.test(message));
  return row ? { diagnosis: row.diagnosis, hint: row.hint } : undefined;
}
