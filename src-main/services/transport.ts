/** The connection options of a profile's requests: CA bundle, client certificate (mTLS) and proxy. */
import type { ProfileInput } from '../../src-shared/profile';
import type { HttpRequest } from '../http/recording-client';
import type { FlowSecrets } from '../oauth/flow';

/**
 * What every request of `profile` carries: its CA bundle (trusted besides the system CAs), its client
 * certificate — PEM with the private key from the keychain, or the base64 PFX from the keychain — with the
 * passphrase from the keychain, and its proxy. Certificates are checked when a request is sent (http/tls.ts).
 */
export function transportFor(profile: ProfileInput, secrets: FlowSecrets): Pick<HttpRequest, 'tls' | 'proxyUrl'> {
  const tls: NonNullable<HttpRequest['tls']> = {};
  if (profile.caBundle.trim()) tls.ca = profile.caBundle;
  const cert = profile.clientCertificate;
  if (cert.enabled) {
    if (cert.format === 'pfx') {
      if (secrets.clientPfx) tls.pfx = Buffer.from(secrets.clientPfx.replace(/\s+/g, ''), 'base64');
    } else {
      tls.cert = cert.certificate;
      if (secrets.clientPrivateKey) tls.key = secrets.clientPrivateKey;
    }
    if (secrets.clientCertificatePassphrase) tls.passphrase = secrets.clientCertificatePassphrase;
  }
  return { ...(Object.keys(tls).length ? { tls } : {}), ...(profile.proxyUrl ? { proxyUrl: profile.proxyUrl } : {}) };
}
