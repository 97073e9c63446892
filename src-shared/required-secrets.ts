/**
 * Which secrets a profile needs before it can be tested (docs/architecture.md, "Data model"): those of its client
 * authentication (client-auth.ts), its pre-authorized user credentials, its client certificate's key or PFX, and a
 * token exchange's pasted tokens. Builds no schema (`profiles list` derives its status column from here).
 */
import type { ClientAuthInputs, ClientAuthMethod } from './client-auth';
import { storedUserSecrets, type AuthorizationMode, type GrantType } from './grants';
import type { SecretField } from './secret-fields';
import type { TokenExchangeOptions } from './token-exchange-profile';

/** The fields that decide which secrets a profile needs (a ProfileInput has them all). */
export interface StatusInputs {
  grantType: GrantType;
  clientAuthMethod: ClientAuthMethod;
  authorizationMode?: AuthorizationMode;
  clientCertificate: { enabled: boolean; format: 'pem' | 'pfx' };
  /** The token exchange grant's sources (RFC 8693): a pasted subject or actor token is a secret. */
  tokenExchange?: TokenExchangeOptions;
}

/** The secrets a profile needs before it can be tested. */
export function requiredSecrets(profile: StatusInputs): SecretField[] {
  const needed: SecretField[] = clientAuthSecrets(profile);
  needed.push(...storedUserSecrets(profile));
  if (profile.clientCertificate.enabled)
    needed.push(profile.clientCertificate.format === 'pem' ? 'clientPrivateKey' : 'clientPfx');
  needed.push(...tokenExchangeSecrets(profile.tokenExchange));
  return needed;
}

/** The secrets the client authentication (and the JWT bearer grant's assertion) of `profile` needs. */
function clientAuthSecrets(profile: ClientAuthInputs): SecretField[] {
  const m = profile.clientAuthMethod;
  const needed: SecretField[] = [];
  if (m === 'client_secret_basic' || m === 'client_secret_post' || m === 'client_secret_jwt')
    needed.push('clientSecret');
  if (m === 'private_key_jwt' || profile.grantType === 'jwt_bearer') needed.push('jwtSigningKey');
  return needed;
}

/** The secrets a token-exchange profile needs (RFC 8693 §2.1): each pasted token. */
function tokenExchangeSecrets(o: TokenExchangeOptions | undefined): ('subjectToken' | 'actorToken')[] {
  if (!o) return [];
  return [
    ...(o.subjectSource === 'pasted' ? (['subjectToken'] as const) : []),
    ...(o.actorSource === 'pasted' ? (['actorToken'] as const) : []),
  ];
}
