/**
 * The AuthProfile model (docs/architecture.md, "Data model"): a discriminated union on `grantType` with
 * Kore's fields, the per-grant rules, secrets (keychain-only) and the derived status. Used unchanged by the
 * renderer (inline validation) and main (which re-validates everything it receives).
 */
import { z } from 'zod';
import {
  additionalField,
  authorizationField,
  clientCertificate,
  httpUrl,
  idpFormField,
  LIMITS,
  optionalUrl,
  requestHeader,
  rows,
  scopeEntry,
  TENANT_PLACEHOLDER,
  tokenRequestOptions,
} from './profile-fields';
import type { SecretField } from './secret-fields';
import { callbackHost, callbackPath, responseMode } from './callback';
import { deviceCodeSchema } from './device-code-profile';
import { tokenExchangeIssues, tokenExchangeSchema } from './token-exchange-profile';
import { dpopField } from './dpop-profile';
import { FIELD_LABEL_TABLE } from './field-labels';
import type { LastTest } from './last-test';
import type { ProfileStatus } from './profile-status';
import type { SecretPresence } from './secrets-patch';
import type { TokenExpiry } from './token-expiry';
import { TOKEN_TOOL_URL_FIELDS, tokenToolFields } from './token-tools';
import { parIssues, parProfileFields } from './par-profile';
import { AUTHORIZATION_MODES, type GrantType } from './grants';

export * from './profile-fields';
export { callbackUrl } from './callback';
export { SECRET_FIELDS, type SecretField } from './secret-fields';
export type { LastTest } from './last-test';

import { CLIENT_AUTH_METHODS, clientAssertionOptions, clientAuthIssues, jwtBearerOptions } from './client-auth';
export { CLIENT_AUTH_METHODS, type ClientAuthMethod } from './client-auth';
export { requiredSecrets, type StatusInputs } from './required-secrets';

export {
  AUTHORIZATION_MODES,
  GRANT_TYPES,
  GRANT_TYPE_LABELS,
  canRegenerate,
  type AuthorizationMode,
  type GrantType,
} from './grants';

/** C0 and C1 control characters (NUL, terminal escapes): a one-line field takes none, a description tab and newlines. */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /(?![\t\n\r])\p{Cc}/u;
const NO_CONTROL = 'No control characters (such as NUL or terminal escapes)';

