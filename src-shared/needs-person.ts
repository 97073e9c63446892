/**
 * Which Tests need a person (docs/architecture.md, "Test all"): the Test dialog's rule (what it asks for before a
 * run) and the batch's (what it skips), in one place so the renderer and main agree. Pure.
 */
import { askedFields, type FieldSource } from './dynamic-fields';
import { GRANT_INFO, type GrantType } from './grants';

/** The profile fields the rule reads (a ProfileInput or a ProfileView has them). */
export type PersonSource = FieldSource & { grantType: GrantType };

/** True when the grant takes a user's credentials and they are asked at Test time (not pre-authorized). */
export function asksForCredentials(profile: PersonSource): boolean {
  return profile.authorizationMode === 'user' && GRANT_INFO[profile.grantType].userSecrets.length > 0;
}

/**
 * True when the Test dialog sends `formValues`: it asks for the user's credentials, a typed `{{field}}` or the
 * grant's own Test inputs.
 */
export function asksForValues(profile: PersonSource): boolean {
  return (
    asksForCredentials(profile) ||
    askedFields(profile).length > 0 ||
    GRANT_INFO[profile.grantType].testInputs.length > 0
  );
}

/** True when a Test of `profile` needs the Test dialog first (a tenant with Tenancy on, or values to type). */
export function needsTestInput(profile: PersonSource): boolean {
  return profile.tenancy.enabled || asksForValues(profile);
}

/**
 * Why a Test of `profile` cannot run without a person, as one sentence without a full stop, or null when it can:
 * a browser sign-in (authorization code in user-authorize mode, RFC 6749 §4.1), the resource owner's credentials
 * typed at Test time (RFC 6749 §4.3), a tenant (Tenancy on), typed `{{field}}`s or the grant's own Test inputs.
 * A pre-authorize authorization-code profile is not judged here: whether it holds a usable token is main's to say.
 */
export function personNeeded(profile: PersonSource): string | null {
  if (profile.grantType === 'authorization_code' && profile.authorizationMode !== 'pre_authorize')
    return 'Needs a browser sign-in (Authorization Mode: user authorize)';
  // RFC 8628 §3.3: a person enters the user code in a browser on every Test.
  if (GRANT_INFO[profile.grantType].needsBrowser && profile.authorizationMode === undefined)
    return 'Needs a person to approve the user code in a browser';
  if (asksForCredentials(profile)) return "Asks for the resource owner's username and password at Test time";
  if (profile.tenancy.enabled) return 'Asks for a tenant at Test time (Tenancy is on)';
  const fields = askedFields(profile).map((f) => `{{${f.key}}}`);
  if (fields.length > 0) return `Asks for ${fields.join(', ')} at Test time`;
  const inputs = GRANT_INFO[profile.grantType].testInputs.map((i) => i.label);
  if (inputs.length > 0) return `Asks for ${inputs.join(', ')} at Test time`;
  return null;
}
