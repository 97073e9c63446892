/**
 * The token exchange grant's profile fields (RFC 8693; docs/architecture.md, "Token exchange"): where the subject
 * token (and the optional actor token) comes from, their token types (§3), the requested token type, and the
 * audiences and resources (§2.1). profile.ts lists the schema in the profileInput union; it lives here to keep
 * profile.ts small.
 */
import { z } from 'zod';
import { LIMITS } from './profile-fields';

/** The `grant_type` of a token exchange request (RFC 8693 §2.1). */
export const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** The token type identifiers of RFC 8693 §3, by short name (the value stored in a profile). */
export const TOKEN_TYPE_URIS = {
  access_token: 'urn:ietf:params:oauth:token-type:access_token',
  refresh_token: 'urn:ietf:params:oauth:token-type:refresh_token',
  id_token: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  saml2: 'urn:ietf:params:oauth:token-type:saml2',
  saml1: 'urn:ietf:params:oauth:token-type:saml1',
} as const;
/** A short token type name (RFC 8693 §3): a key of TOKEN_TYPE_URIS. */
export type ExchangeTokenType = keyof typeof TOKEN_TYPE_URIS;
/** The short token type names in the order the editor offers them. */
export const EXCHANGE_TOKEN_TYPES = Object.keys(TOKEN_TYPE_URIS) as [ExchangeTokenType, ...ExchangeTokenType[]];

/** Which of another profile's held tokens is sent: its access token, refresh token or ID token. */
export const HELD_TOKEN_KINDS = ['access_token', 'refresh_token', 'id_token'] as const;
export type HeldTokenKind = (typeof HELD_TOKEN_KINDS)[number];

/** Where a subject or actor token comes from: another profile's held token, or a token pasted into the keychain. */
export const TOKEN_SOURCES = ['profile', 'pasted'] as const;
export type TokenSourceKind = (typeof TOKEN_SOURCES)[number];

/** An absolute URI (RFC 8693 §2.1 `resource`: RFC 3986 §4.3, no fragment). */
const absoluteUri = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(LIMITS.url, `At most ${LIMITS.url} characters`)
  .refine(
    (v) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s#]+$/.test(v),
    'Must be an absolute URI without a fragment (RFC 8693 §2.1)',
  );
const audience = z.string().trim().min(1, 'Required').max(LIMITS.value, `At most ${LIMITS.value} characters`);
const otherProfile = z.string().trim().max(LIMITS.name, `At most ${LIMITS.name} characters`).default('');
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(LIMITS.rows, `At most ${LIMITS.rows} rows`).default([]);

/**
 * The `tokenExchange` field: the subject token's source (`profile`: the held token of the profile named
 * `subjectProfile`, of kind `subjectTokenKind`; `pasted`: the `subjectToken` secret) and `subjectTokenType`; the
 * actor token likewise (`actorSource` `none` by default); `requestedTokenType` ('' = not sent); `audiences` and
 * `resources` (each sent as its own parameter, §2.1); `allowOtherHost`: another profile's token may go to a host
 * that profile does not use.
 */
export const tokenExchangeOptions = z
  .object({
    subjectSource: z.enum(TOKEN_SOURCES).default('profile'),
    subjectProfile: otherProfile,
    subjectTokenKind: z.enum(HELD_TOKEN_KINDS).default('access_token'),
    subjectTokenType: z.enum(EXCHANGE_TOKEN_TYPES).default('access_token'),
    actorSource: z.enum(['none', ...TOKEN_SOURCES]).default('none'),
    actorProfile: otherProfile,
    actorTokenKind: z.enum(HELD_TOKEN_KINDS).default('access_token'),
    actorTokenType: z.enum(EXCHANGE_TOKEN_TYPES).default('access_token'),
    requestedTokenType: z.union([z.literal(''), z.enum(EXCHANGE_TOKEN_TYPES)]).default(''),
    audiences: list(audience),
    resources: list(absoluteUri),
    /**
     * Another profile's held token goes only to a Token Request URL at one of that profile's own origins
     * (docs/security.md, "Where each secret lives") unless this is on.
     */
    allowOtherHost: z.boolean().default(false),
  })
  .strict()
  .default({
    subjectSource: 'profile',
    subjectProfile: '',
    subjectTokenKind: 'access_token',
    subjectTokenType: 'access_token',
    actorSource: 'none',
    actorProfile: '',
    actorTokenKind: 'access_token',
    actorTokenType: 'access_token',
    requestedTokenType: '',
    audiences: [],
    resources: [],
    allowOtherHost: false,
  });
export type TokenExchangeOptions = z.output<typeof tokenExchangeOptions>;

/** The token-exchange profile schema over `common` (profile.ts's shared fields): `grantType` and `tokenExchange`. */
export function tokenExchangeSchema<T extends z.ZodRawShape>(common: T) {
  return z.object({ grantType: z.literal('token_exchange'), ...common, tokenExchange: tokenExchangeOptions }).strict();
}

/**
 * The cross-field problems of a token-exchange profile named `name`: a `profile` source needs the other profile's
 * name, and not this profile's own. Whether that profile exists is checked by the editor and at Test time.
 */
export function tokenExchangeIssues(name: string, o: TokenExchangeOptions): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const check = (source: string, profile: string, field: 'subjectProfile' | 'actorProfile') => {
    if (source !== 'profile') return;
    if (profile === '')
      issues.push({ path: ['tokenExchange', field], message: 'Choose the profile whose token is sent' });
    else if (profile === name.trim())
      issues.push({ path: ['tokenExchange', field], message: 'Choose another profile than this one' });
  };
  check(o.subjectSource, o.subjectProfile, 'subjectProfile');
  check(o.actorSource, o.actorProfile, 'actorProfile');
  return issues;
}

/** The token type a held token of `kind` is preset to (RFC 8693 §3): the kind's own type. */
export function presetTokenType(kind: HeldTokenKind): ExchangeTokenType {
  return kind;
}