const required = (label: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(label, `At most ${label} characters`)
    .refine((v) => !CONTROL.test(v), NO_CONTROL);

/** A profile's Name: 1–100 characters, unique, immutable after create. */
export const profileName = required(LIMITS.name);

const common = {
  name: profileName,
  identityProviderName: required(LIMITS.identityProviderName),
  description: z
    .string()
    .max(LIMITS.description, `At most ${LIMITS.description} characters`)
    .refine((v) => !CONTROL_BUT_LINES.test(v), NO_CONTROL)
    .default(''),
  clientId: required(LIMITS.clientId),
  clientAuthMethod: z.enum(CLIENT_AUTH_METHODS).default('client_secret_basic'),
  clientAssertion: clientAssertionOptions,
  tokenUrl: httpUrl,
  /** Defaults to `tokenUrl` when absent. */
  refreshTokenUrl: optionalUrl,
  /**
   * The IdP's issuer identifier (RFC 8414 §2): a Test reads its metadata first and warns of mismatches; the
   * authorization code also expects it as the callback's `iss` (RFC 9207; the Authorization URL's origin when absent).
   */
  issuer: optionalUrl,
  scopes: rows(scopeEntry),
  tenancy: z
    .object({ enabled: z.boolean().default(false) })
    .strict()
    .default({ enabled: false }),
  authorizationFields: rows(authorizationField),
  requestHeaders: rows(requestHeader),
  applyHeadersToRefresh: z.boolean().default(false),
  tokenRequest: tokenRequestOptions,
  /** An API called with the new token to prove it works (Kore's "Authorization Check URL"). */
  checkUrl: optionalUrl,
  /** Introspection, Revocation and UserInfo URLs (src-shared/token-tools.ts). */
  ...tokenToolFields,
  /** Check-URL statuses meaning "token rejected": one refresh and one retry follow. */
  authErrorStatusCodes: z.array(z.number().int().min(100).max(599)).max(20).default([401]),
  autoRefresh: z.boolean().default(false),
  clientCertificate,
  /** Extra trusted CAs (PEM) for this profile's calls; never a global "ignore TLS errors". */
  caBundle: z.string().max(LIMITS.caBundle, 'The CA bundle is too large').default(''),
  /** An http(s) proxy for this profile's calls; HTTPS_PROXY / NO_PROXY apply otherwise. */
  proxyUrl: optionalUrl,
  /** Kore's "IDP Form Fields": how a typed `{{key}}` is asked for (src-shared/dynamic-fields.ts); password-grant parameters. */
  idpFormFields: rows(idpFormField),
  /** DPoP, sender-constrained tokens (RFC 9449; src-shared/dpop-profile.ts). */
  ...dpopField,
};

/** Kore's "OAuth v2": the authorization-code grant (RFC 6749 §4.1) with PKCE (RFC 7636) via the system browser. */
export const authorizationCodeProfile = z
  .object({
    grantType: z.literal('authorization_code'),
    ...common,
    authorizationUrl: httpUrl,
    /** A fixed loopback port for IdPs that need an exact redirect URI; absent = OS-chosen (RFC 8252 §7.3). */
    callbackPort: z
      .number()
      .int()
      .min(1024, 'Use a port from 1024 to 65535')
      .max(65535, 'Use a port from 1024 to 65535')
      .optional(),
    /** The redirect URI's host, path and response mode (src-shared/callback.ts). */
    callbackHost,
    callbackPath,
    responseMode,
    additionalFields: rows(additionalField),
    authorizationMode: z.enum(AUTHORIZATION_MODES).default('user'),
    pkce: z
      .object({ enabled: z.boolean().default(true), method: z.enum(['S256', 'plain']).default('S256') })
      .strict()
      .default({ enabled: true, method: 'S256' }),
    /** Pushed authorization requests (RFC 9126): src-shared/par-profile.ts. */
    ...parProfileFields,
  })
  .strict();

/** A client-credentials profile (RFC 6749 §4.4). */
export const clientCredentialsProfile = z.object({ grantType: z.literal('client_credentials'), ...common }).strict();

/** A password-grant profile (RFC 6749 §4.3): legacy, for IdPs that still need it (RFC 9700 §2.4). */
export const passwordProfile = z
  .object({
    grantType: z.literal('password'),
    ...common,
    additionalFields: rows(additionalField),
    authorizationMode: z.enum(AUTHORIZATION_MODES).default('user'),
  })
  .strict();

/** A device-authorization profile (RFC 8628): src-shared/device-code-profile.ts. */
export const deviceCodeProfile = deviceCodeSchema(common);

/** The JWT bearer grant (RFC 7523 §2.1) for service accounts: an assertion built and signed from the profile. */
export const jwtBearerProfile = z
  .object({ grantType: z.literal('jwt_bearer'), ...common, jwtBearer: jwtBearerOptions })
  .strict();

/** The token exchange grant (RFC 8693): src-shared/token-exchange-profile.ts. */
export const tokenExchangeProfile = tokenExchangeSchema(common);

/** Each grant's object schema by grant type (a grant type without one does not compile): its `shape` has its fields. */
export const GRANT_SCHEMAS = {
  authorization_code: authorizationCodeProfile,
  client_credentials: clientCredentialsProfile,
  password: passwordProfile,
  device_code: deviceCodeProfile,
  jwt_bearer: jwtBearerProfile,
  token_exchange: tokenExchangeProfile,
} satisfies Record<GrantType, { shape: object }>;

const URL_FIELDS = ['authorizationUrl', 'deviceAuthorizationUrl', 'tokenUrl', 'refreshTokenUrl', 'checkUrl', 'issuer'];
const PAR_URL_FIELDS = ['pushedAuthorizationRequestUrl'];

/** Every profile field a user edits, secrets excluded: a discriminated union on `grantType`, with cross-field rules. */
export const profileInput = z
  .discriminatedUnion('grantType', [
    authorizationCodeProfile,
    clientCredentialsProfile,
    passwordProfile,
    deviceCodeProfile,
    jwtBearerProfile,
    tokenExchangeProfile,
  ])
  .superRefine((p, ctx) => {
    for (const issue of clientAuthIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
    for (const issue of parIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
    const record = p as Record<string, unknown>;
    for (const field of [...URL_FIELDS, ...TOKEN_TOOL_URL_FIELDS, ...PAR_URL_FIELDS]) {
      const value = record[field];
      if (typeof value === 'string' && value.includes(TENANT_PLACEHOLDER) && !p.tenancy.enabled) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Uses {tenant}, but Tenancy is off' });
      }
    }
    if (p.grantType === 'token_exchange')
      for (const issue of tokenExchangeIssues(p.name, p.tokenExchange)) ctx.addIssue({ code: 'custom', ...issue });
    const cert = p.clientCertificate;
    if (cert.enabled && cert.format === 'pem' && cert.certificate.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['clientCertificate', 'certificate'],
        message: 'Required when Client Certificate Exchange is on',
      });
    }
    const seen = new Set<string>();
    p.idpFormFields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['idpFormFields', i, 'key'], message: 'Field keys must be unique' });
      seen.add(f.key);
    });
    if (p.authorizationFields.some((f) => f.type === 'path') && p.checkUrl) {
      p.authorizationFields.forEach((f, i) => {
        if (f.type === 'path' && !p.checkUrl!.includes(`{${f.key}}`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['authorizationFields', i, 'key'],
            message: `The Authorization Check URL has no {${f.key}} to replace`,
          });
        }
      });
    }
  });
