/**
 * A Cause (catalogue.ts) in the user's terms: a diagnosis and a hint that name the profile field to change
 * with its current value (Kore's labels, src-shared/field-labels.ts). Values of secret fields are never quoted.
 */
import { FIELD_LABELS, scopeString, type ProfileInput } from '../../../src-shared/profile';
import type { TestError } from '../../../src-shared/test-run';
import type { Cause } from './catalogue';
import { callbackChoice, registerAdvice } from '../../../src-shared/callback';

/** A diagnosis and a hint, as a TestError carries them. */
export type Diagnosis = Pick<TestError, 'diagnosis' | 'hint'>;

/** What a cause may quote: the profile (no secrets in it) and the redirect_uri the authorize request sent. */
export interface CauseFacts {
  profile?: ProfileInput;
  /** The `redirect_uri` of the authorization request (RFC 6749 §4.1.1), when there was one. */
  redirectUri?: string;
}

const L = FIELD_LABELS;

/** "Client Authentication is client_secret_basic; try client_secret_post", or a neutral sentence without a profile. */
function authMethodHint(profile: ProfileInput | undefined): string {
  const method = profile?.clientAuthMethod;
  if (!method) return `Switch ${L.clientAuthMethod} between client_secret_basic and client_secret_post.`;
  if (method !== 'client_secret_basic' && method !== 'client_secret_post')
    return `${L.clientAuthMethod} is ${method}; check that the IdP registered this client for it.`;
  const other = method === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic';
  return `${L.clientAuthMethod} is ${method}; try ${other} (the IdP may accept only one).`;
}

/** A profile value for a message, at most 120 characters. */
function short(value: string): string {
  return value.length > 120 ? `${value.slice(0, 120)}…` : value;
}

function quoted(label: string, value: string | undefined): string {
  return value ? `${label} is "${short(value)}"` : `${label} is empty`;
}

function scopeOf(profile: ProfileInput | undefined): string | undefined {
  return profile ? scopeString(profile.scopes ?? []) : undefined;
}

function grantLabel(profile: ProfileInput | undefined): string {
  return profile ? profile.grantType.replace(/_/g, ' ') : 'this';
}

/** The diagnosis and hint for `cause`; `vendor` names whose words were recognised ("Microsoft Entra ID"). */
export function describeCause(cause: Cause, vendor: string, facts: CauseFacts): Diagnosis {
  const p = facts.profile;
  const said = vendor === 'generic' ? 'The IdP' : `The IdP (${vendor})`;
  switch (cause) {
    case 'secret_wrong':
      return {
        diagnosis: `${said} says the client secret is wrong: the Client Secret does not match any active secret of this client.`,
        hint: `Paste the secret's value again (not its ID) into ${L.clientSecret}; the secret must belong to the client of the ${L.clientId}${p ? ` ("${short(p.clientId)}")` : ''}.`,
      };
    case 'secret_expired':
      return {
        diagnosis: `${said} says the client secret has expired.`,
        hint: `Create a new secret at the IdP and paste its value into ${L.clientSecret}.`,
      };
    case 'secret_missing':
      return {
        diagnosis: `${said} says the request carries no client secret or client assertion.`,
        hint:
          p?.clientAuthMethod === 'none'
            ? `${L.clientAuthMethod} is none; choose client_secret_basic or client_secret_post and set ${L.clientSecret}.`
            : `Set ${L.clientSecret}. ${authMethodHint(p)}`,
      };
    case 'client_unknown':
      return {
        diagnosis: `${said} does not know this client: no application with this Client ID is registered there.`,
        hint: `${quoted(L.clientId, p?.clientId)}; copy the client ID from the IdP's application settings, and check that the ${L.tokenUrl} is the right tenant or realm.`,
      };
    case 'tenant_unknown':
      return {
        diagnosis: `${said} does not know the tenant in the URL.`,
        hint: `Check the tenant ID or domain in the ${L.tokenUrl}${p?.tenancy?.enabled ? ` and the ${L.tenancy}` : ''}.`,
      };
    case 'grant_not_enabled':
      return {
        diagnosis: `${said} says the grant type is not enabled for this client: the ${grantLabel(p)} grant is not allowed.`,
        hint: `Enable the ${grantLabel(p)} grant for this client in the IdP's application settings, or change the ${L.grantType}.`,
      };
    case 'redirect_uri':
      return {
        diagnosis: `${said} says the redirect URI is not registered for this client (redirect_uri mismatch).`,
        hint: registerAdvice(callbackChoice(p), facts.redirectUri),
      };
    case 'auth_method':
      return {
        diagnosis: `${said} does not accept the way the client authenticated (client authentication method not allowed).`,
        hint: authMethodHint(p),
      };
    case 'scope':
      return {
        diagnosis: `${said} refused the requested scope: it is unknown or not allowed for this client.`,
        hint: `${quoted(L.scopes, scopeOf(p))}; remove or correct the values the IdP named, or allow them for this client.`,
      };
    case 'consent':
      return {
        diagnosis: `${said} says the user or an administrator has not consented to this application.`,
        hint: 'Grant consent (admin consent for the requested permissions) at the IdP, then run the Test again.',
      };
    case 'user_locked':
      return {
        diagnosis: `${said} says the user account is locked or disabled.`,
        hint: 'Unlock or enable the account at the IdP (or wait for the lock-out to end), then test again.',
      };
    case 'mfa':
      return {
        diagnosis: `${said} requires multi-factor authentication (MFA) for this user, which this grant cannot perform.`,
        hint: 'Use the authorization-code flow (a browser sign-in), or exempt this account from MFA at the IdP.',
      };
    case 'credentials':
      return p && p.grantType !== 'password'
        ? {
            diagnosis: `${said} says authentication failed: the client credentials sent were not accepted.`,
            hint: `Check the ${L.clientSecret} and the ${L.clientId} ("${short(p.clientId)}"). ${authMethodHint(p)}`,
          }
        : {
            diagnosis: `${said} says the username or password is wrong (invalid user credentials).`,
            hint: `Check the ${L.username} and ${L.password} typed for this Test.`,
          };
    case 'code_expired':
      return {
        diagnosis:
          p?.grantType === 'authorization_code' && p.pkce?.enabled
            ? `${said} refused the authorization code: it expired, was already used, was issued to another client or redirect URI, or the PKCE code_verifier does not match its code_challenge (RFC 7636 §4.6).`
            : `${said} refused the authorization code: it expired, was already used, or was issued to another client or redirect URI.`,
        hint: `Run the Test again and finish the sign-in promptly; a code is valid once and for a short time.${p?.grantType === 'authorization_code' && p.pkce?.enabled ? ` If it fails again, check the ${L.pkce} method (S256 vs plain) the IdP expects.` : ''}`,
      };
    case 'pkce':
      return {
        diagnosis: `${said} says the PKCE code_verifier does not match the code_challenge (RFC 7636 §4.6).`,
        hint: `Check the ${L.pkce} method (S256 vs plain) the IdP expects, then run the Test again.`,
      };
    case 'refresh_expired':
      return {
        diagnosis: `${said} says the refresh token has expired or was revoked.`,
        hint: 'Run the original grant again to obtain a new refresh token.',
      };
    case 'audience':
      return {
        diagnosis: `${said} does not know the requested API (audience), or this client may not call it.`,
        hint: `Check the audience in the ${L.additionalFields}, and authorise this client for that API at the IdP.`,
      };
    case 'rate_limited':
      return {
        diagnosis: `${said} is rate-limiting this client.`,
        hint: 'Wait a minute before testing again.',
      };
  }
}
