/**
 * Pushed authorization requests (RFC 9126) in the user's terms: the PAR endpoint's refusals (§2.3: `invalid_request`,
 * `invalid_client`, `unauthorized_client`, a redirect URI it does not accept, HTTP 405 / 413 / 429), an IdP that
 * requires PAR while the profile says Never (§5; the variant "Always" when it can push), and Always with no endpoint.
 */
import { FIELD_LABELS, type ProfileInput } from '../../../src-shared/profile';
import type { TestError } from '../../../src-shared/test-run';
import type { Diagnosis } from './causes';

const L = FIELD_LABELS;
const PAR = `${L.pushedAuthorization} is`;

/**
 * The diagnosis of a failed PAR exchange, or undefined to keep the token endpoint's reading of it (the vendor
 * catalogue, RFC 6749 §5.2 errors). `error` is the classified failure; `parUrl` the URL pushed to.
 */
export function parDiagnosis(
  error: Pick<TestError, 'code' | 'status' | 'oauthError' | 'oauthErrorDescription'>,
  profile: ProfileInput,
  parUrl: string,
): Diagnosis | undefined {
  const said = error.oauthErrorDescription ?? '';
  if (error.oauthError === 'invalid_redirect_uri' || (error.oauthError && /redirect_uri/i.test(said)))
    return {
      diagnosis:
        'The IdP refused the pushed authorization request because of its redirect_uri: the loopback redirect URI is not registered for this client (RFC 9126 §2.3).',
      hint: `Register the redirect URI the Test sent (see the Request tab) with the IdP, or set ${L.callbackPort} and ${L.callbackPath} to one that is registered.`,
    };
  if (error.oauthError === 'unauthorized_client')
    return {
      diagnosis: 'The IdP does not allow this client to use pushed authorization requests (RFC 9126 §2.3).',
      hint: `Allow PAR for the client "${profile.clientId.slice(0, 120)}" at the IdP, or set ${L.pushedAuthorization} to Never if the IdP does not require it.`,
    };
  if (error.oauthError === 'invalid_client' || (error.status === 401 && !error.oauthError))
    return {
      diagnosis:
        'The PAR endpoint did not accept the client authentication; it authenticates the client as the token endpoint does (RFC 9126 §2.1).',
      hint: `Check the Client Secret or JWT Signing Key and ${L.clientAuthMethod} (${profile.clientAuthMethod}); a client the IdP registered as public ("none") may not be allowed to push requests.`,
    };
  if (error.status === 405)
    return {
      diagnosis: `${parUrl} does not accept POST: it is not the IdP's PAR endpoint (RFC 9126 §2).`,
      hint: `Check the ${L.pushedAuthorizationRequestUrl} (the metadata's pushed_authorization_request_endpoint), or use Fill from issuer.`,
    };
  if (error.status === 413)
    return {
      diagnosis: 'The pushed authorization request is too large for the IdP (HTTP 413, RFC 9126 §2.3).',
      hint: `Shorten the ${L.scopes} and ${L.additionalFields}.`,
    };
  if (error.status === 404 && !error.oauthError)
    return {
      diagnosis: `Nothing answers at the ${L.pushedAuthorizationRequestUrl} ${parUrl} (HTTP 404).`,
      hint: `Check the ${L.pushedAuthorizationRequestUrl} against the IdP's pushed_authorization_request_endpoint, or set ${L.pushedAuthorization} to Never if the IdP has no PAR endpoint.`,
    };
  return undefined;
}

/** True when the IdP's words say the authorization request had to be pushed (oidc-provider, Keycloak, Okta phrasings). */
export function saysParRequired(description: string | undefined): boolean {
  return (
    !!description &&
    /pushed authorization requests? (must|is required|required)|par (is )?required|request_uri (is )?required/i.test(
      description,
    )
  );
}

/**
 * The diagnosis of an authorization refused because it was not pushed (RFC 9126 §5
 * `require_pushed_authorization_requests`), with the variant "Pushed Authorization Request = Always" when the profile
 * says Never and has an endpoint to push to (its URL, or an Issuer whose metadata names one).
 */
export function parRequiredDiagnosis(profile: ProfileInput | undefined): Diagnosis & Pick<TestError, 'variant'> {
  const mode = profile && 'pushedAuthorization' in profile ? profile.pushedAuthorization : undefined;
  const d: Diagnosis = {
    diagnosis:
      'The IdP requires pushed authorization requests (RFC 9126 §5), but this Test opened the authorization URL without one.',
    hint:
      mode === 'never'
        ? `${PAR} Never: set it to Auto (with the ${L.issuer}, whose metadata says so) or Always, then run the Test again.`
        : `Set ${L.pushedAuthorization} to Always with the ${L.pushedAuthorizationRequestUrl}, or set the ${L.issuer} so Auto reads require_pushed_authorization_requests from the metadata.`,
  };
  // Always needs an endpoint: the profile's URL, or the Issuer's metadata (par-profile.ts parIssues).
  const canPush =
    !!profile?.issuer ||
    (!!profile && 'pushedAuthorizationRequestUrl' in profile && !!profile.pushedAuthorizationRequestUrl);
  if (mode !== 'never' || !canPush) return d;
  return {
    ...d,
    variant: { label: `Try with ${L.pushedAuthorization} = Always`, overrides: { pushedAuthorization: 'always' } },
  };
}

/** The failure of a Test set to Always whose PAR endpoint is unknown: no URL, and none in the metadata. */
export function noParEndpointError(reason: string): TestError {
  return {
    code: 'invalid_request',
    message: `${PAR} Always, but there is no ${L.pushedAuthorizationRequestUrl} to push the authorization request to (${reason})`,
    diagnosis:
      "The profile asks for a pushed authorization request (RFC 9126), but neither it nor the IdP's metadata names the PAR endpoint.",
    hint: `Enter the ${L.pushedAuthorizationRequestUrl}, or use Fill from issuer; if the IdP has no PAR endpoint, set ${L.pushedAuthorization} to Auto or Never.`,
  };
}

/** The failure of a push whose only endpoint is the metadata's, at another origin than the Token Request URL. */
export function foreignParEndpointError(endpoint: string): TestError {
  return {
    code: 'invalid_request',
    message: `The IdP's metadata names the PAR endpoint ${endpoint}, at another origin than the ${L.tokenUrl}; the client credentials are not sent there unless the profile names it`,
    diagnosis:
      'The pushed authorization request carries the client authentication (RFC 9126 §2.1), so it goes only to a host the profile names.',
    hint: `If that host is the IdP's, enter it as the ${L.pushedAuthorizationRequestUrl} (Fill from issuer) and save the profile.`,
  };
}