export type ProfileInput = z.output<typeof profileInput>;
export type AuthorizationCodeProfile = Extract<ProfileInput, { grantType: 'authorization_code' }>;
export type ClientCredentialsProfile = Extract<ProfileInput, { grantType: 'client_credentials' }>;
export type PasswordProfile = Extract<ProfileInput, { grantType: 'password' }>;
/** The profile shape of grant type `G` (one member of the profileInput union). */
export type GrantProfile<G extends GrantType> = Extract<ProfileInput, { grantType: G }>;

type SameGrants<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every top-level field of any grant's profile, every secret field, and the CA bundle (a nested field). */
export type LabelledField = KeysOfUnion<ProfileInput> | SecretField | 'caBundle';

/**
 * Kore's UI label of each field (src-shared/field-labels.ts), looked up by any field name; a field without a
 * label there is a compile error here.
 */
export const FIELD_LABELS: Readonly<Record<LabelledField, string>> & Readonly<Record<string, string>> =
  FIELD_LABEL_TABLE;

/** Compile-time check, `true`: profileInput has one member per GRANT_TYPES entry, no more, no fewer. */
export type EveryGrantHasASchema = AssertTrue<SameGrants<ProfileInput['grantType'], GrantType>>;

export { secretsPatch, type SecretPresence, type SecretsPatch } from './secrets-patch';

export { deriveStatus, type ProfileStatus } from './profile-status';

/** A stored profile as shown to the renderer and the CLI: fields, secret presence, derived status. */
export type ProfileView = ProfileInput & {
  id: string;
  createdAt: string;
  updatedAt: string;
  secrets: SecretPresence;
  status: ProfileStatus;
  /** Why the profile is not configured (e.g. "Client Secret is not set"); empty when configured. */
  statusReasons: string[];
  /** The newest stored Test run's outcome; absent when the profile was never tested. */
  lastTest?: LastTest;
  /** The held token's expiry facts (src-shared/token-expiry.ts); absent when no token is held. */
  tokenExpiry?: TokenExpiry;
};

/** One row of the Authorization Profile Summary list. */
export type ProfileSummary = Pick<
  ProfileView,
  'id' | 'name' | 'grantType' | 'identityProviderName' | 'status' | 'statusReasons' | 'lastTest' | 'tokenExpiry'
>;
