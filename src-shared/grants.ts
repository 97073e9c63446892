/**
 * The grant types Authbench tests and the static facts about each that main and the renderer both need:
 * one row per grant in GRANT_INFO (docs/architecture.md, "How to add a grant"). Pure data, no zod; the
 * profile schema of each grant lives in profile.ts, its flow in src-main/oauth/flows/.
 */
import type { ExchangeStep } from './exchange-steps';
import type { SecretField } from './secret-fields';

/** Kore's Authorization Mode: credentials typed at Test time (`user`) or stored (`pre_authorize`). */
export const AUTHORIZATION_MODES = ['user', 'pre_authorize'] as const;
export type AuthorizationMode = (typeof AUTHORIZATION_MODES)[number];

/**
 * The grant types a profile may have (RFC 6749 §4.1, §4.4, §4.3, RFC 8628, RFC 7523 §2.1, RFC 8693), in the order
 * the editor offers them.
 */
export const GRANT_TYPES = [
  'authorization_code',
  'client_credentials',
  'password',
  'device_code',
  'jwt_bearer',
  'token_exchange',
] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** One value typed at Test time that a grant's flow needs (GrantInfo.testInputs). */
export interface TestInputDef {
  /** The `formValues` key the flow reads, e.g. `assertion`. */
  key: string;
  /** The input's label in the Test dialog. */
  label: string;
  /** One sentence under the input. */
  help?: string;
}

/** What is known of a grant type before any profile exists. */
export interface GrantInfo {
  /** Kore's label for the grant type, as users know it (e.g. "OAuth v2 client credentials"). */
  label: string;
  /** True when a Test opens the system browser for someone to sign in (RFC 8252). */
  needsBrowser: boolean;
  /**
   * The exchange steps a Test of this grant may record, in order; `refresh` and `check` happen only with a
   * refresh token or an Authorization Check URL.
   */
  steps: readonly ExchangeStep[];
  /**
   * When, with the profile's auto-refresh consent, a refused token may be obtained again by running the grant
   * once more: `always` (no user takes part), `pre_authorize` (only in pre-authorize mode), or `never`.
   */
  regenerates: 'always' | 'pre_authorize' | 'never';
  /** The user's credentials kept in the keychain in pre-authorize mode (and typed at Test time otherwise). */
  userSecrets: readonly Extract<SecretField, 'username' | 'password'>[];
  /**
   * Keys of values typed at Test time that are secrets and are redacted from the run; IDP form fields of
   * type password are secrets too (docs/security.md, "What is a secret").
   */
  secretFormKeys: readonly string[];
  /**
   * Values the Test dialog always asks for before a Test of this grant (besides the tenant, the user's
   * credentials and IDP form fields), sent as `formValues[key]` (`authbench test --field KEY=VALUE`); a key
   * in secretFormKeys is typed as a password and redacted. Empty for the grants of RFC 6749.
   */
  testInputs: readonly TestInputDef[];
  /**
   * The token-request parameters the grant's flow sets itself (besides `grant_type`, client authentication
   * and `refresh_token`): no scope pair or additional field may send them again (RESERVED_PARAMETERS).
   */
  tokenParameters: readonly string[];
  /** True for a grant kept only for IdPs that still need it (the password grant, RFC 9700 §2.4). */
  legacy: boolean;
}

/**
 * The one sentence that explains a legacy grant: a run of one carries it among its warnings, the CLI prints it
 * once, and the app shows it once, beside Test (RFC 9700 §2.4).
 */
export const LEGACY_GRANT_WARNING =
  "The password grant is legacy (RFC 9700 §2.4): it hands the user's password to the client; prefer the authorization-code flow where the IdP allows it";

/** GRANT_INFO's shape: one GrantInfo per grant type, so a grant type without a row does not compile. */
export type GrantInfoTable = { readonly [G in GrantType]: GrantInfo };

