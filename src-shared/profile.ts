/**
 * The AuthProfile model (DESIGN.md §3): zod schemas, field limits and per-grant rules, used unchanged
 * by the renderer (inline validation) and main (which re-validates everything it receives).
 * This slice holds the client-credentials profile (RFC 6749 §4.4); the other grants join the union later.
 */
import { z } from 'zod';

export const LIMITS = {
  name: 100,
  identityProviderName: 255,
  description: 1000,
  clientId: 255,
  clientSecret: 255,
  url: 3000,
  scopeKey: 255,
  scopeValue: 2000,
} as const;

const FORBIDDEN_SCHEMES = new Set(['javascript:', 'file:', 'data:', 'vbscript:', 'blob:']);

/** True for a host on the loopback interface (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** An absolute http(s) URL without embedded credentials, at most 3000 characters. */
export const httpUrl = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(LIMITS.url, `At most ${LIMITS.url} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a valid URL (expected https://host/path)' });
      return;
    }
    if (FORBIDDEN_SCHEMES.has(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: `${url.protocol} URLs are not allowed` });
    } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'Only http:// and https:// URLs are allowed' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Credentials in the URL (user:password@) are not allowed' });
    }
  });

/** RFC 6749 §2.3.1 client authentication methods (names from RFC 7591 §2). */
export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

export const GRANT_TYPES = ['client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** Kore's labels for the grant types, as users know them. */
export const GRANT_TYPE_LABELS: Record<GrantType, string> = {
  client_credentials: 'OAuth v2 client credentials',
};

/** Token-request parameters the engine owns; a scope pair must not send them a second time. */
const RESERVED_PARAMETERS = new Set(['grant_type', 'client_id', 'client_secret', 'code', 'code_verifier', 'redirect_uri', 'refresh_token', 'username', 'password']);

/** Kore's "Scope" key/value pair; `scope` is the standard key (RFC 6749 §3.3). */
export const scopeEntry = z
  .object({
    key: z
      .string()
      .trim()
      .min(1, 'Required')
      .max(LIMITS.scopeKey)
      .refine((k) => !RESERVED_PARAMETERS.has(k), { message: 'This parameter is set by Authbench itself; use the field for it' }),
    value: z.string().max(LIMITS.scopeValue),
  })
  .strict();
export type ScopeEntry = z.infer<typeof scopeEntry>;

const common = {
  name: z.string().trim().min(1, 'Required').max(LIMITS.name, `At most ${LIMITS.name} characters`),
  identityProviderName: z.string().trim().min(1, 'Required').max(LIMITS.identityProviderName, `At most ${LIMITS.identityProviderName} characters`),
  description: z.string().max(LIMITS.description, `At most ${LIMITS.description} characters`).default(''),
  clientId: z.string().trim().min(1, 'Required').max(LIMITS.clientId, `At most ${LIMITS.clientId} characters`),
  clientAuthMethod: z.enum(CLIENT_AUTH_METHODS).default('client_secret_basic'),
  tokenUrl: httpUrl,
  scopes: z.array(scopeEntry).max(50).default([]),
};

/** A client-credentials profile (RFC 6749 §4.4), secrets excluded. */
export const clientCredentialsProfile = z.object({ grantType: z.literal('client_credentials'), ...common }).strict();

/** Every profile field a user edits, secrets excluded: a discriminated union on `grantType`. */
export const profileInput = z.discriminatedUnion('grantType', [clientCredentialsProfile]);
export type ProfileInput = z.infer<typeof profileInput>;

/** Secret fields a profile may hold; each lives only in the keychain under `<profileId>/<field>`. */
export const SECRET_FIELDS = ['clientSecret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * A change to stored secrets: a string replaces the value, `null` deletes it, an absent key keeps it.
 * Values are write-only: nothing ever sends them back to the renderer (SECURITY.md S3).
 */
export const secretsPatch = z
  .object({ clientSecret: z.string().min(1, 'Required').max(LIMITS.clientSecret, `At most ${LIMITS.clientSecret} characters`).nullable().optional() })
  .strict();
export type SecretsPatch = z.infer<typeof secretsPatch>;

/** "set / not set" for each secret field: what the renderer may know of a stored secret. */
export type SecretPresence = Record<SecretField, boolean>;

export type ProfileStatus = 'configured' | 'not_configured';

/** A stored profile as shown to the renderer and the CLI: fields, secret presence, derived status. */
export type ProfileView = ProfileInput & {
  id: string;
  createdAt: string;
  updatedAt: string;
  secrets: SecretPresence;
  status: ProfileStatus;
  /** Why the profile is not configured (e.g. "Client Secret is not set"); empty when configured. */
  statusReasons: string[];
};

/** One row of the Authorization Profile Summary list. */
export type ProfileSummary = Pick<ProfileView, 'id' | 'name' | 'grantType' | 'identityProviderName' | 'status'>;

/** The secrets a profile needs before it can be tested; `clientSecret` unless the client is public. */
export function requiredSecrets(profile: ProfileInput): SecretField[] {
  return profile.clientAuthMethod === 'none' ? [] : ['clientSecret'];
}

/** Status per DESIGN.md §3: Configured when every required field (validated by the schema) and secret is present. */
export function deriveStatus(profile: ProfileInput, secrets: SecretPresence): { status: ProfileStatus; reasons: string[] } {
  const reasons = requiredSecrets(profile)
    .filter((field) => !secrets[field])
    .map((field) => `${FIELD_LABELS[field]} is not set`);
  return { status: reasons.length === 0 ? 'configured' : 'not_configured', reasons };
}

/** Kore's UI labels per field, used in messages so the user finds the field. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  grantType: 'Authorization Type',
  identityProviderName: 'Identity Provider Name',
  description: 'Description',
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  clientAuthMethod: 'Client Authentication',
  tokenUrl: 'Token Request URL',
  scopes: 'Scope',
};

/** The scope string sent to the IdP: the values of `scope` keys, space-separated (RFC 6749 §3.3). */
export function scopeString(scopes: readonly ScopeEntry[]): string {
  return scopes
    .filter((s) => s.key === 'scope')
    .flatMap((s) => s.value.split(/\s+/))
    .filter(Boolean)
    .join(' ');
}

/** A warning (not an error) for plain http to a non-loopback host: secrets would cross the network in clear. */
export function insecureUrlWarning(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? 'http:// sends the client secret unencrypted; use https://' : null;
  } catch {
    return null;
  }
}
