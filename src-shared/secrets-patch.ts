/**
 * What a save may do to a profile's stored secrets (docs/security.md, "Where each secret lives"): one optional,
 * nullable string per secret field, each with its size limit (characters).
 */
import { z } from 'zod';
import { LIMITS } from './profile-fields';
import type { SecretField } from './secret-fields';

const secretValue = (max: number) =>
  z.string().min(1, 'Required').max(max, `At most ${max} characters`).nullable().optional();

/**
 * A change to stored secrets: a string replaces the value, `null` deletes it, an absent key keeps it.
 * Values are write-only: nothing ever sends them back to the renderer (docs/security.md,
 * "Where each secret lives").
 */
export const secretsPatch = z
  .object({
    clientSecret: secretValue(LIMITS.clientSecret),
    username: secretValue(LIMITS.username),
    password: secretValue(LIMITS.password),
    clientPrivateKey: secretValue(LIMITS.certificate),
    clientCertificatePassphrase: secretValue(LIMITS.password),
    clientPfx: secretValue(LIMITS.certificate),
    jwtSigningKey: secretValue(LIMITS.certificate),
    // The token exchange grant's pasted tokens (RFC 8693 §2.1).
    subjectToken: secretValue(LIMITS.certificate),
    actorToken: secretValue(LIMITS.certificate),
    dpopPrivateKey: secretValue(LIMITS.certificate),
  })
  .strict();
export type SecretsPatch = z.infer<typeof secretsPatch>;

/** "set / not set" for each secret field: what the renderer may know of a stored secret. */
export type SecretPresence = Record<SecretField, boolean>;
