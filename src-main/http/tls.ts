/**
 * Per-profile TLS: an https.Agent trusting the system CAs plus the profile's CA bundle and
 * presenting its client certificate (mTLS, PEM or PFX). Verification is never turned off. Problems are
 * explained in the user's terms: which side failed (unknown CA, expired, wrong host, client certificate
 * required or rejected, the client certificate itself unreadable).
 */
import { X509Certificate } from 'node:crypto';
import type https from 'node:https';
import type tlsModule from 'node:tls';

// node:tls and node:https (~15 ms) load on the first use, not with every CLI command (docs/architecture.md, "The CLI").
const lazyTls = (): typeof tlsModule => process.getBuiltinModule('node:tls');
const lazyHttps = (): typeof https => process.getBuiltinModule('node:https');

/** TLS options of one request (node:tls names). */
export interface TlsOptions {
  /** Extra trusted CAs (PEM), in addition to the system CAs. */
  ca?: string;
  cert?: string;
  key?: string;
  /** PKCS#12 bytes. */
  pfx?: Buffer;
  passphrase?: string;
}

/** A profile's TLS settings cannot be used (unreadable CA bundle, certificate, key or PFX, wrong passphrase). */
export class TlsConfigError extends Error {
  override readonly name = 'TlsConfigError';
}

/** The CAs Node trusts by default (its bundle, NODE_EXTRA_CA_CERTS, the OS store with --use-system-ca). */
function defaultCAs(): readonly string[] {
  const tls = lazyTls();
  const get = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  return get ? get('default') : tls.rootCertificates;
}

/**
 * The agent for an https request with `options`, or undefined when there are none (Node's defaults apply).
 * Loads the certificates up front so a bad bundle, key or passphrase is reported before anything is sent.
 * Throws TlsConfigError.
 */
export function httpsAgentFor(options: TlsOptions | undefined): https.Agent | undefined {
  if (!options || Object.keys(options).length === 0) return undefined;
  const agentOptions: https.AgentOptions = { keepAlive: false };
  if (options.ca) agentOptions.ca = [...defaultCAs(), ...caBundle(options.ca)];
  if (options.pfx) agentOptions.pfx = options.pfx;
  if (options.cert) agentOptions.cert = options.cert;
  if (options.key) agentOptions.key = options.key;
  if (options.passphrase) agentOptions.passphrase = options.passphrase;
  if ((options.cert && !options.key) || (options.key && !options.cert && !options.pfx)) {
    throw new TlsConfigError('The client certificate needs both the certificate (PEM) and its private key');
  }
  try {
    lazyTls().createSecureContext(agentOptions);
  } catch (err) {
    throw new TlsConfigError(describeLoadFailure(err, options));
  }
  return new (lazyHttps().Agent)(agentOptions);
}

/** The certificates of a PEM CA bundle, each checked. Throws TlsConfigError naming the bad one. */
function caBundle(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0)
    throw new TlsConfigError('The CA Bundle holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new TlsConfigError(`Certificate ${i + 1} of the CA Bundle cannot be read`);
    }
  });
  return blocks;
}

function describeLoadFailure(err: unknown, options: TlsOptions): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? '';
  if (options.pfx) {
    if (/mac verify failure/i.test(message))
      return options.passphrase
        ? 'The PFX client certificate could not be opened: the Certificate Passphrase is wrong'
        : 'The PFX client certificate is protected: set its Certificate Passphrase';
    return `The PFX client certificate cannot be read (${message || e.code}): check that it is a PKCS#12 file encoded as base64`;
  }
  // OpenSSL 3 reports an encrypted key opened without a passphrase as BAD_DECRYPT or, depending on the
  // decoder it tries first, as DECODER "unsupported": the key's own PEM header says which case it is.
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(options.key ?? '');
  if (encrypted && !options.passphrase && (e.code === 'ERR_OSSL_BAD_DECRYPT' || e.code === 'ERR_OSSL_UNSUPPORTED'))
    return 'The client private key is encrypted: set its Certificate Passphrase';
  switch (e.code) {
    case 'ERR_OSSL_BAD_DECRYPT':
      return options.passphrase
        ? 'The client private key could not be decrypted: the Certificate Passphrase is wrong'
        : 'The client private key is encrypted: set its Certificate Passphrase';
    case 'ERR_OSSL_X509_KEY_VALUES_MISMATCH':
      return 'The Client Private Key does not belong to the client certificate';
    case 'ERR_OSSL_PEM_NO_START_LINE':
      return 'The client certificate or its private key is not PEM text (-----BEGIN …-----)';
    default:
      return `The client certificate cannot be loaded (${e.code ?? 'error'}): ${message.split('\n')[0]}`;
  }
}

