/**
 * Client authentication of a profile (RFC 6749 §2.3.1, RFC 7523 §2.2, OIDC Core §9, RFC 8705 §2) and the JWT
 * bearer grant's assertion (RFC 7523 §2.1): the methods, the signing algorithms, the zod pieces of the profile
 * and their cross-field rules (docs/architecture.md, "Data model"). Pure zod, shared by main and the renderer.
 */
import { z } from 'zod';
import { httpUrl, LIMITS } from './profile-fields';

/** Client authentication methods (names from RFC 7591 §2 and RFC 8705 §2.1.1, §2.2.1). */
export const CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
  'none',
] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** The methods that send a `client_assertion` JWT (RFC 7523 §2.2). */
export const JWT_CLIENT_AUTH_METHODS: ReadonlySet<ClientAuthMethod> = new Set(['client_secret_jwt', 'private_key_jwt']);
/** The methods that authenticate with the TLS client certificate (RFC 8705 §2). */
export const TLS_CLIENT_AUTH_METHODS: ReadonlySet<ClientAuthMethod> = new Set([
  'tls_client_auth',
  'self_signed_tls_client_auth',
]);

/** JWS algorithms for a private key (RFC 7518 §3.3–3.5, RFC 8037 §3.1). */
export const KEY_SIGNING_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
/** JWS algorithms keyed with the client secret (RFC 7518 §3.2), for client_secret_jwt. */
export const SECRET_SIGNING_ALGS = ['HS256', 'HS384', 'HS512'] as const;
export type SigningAlg = (typeof KEY_SIGNING_ALGS)[number] | (typeof SECRET_SIGNING_ALGS)[number];

/** What a client assertion's `aud` is (RFC 7523 §3 item 3): the token endpoint URL called, the Issuer, or a URL typed. */
export const ASSERTION_AUDIENCES = ['token_endpoint', 'issuer', 'custom'] as const;
export type AssertionAudience = (typeof ASSERTION_AUDIENCES)[number];

/** The `client_assertion_type` of RFC 7523 §2.2. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The `grant_type` of the JWT bearer grant (RFC 7523 §2.1). */
export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A chosen alg, or `''`: the key's own (RS256 for RSA, ES256 for P-256, EdDSA for Ed25519; HS256 for a secret). */
const alg = z.union([z.literal(''), z.enum([...KEY_SIGNING_ALGS, ...SECRET_SIGNING_ALGS])]).default('');
const kid = z.string().trim().max(LIMITS.key, `At most ${LIMITS.key} characters`).default('');
const customAudience = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  httpUrl.optional(),
);

/**
 * The client assertion of private_key_jwt / client_secret_jwt (read only for those methods): `alg` (empty: from
 * the key, or HS256), `kid` (empty: the JWK's own), and the `aud` choice with its URL when `custom`.
 */
export const clientAssertionOptions = z
  .object({
    alg,
    kid,
    audience: z.enum(ASSERTION_AUDIENCES).default('token_endpoint'),
    audienceUrl: customAudience,
  })
  .strict()
  .default({ alg: '', kid: '', audience: 'token_endpoint' });
export type ClientAssertionOptions = z.output<typeof clientAssertionOptions>;

const claimName = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(LIMITS.key, `At most ${LIMITS.key} characters`)
  .refine((k) => !['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'nbf'].includes(k), 'Set by Authbench; use its own field');

/**
 * The JWT bearer grant's assertion (RFC 7523 §2.1, §3): `iss` and `sub` (default the Client ID), `aud` (default
 * the Token Request URL), extra claims as key/value rows (a value that parses as JSON is sent as that JSON), `alg`
 * and `kid`; signed with the JWT Signing Key.
 */
export const jwtBearerOptions = z
  .object({
    issuer: z.string().trim().max(LIMITS.value).default(''),
    subject: z.string().trim().max(LIMITS.value).default(''),
    audience: customAudience,
    claims: z
      .array(z.object({ key: claimName, value: z.string().max(LIMITS.value) }).strict())
      .max(LIMITS.rows, `At most ${LIMITS.rows} rows`)
      .default([]),
    alg: z.union([z.literal(''), z.enum(KEY_SIGNING_ALGS)]).default(''),
    kid,
  })
  .strict()
  .default({ issuer: '', subject: '', claims: [], alg: '', kid: '' });
export type JwtBearerOptions = z.output<typeof jwtBearerOptions>;

/** The fields of a profile the client-authentication rules read. */
export interface ClientAuthInputs {
  grantType: string;
  clientAuthMethod: ClientAuthMethod;
  clientAssertion?: ClientAssertionOptions;
  issuer?: string;
  clientCertificate: { enabled: boolean };
}

/** One cross-field problem: the path of the field and the message shown there. */
export interface ClientAuthIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The cross-field problems of `profile`'s client authentication: a TLS method without Client Certificate
 * Exchange (RFC 8705 §2), an alg that does not fit the method, an Issuer audience without an Issuer, a custom
 * audience without its URL.
 */
export function clientAuthIssues(profile: ClientAuthInputs): ClientAuthIssue[] {
  const issues: ClientAuthIssue[] = [];
  const m = profile.clientAuthMethod;
  if (TLS_CLIENT_AUTH_METHODS.has(m) && !profile.clientCertificate.enabled)
    issues.push({ path: ['clientAuthMethod'], message: `${m} needs Client Certificate Exchange on (RFC 8705 §2)` });
  const a = profile.clientAssertion;
  if (!JWT_CLIENT_AUTH_METHODS.has(m) || !a) return issues;
  const hmac = (SECRET_SIGNING_ALGS as readonly string[]).includes(a.alg);
  if (a.alg && m === 'client_secret_jwt' && !hmac)
    issues.push({ path: ['clientAssertion', 'alg'], message: 'client_secret_jwt signs with HS256, HS384 or HS512' });
  if (a.alg && m === 'private_key_jwt' && hmac)
    issues.push({
      path: ['clientAssertion', 'alg'],
      message: 'private_key_jwt signs with a private key (RS, PS, ES or EdDSA)',
    });
  if (a.audience === 'issuer' && !profile.issuer)
    issues.push({ path: ['clientAssertion', 'audience'], message: 'Set the Issuer, or choose the Token Request URL' });
  if (a.audience === 'custom' && !a.audienceUrl)
    issues.push({
      path: ['clientAssertion', 'audienceUrl'],
      message: 'Required when the audience is a URL of your own',
    });
  return issues;
}
