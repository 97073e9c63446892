/**
 * The help under Authorization Mode (authorization code) and Auto-refresh token, per grant and mode: each says
 * what the runner does (docs/architecture.md, "Held tokens"; src-main/services/token-source.ts, test-runner.ts).
 */
import type { GrantInputs } from '../../../../src-shared/grants';
import { holdsToken } from '../../../../src-shared/token-source';

/** Authorization Mode of an authorization-code profile: sign in once (pre-authorize) or at every Test (user). */
export function signInModeHelp(profile: GrantInputs): string {
  return holdsToken(profile)
    ? 'You sign in once: the first Test opens the system browser and keeps the token in the OS keychain. Later ' +
        'Tests use it (calling the Authorization Check URL with it, when set), refresh it first when it expires ' +
        'within 30 s, and open the browser again only when no usable token remains: none held, its refresh token ' +
        'refused (invalid_grant), a Test for another tenant or with other {{field}} values, or a changed Client ID, Authorization URL, Token ' +
        'Request URL, Refresh Token URL, scope or additional field. Sign in again opens the browser at once.'
    : 'Each Test opens the system browser for a person to sign in, even when a token is held.';
}

/**
 * Auto-refresh token: when it applies, and what it does. The refresh before expiry belongs to pre-authorize
 * sign-in (on or off); the toggle decides what happens when a refresh is refused or impossible.
 */
export function autoRefreshHelp(profile: GrantInputs): string {
  const fallback = (grant: string) =>
    `With this on, when the refresh token is refused (invalid_grant) or none is held — on Refresh now, or after ` +
    `the Authorization Check URL answered an Auth Error Status Code — Authbench ${grant} instead of failing.`;
  if (holdsToken(profile))
    return (
      'Tests refresh the held token with its refresh token when it expires within 30 s, on or off (see ' +
      `Authorization Mode). ${fallback('opens the browser to sign in again')}`
    );
  if (profile.grantType === 'client_credentials')
    return `Each Test obtains a new token, so none is refreshed before use. ${fallback('requests a new token with the client credentials')}`;
  if (profile.grantType === 'jwt_bearer')
    return `Each Test obtains a new token, so none is refreshed before use. ${fallback('signs a new assertion and requests a new token')}`;
  if (profile.grantType === 'device_code')
    return (
      'No effect for the device code: each Test gets a new token from the person approving the code. Refresh now ' +
      'and a rejected Authorization Check URL call still refresh with the stored refresh token; a refused one ' +
      '(invalid_grant) fails and is marked unusable.'
    );
  if (profile.grantType === 'password' && profile.authorizationMode === 'pre_authorize')
    return `Each Test obtains a new token, so none is refreshed before use. ${fallback('requests a new token with the stored username and password')}`;
  return (
    'No effect in User authorize mode: each Test gets a new token from the person testing. Refresh now and a ' +
    'rejected Authorization Check URL call still refresh with the stored refresh token; a refused one ' +
    '(invalid_grant) fails and is marked unusable.'
  );
}
