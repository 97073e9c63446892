/** The secret fields of a profile (docs/security.md, "What is a secret"): the keychain holds them, never SQLite. */
/** Secret fields a profile may hold; each lives only in the keychain under `<profileId>/<field>`. */
export const SECRET_FIELDS = [
  'clientSecret',
  'username',
  'password',
  'clientPrivateKey',
  'clientCertificatePassphrase',
  /** A PFX / PKCS#12 client certificate (it holds the private key) as base64. */
  'clientPfx',
  /** The private key (PEM or JWK) that signs private_key_jwt and JWT bearer assertions (RFC 7523). */
  'jwtSigningKey',
  /** A pasted subject token and actor token of the token exchange grant (RFC 8693 §2.1). */
  'subjectToken',
  'actorToken',
] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
