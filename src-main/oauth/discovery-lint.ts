/**
 * Compares a profile with its IdP's metadata (docs/architecture.md, "A Test, step by step") and returns one
 * warning per mismatch, in the user's terms (Kore's labels): the grant type, the client authentication and its
 * assertion's alg, PKCE, the scopes, the response type and mode, and the endpoints. Absent lists take RFC 8414
 * §2's defaults where it has one and are otherwise not checked.
 */
import { DEFAULT_AUTH_METHODS, DEFAULT_GRANT_TYPES, type DiscoveryMetadata } from '../../src-shared/discovery';
import { JWT_CLIENT_AUTH_METHODS, type SigningAlg } from '../../src-shared/client-auth';
import { DEVICE_CODE_GRANT_TYPE } from '../../src-shared/grants';
import { FIELD_LABELS, scopeString, type ProfileInput } from '../../src-shared/profile';
import { renderUrl } from './templates';

const label = (field: string) => FIELD_LABELS[field] ?? field;
const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ') || 'nothing';

/**
 * The warnings for `profile` against `metadata` (RFC 8414 §2 member names); [] when they agree. `keyAlg` is the
 * alg the JWT Signing Key implies (client-assertion.ts `readPrivateKey`), for a private_key_jwt profile that
 * chose none; without it that alg is not checked.
 */
export function lintProfile(
  profile: ProfileInput,
  metadata: DiscoveryMetadata,
  tenant?: string,
  keyAlg?: SigningAlg,
): string[] {
  const warnings: string[] = [];
  const grants = metadata.grant_types_supported ?? DEFAULT_GRANT_TYPES;
  // RFC 8628 §3.4: the device grant's grant_type is a URN.
  const grantType = profile.grantType === 'device_code' ? DEVICE_CODE_GRANT_TYPE : profile.grantType;
  if (!grants.includes(grantType))
    warnings.push(
      `The IdP's metadata does not list the grant type "${grantType}" (grant_types_supported: ${list(grants)}); the token request may be refused with unsupported_grant_type`,
    );
  const methods = metadata.token_endpoint_auth_methods_supported ?? DEFAULT_AUTH_METHODS;
  if (!methods.includes(profile.clientAuthMethod))
    warnings.push(
      `The IdP's metadata does not list the ${label('clientAuthMethod')} "${profile.clientAuthMethod}" (token_endpoint_auth_methods_supported: ${list(methods)}); expect invalid_client`,
    );
  warnings.push(...assertionAlgWarning(profile, metadata, keyAlg));
  if (profile.grantType === 'authorization_code') warnings.push(...authorizationWarnings(profile, metadata, tenant));
  if (profile.grantType === 'device_code') {
    const { deviceAuthorizationUrl: url } = profile;
    const endpoint = metadata.device_authorization_endpoint;
    warnings.push(...endpointWarning(url, endpoint, 'deviceAuthorizationUrl', 'device_authorization_endpoint', tenant));
  }
  if (metadata.scopes_supported) {
    const known = new Set(metadata.scopes_supported);
    const unknown = scopeString(profile.scopes)
      .split(/\s+/)
      .filter((s) => s && !s.includes('{') && !known.has(s));
    if (unknown.length)
      warnings.push(
        `The IdP's metadata does not list the scope${unknown.length > 1 ? 's' : ''} ${list(unknown)} (scopes_supported: ${list(metadata.scopes_supported)}); expect invalid_scope, or a token without ${unknown.length > 1 ? 'them' : 'it'}`,
      );
  }
  warnings.push(...endpointWarning(profile.tokenUrl, metadata.token_endpoint, 'tokenUrl', 'token_endpoint', tenant));
  return warnings;
}

/**
 * The client assertion's alg (RFC 7523 §2.2) against `token_endpoint_auth_signing_alg_values_supported`, which has
 * no default (RFC 8414 §2): unchecked when absent. The PAR endpoint authenticates the client with the token
 * endpoint's methods and algs (RFC 9126 §2), so this one warning covers the push too. The JWT bearer grant's own
 * assertion (RFC 7523 §2.1) has no metadata member and is not checked.
 */