/** TLS alert numbers (RFC 8446 §6) a server sends about the client's certificate, and what they mean. */
const CLIENT_CERT_ALERTS: Record<string, string> = {
  '42': 'bad certificate',
  '43': 'unsupported certificate',
  '44': 'certificate revoked',
  '45': 'certificate expired',
  '46': 'certificate unknown',
  '48': 'unknown CA',
  '49': 'access denied',
};

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * A user-facing message for a TLS failure talking to `target`, or null when `code` is not about TLS.
 * `clientCert`: a client certificate was presented; `responded`: response headers had arrived.
 */
export function describeTlsFailure(
  code: string,
  message: string,
  target: string,
  ctx: { clientCert: boolean; responded: boolean; altNames?: string },
): string | null {
  const alert = /SSL alert number (\d+)/.exec(message)?.[1];
  if (UNTRUSTED.has(code))
    return `The certificate of ${target} is not signed by a trusted CA (${code}): add the IdP's CA to the profile's CA Bundle`;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT')
    return `${target} presented a self-signed certificate (${code}): add that certificate to the profile's CA Bundle if you trust it`;
  if (code === 'CERT_HAS_EXPIRED') return `The certificate of ${target} has expired (${code})`;
  if (code === 'CERT_NOT_YET_VALID')
    return `The certificate of ${target} is not valid yet (${code}): check this machine's clock`;
  if (code === 'CERT_REVOKED') return `The certificate of ${target} has been revoked (${code})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `The certificate of ${target} is for another host (${code})${ctx.altNames ? `: it names ${ctx.altNames}` : ''}`;
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' || alert === '116') {
    return ctx.clientCert
      ? `${target} requires a client certificate and did not receive one it accepts (TLS alert 116)`
      : `${target} requires a client certificate and none was sent: turn on Client Certificate Exchange in the profile`;
  }
  if (alert && CLIENT_CERT_ALERTS[alert] && ctx.clientCert)
    return `${target} rejected the client certificate (TLS alert ${alert}: ${CLIENT_CERT_ALERTS[alert]})`;
  if (alert === '40') {
    return ctx.clientCert
      ? `${target} ended the TLS handshake (alert 40, handshake failure): it may not accept this client certificate, or shares no protocol version or cipher with Authbench`
      : `${target} ended the TLS handshake (alert 40, handshake failure): it may require a client certificate (Client Certificate Exchange), or shares no protocol version or cipher with Authbench`;
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message))
    return `${target} does not speak TLS on this port (${code}): check http:// versus https:// and the port`;
  // TLS 1.3 checks the client certificate after the client's handshake is done: a rejection shows up as a reset.
  if (ctx.clientCert && !ctx.responded && (code === 'ECONNRESET' || code === 'EPIPE' || code === 'EPROTO')) {
    return `${target} closed the connection right after the TLS handshake without answering (${code}): it most likely rejected the client certificate (unknown issuer, expired, or not for client authentication)`;
  }
  if (/^(CERT_|UNABLE_TO_|ERR_TLS_|ERR_SSL_|ERR_OSSL_)/.test(code) || code === 'EPROTO')
    return `TLS handshake with ${target} failed (${code}): ${message.split('\n')[0]}`;
  return null;
}