/** The static facts of every grant type, one row each. */
export const GRANT_INFO: GrantInfoTable = {
  authorization_code: {
    label: 'OAuth v2',
    needsBrowser: true,
    // `par` only when the request is pushed (RFC 9126; src-shared/par-profile.ts).
    steps: ['par', 'authorize', 'callback', 'token', 'refresh', 'check'],
    regenerates: 'pre_authorize',
    userSecrets: [],
    // A typed `{{password}}` template value is a secret whatever the grant.
    secretFormKeys: ['password'],
    testInputs: [],
    tokenParameters: ['code', 'code_verifier', 'redirect_uri'],
    legacy: false,
  },
  client_credentials: {
    label: 'OAuth v2 client credentials',
    needsBrowser: false,
    steps: ['token', 'refresh', 'check'],
    regenerates: 'always',
    userSecrets: [],
    secretFormKeys: ['password'],
    testInputs: [],
    tokenParameters: [],
    legacy: false,
  },
  password: {
    label: 'OAuth v2 password grant',
    needsBrowser: false,
    steps: ['token', 'refresh', 'check'],
    regenerates: 'pre_authorize',
    userSecrets: ['username', 'password'],
    secretFormKeys: ['password'],
    testInputs: [],
    tokenParameters: ['username', 'password'],
    legacy: true,
  },
  device_code: {
    label: 'OAuth v2 device authorization',
    // A person approves the user code in a browser (RFC 8628 §3.3); the flow polls meanwhile.
    needsBrowser: true,
    steps: ['device_authorization', 'token', 'refresh', 'check'],
    regenerates: 'never',
    userSecrets: [],
    secretFormKeys: ['password'],
    testInputs: [],
    tokenParameters: ['device_code'],
    legacy: false,
  },
  jwt_bearer: {
    label: 'OAuth v2 JWT bearer',
    needsBrowser: false,
    steps: ['token', 'refresh', 'check'],
    regenerates: 'always',
    userSecrets: [],
    secretFormKeys: ['password'],
    testInputs: [],
    tokenParameters: ['assertion'],
    legacy: false,
  },
  token_exchange: {
    label: 'OAuth v2 token exchange',
    needsBrowser: false,
    steps: ['token', 'refresh', 'check'],
    // The subject token is another profile's held token or a pasted one: a regeneration could not read it.
    regenerates: 'never',
    userSecrets: [],
    secretFormKeys: ['password'],
    testInputs: [],
    tokenParameters: ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type'],
    legacy: false,
  },
};

/** Kore's labels for the grant types, as users know them (GRANT_INFO's labels). */
export const GRANT_TYPE_LABELS = Object.fromEntries(GRANT_TYPES.map((g) => [g, GRANT_INFO[g].label])) as Record<
  GrantType,
  string
>;

/** The `grant_type` value of the device authorization grant's token request (RFC 8628 §3.4). */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/** The fields of a profile that decide what its grant needs (a ProfileInput or a ProfileSummary has them). */
export interface GrantInputs {
  grantType: GrantType;
  authorizationMode?: AuthorizationMode;
}

/** The user's credentials `profile` keeps in the keychain: its grant's userSecrets in pre-authorize mode, else none. */
export function storedUserSecrets(profile: GrantInputs): readonly Extract<SecretField, 'username' | 'password'>[] {
  return profile.authorizationMode === 'pre_authorize' ? GRANT_INFO[profile.grantType].userSecrets : [];
}

/**
 * True when a token can be obtained again without anyone signing in: with auto-refresh consent, and the
 * grant's `regenerates` rule (Kore's "auto-refresh token regeneration").
 */
export function canRegenerate(profile: GrantInputs & { autoRefresh: boolean }): boolean {
  if (!profile.autoRefresh) return false;
  const rule = GRANT_INFO[profile.grantType].regenerates;
  return rule === 'always' || (rule === 'pre_authorize' && profile.authorizationMode === 'pre_authorize');
}

/**
 * The keys of Test-time typed values that are secrets for `profile`: its grant's secretFormKeys and the
 * keys of its IDP form fields of type password. Usernames and textbox fields stay visible in the run.
 */
export function secretFormKeys(
  profile: GrantInputs & { idpFormFields?: readonly { key: string; fieldType: string }[] },
): Set<string> {
  const keys = new Set(GRANT_INFO[profile.grantType].secretFormKeys);
  for (const f of profile.idpFormFields ?? []) if (f.fieldType === 'password') keys.add(f.key);
  return keys;
}