function assertionAlgWarning(profile: ProfileInput, metadata: DiscoveryMetadata, keyAlg?: SigningAlg): string[] {
  const algs = metadata.token_endpoint_auth_signing_alg_values_supported;
  if (!algs || !JWT_CLIENT_AUTH_METHODS.has(profile.clientAuthMethod)) return [];
  const chosen = profile.clientAssertion.alg;
  const secret = profile.clientAuthMethod === 'client_secret_jwt';
  const alg = chosen || (secret ? 'HS256' : keyAlg);
  if (!alg || algs.includes(alg)) return [];
  const from = chosen ? '' : secret ? "client_secret_jwt's default; " : `the ${label('jwtSigningKey')}'s; `;
  return [
    `The IdP's metadata does not list the ${label('clientAssertion')}'s alg "${alg}" (${from}token_endpoint_auth_signing_alg_values_supported: ${list(algs)}); expect invalid_client`,
  ];
}

/** PKCE (RFC 7636 §4.2, RFC 9700 §2.1.1), the response mode, the `code` response type and the Authorization URL. */
function authorizationWarnings(
  profile: Extract<ProfileInput, { grantType: 'authorization_code' }>,
  metadata: DiscoveryMetadata,
  tenant: string | undefined,
): string[] {
  const warnings: string[] = [];
  const challenges = metadata.code_challenge_methods_supported;
  if (profile.pkce.enabled && challenges && !challenges.includes(profile.pkce.method))
    warnings.push(
      `The IdP's metadata does not list the PKCE method "${profile.pkce.method}" (code_challenge_methods_supported: ${list(challenges)})`,
    );
  if (!profile.pkce.enabled && challenges?.includes('S256'))
    warnings.push('PKCE is off, but the IdP supports S256 (code_challenge_methods_supported): turn PKCE on');
  // RFC 8414 §2: absent, response_modes_supported is ["query", "fragment"].
  const modes = metadata.response_modes_supported ?? ['query', 'fragment'];
  if (!modes.includes(profile.responseMode))
    warnings.push(
      `The IdP's metadata does not list the ${label('responseMode')} "${profile.responseMode}" (response_modes_supported: ${list(modes)}${metadata.response_modes_supported ? '' : ', the default when absent'}); the IdP may ignore it and send the code in the query`,
    );
  const responseTypes = metadata.response_types_supported;
  if (responseTypes && !responseTypes.includes('code'))
    warnings.push(
      `The IdP's metadata does not list the response type "code" (response_types_supported: ${list(responseTypes)}); the authorization-code flow may be refused`,
    );
  // RFC 9126 §5: an IdP that requires PAR refuses an authorization request that was not pushed.
  if (metadata.require_pushed_authorization_requests === true && profile.pushedAuthorization === 'never')
    warnings.push(
      `The IdP's metadata requires pushed authorization requests (require_pushed_authorization_requests), but ${label('pushedAuthorization')} is Never: expect the sign-in to be refused; set it to Auto`,
    );
  if (profile.pushedAuthorizationRequestUrl)
    warnings.push(
      ...endpointWarning(
        profile.pushedAuthorizationRequestUrl,
        metadata.pushed_authorization_request_endpoint,
        'pushedAuthorizationRequestUrl',
        'pushed_authorization_request_endpoint',
        tenant,
      ),
    );
  warnings.push(
    ...endpointWarning(
      profile.authorizationUrl,
      metadata.authorization_endpoint,
      'authorizationUrl',
      'authorization_endpoint',
      tenant,
    ),
  );
  return warnings;
}

/** A warning when the profile's URL (rendered) is not the metadata's endpoint, a trailing "/" aside. */
function endpointWarning(
  template: string,
  endpoint: string | undefined,
  field: string,
  member: string,
  tenant?: string,
): string[] {
  if (!endpoint) return [];
  let url: string;
  try {
    url = renderUrl(template, tenant, field);
  } catch {
    return [];
  }
  const strip = (s: string) => s.replace(/\/$/, '');
  if (strip(url) === strip(endpoint)) return [];
  return [`The ${label(field)} ${url} is not the IdP's ${member} ${endpoint}`];
}
