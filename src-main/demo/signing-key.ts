/** The demo IdP's signing key (RFC 7517 JWK): split from demo-idp.ts to keep that file small. */
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

/** A fresh RS256 signing key per start (oidc-provider's built-in dev keys are public and warn), as a private JWK. */
export async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}
