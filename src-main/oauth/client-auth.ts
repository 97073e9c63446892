/**
 * Client authentication for every call that authenticates the client (token and refresh today): HTTP Basic
 * and body credentials (RFC 6749 §2.3.1), a signed `client_assertion` (RFC 7523 §2.2, OIDC Core §9), or the
 * TLS client certificate with `client_id` in the body (RFC 8705 §2; the certificate itself goes with the
 * transport, src-main/http/tls.ts).
 */
import { AppError } from '../../src-shared/errors';
import { CLIENT_ASSERTION_TYPE, JWT_CLIENT_AUTH_METHODS, TLS_CLIENT_AUTH_METHODS } from '../../src-shared/client-auth';
import { FIELD_LABELS, type ProfileInput } from '../../src-shared/profile';
import type { HeaderMap } from '../../src-shared/test-run';

/** The secrets client authentication may use (null when not set). */
export interface ClientAuthSecrets {
  clientSecret: string | null;
  jwtSigningKey?: string | null;
  /**
   * A client assertion made elsewhere, sent as it is instead of signing one: the cURL export's `$CLIENT_ASSERTION`
   * stand-in (docs/architecture.md, "Export to other tools"). A Test never sets it.
   */
  clientAssertion?: string;
}

/** What authenticateClient adds to a request: body parameters and headers. */
export interface ClientAuthentication {
  params: [string, string][];
  headers: HeaderMap;
}

/**
 * `application/x-www-form-urlencoded` encoding of one value (RFC 6749 Appendix B), as used for the
 * client id and secret before base64 in HTTP Basic (§2.3.1): space becomes `+`, reserved characters %XX.
 */
export function formUrlEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** The `Authorization: Basic …` value for a client (RFC 6749 §2.3.1; docs/security.md, "OAuth defences"). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`).toString('base64')}`;
}

/** The `aud` of a client assertion: the endpoint URL called (without query), the Issuer, or the profile's URL. */
export function assertionAudience(profile: ProfileInput, endpoint: string): string {
  const a = profile.clientAssertion;
  if (a?.audience === 'issuer' && profile.issuer) return profile.issuer;
  if (a?.audience === 'custom' && a.audienceUrl) return a.audienceUrl;
  const u = new URL(endpoint);
  return `${u.origin}${u.pathname}`;
}

/**
 * Authenticates `profile`'s client for a call to `endpoint` (the rendered URL) at `now`. Throws
 * AppError('secret_missing') when the method's secret is not set, AppError('invalid_request') when a TLS method
 * has no client certificate or the key cannot sign.
 */
export async function authenticateClient(
  profile: ProfileInput,
  endpoint: string,
  secrets: ClientAuthSecrets,
  now: Date,
): Promise<ClientAuthentication> {
  const method = profile.clientAuthMethod;
  const clientId = profile.clientId;
  const missing = (field: 'clientSecret' | 'jwtSigningKey') =>
    new AppError('secret_missing', `${FIELD_LABELS[field]} is not set; ${method} needs it`);
  if (method === 'client_secret_basic')
    return { params: [], headers: { authorization: basicAuthorization(clientId, secrets.clientSecret ?? '') } };
  if (method === 'client_secret_post')
    return {
      params: [
        ['client_id', clientId],
        ['client_secret', secrets.clientSecret ?? ''],
      ],
      headers: {},
    };
  if (TLS_CLIENT_AUTH_METHODS.has(method)) {
    if (!profile.clientCertificate.enabled)
      throw new AppError('invalid_request', `${method} needs ${FIELD_LABELS.clientCertificate} on (RFC 8705 §2)`, {
        issues: [{ path: 'clientAuthMethod', message: 'Needs Client Certificate Exchange on' }],
      });
    return { params: [['client_id', clientId]], headers: {} };
  }
  if (JWT_CLIENT_AUTH_METHODS.has(method)) {
    const premade = secrets.clientAssertion;
    if (premade !== undefined)
      return {
        params: [
          ['client_id', clientId],
          ['client_assertion_type', CLIENT_ASSERTION_TYPE],
          ['client_assertion', premade],
        ],
        headers: {},
      };
    const options = profile.clientAssertion;
    const key =
      method === 'client_secret_jwt'
        ? { secret: secrets.clientSecret ?? throwIt(missing('clientSecret')) }
        : { privateKey: secrets.jwtSigningKey ?? throwIt(missing('jwtSigningKey')) };
    // jose is loaded only when a client assertion is signed, keeping other Tests' start-up lean.
    const { signAssertion } = await import('./client-assertion');
    const signed = await signAssertion({
      iss: clientId,
      sub: clientId,
      aud: assertionAudience(profile, endpoint),
      key,
      ...(options?.alg ? { alg: options.alg } : {}),
      ...(options?.kid ? { kid: options.kid } : {}),
      now,
      keyLabel: method === 'client_secret_jwt' ? FIELD_LABELS.clientSecret : FIELD_LABELS.jwtSigningKey,
    });
    return {
      params: [
        ['client_id', clientId],
        ['client_assertion_type', CLIENT_ASSERTION_TYPE],
        ['client_assertion', signed.jwt],
      ],
      headers: {},
    };
  }
  return { params: [['client_id', clientId]], headers: {} };
}

function throwIt(err: Error): never {
  throw err;
}
