/**
 * The device authorization request and response (RFC 8628 §3.1, §3.2): a form POST to the Device Authorization
 * URL with the client's authentication and the scopes, read into the device code, the user code, the
 * verification URIs, `expires_in` and `interval` (5 s when absent). A refused or malformed answer becomes a
 * TestError like a token endpoint's (token-response.ts), never an exception.
 */
import { parseJsonObject } from '../../http/json-object';
import type { GrantProfile } from '../../../src-shared/profile';
import type { Exchange, TestError } from '../../../src-shared/test-run';
import type { TemplateVars } from '../templates';
import { buildTokenRequest, type TokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';

/** RFC 8628 §3.5: the polling interval when the response names none (s). */
export const DEFAULT_INTERVAL_S = 5;

/** The device authorization response (RFC 8628 §3.2) as the flow uses it. */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Lifetime of the codes (s). */
  expiresIn: number;
  /** Polling interval (s). */
  intervalS: number;
}

/**
 * The device authorization request of `profile` to `url` (rendered): always POST with a form body (RFC 8628 §3.1),
 * the profile's client authentication (RFC 6749 §2.3), scopes and request headers. Throws AppError('invalid_request')
 * as buildTokenRequest does for a template that cannot be rendered or a client assertion that cannot be signed
 * (`signing`: the JWT Signing Key and the run's clock, for private_key_jwt / client_secret_jwt, or a ready
 * `clientAssertion` to send instead).
 */
export function deviceAuthorizationRequest(
  profile: GrantProfile<'device_code'>,
  url: string,
  clientSecret: string | null,
  vars: TemplateVars,
  tenant?: string,
  signing: { signingKey?: string | null; now?: Date; clientAssertion?: string } = {},
): Promise<TokenRequest> {
  return buildTokenRequest({
    profile: { ...profile, tokenRequest: { method: 'POST', contentType: 'form' } },
    url,
    grant: [],
    clientSecret,
    ...signing,
    include: { scopes: true, headers: true },
    vars,
    tenant,
  });
}

/** Reads the recorded device authorization exchange: the response's values, or a classified, diagnosed error. */
export function readDeviceAuthorization(
  exchange: Exchange,
  profile: GrantProfile<'device_code'>,
  now: Date,
): { ok: true; value: DeviceAuthorization } | { ok: false; error: TestError } {
  const res = exchange.response;
  const body = parseJsonObject(res?.body ?? null);
  if (!res || exchange.error || res.status < 200 || res.status >= 300 || !body || typeof body.error === 'string') {
    // The token endpoint's reading classifies every failure the same way (RFC 6749 §5.2 errors included).
    const read = interpretTokenExchange(exchange, { profile, now });
    const error: TestError = read.ok
      ? { code: 'invalid_response', message: 'The device authorization endpoint answered with a token' }
      : read.error;
    return {
      ok: false,
      error: { ...error, message: error.message.replace(/token (request|endpoint)/, 'device authorization $1') },
    };
  }
  const text = (name: string) => (typeof body[name] === 'string' && body[name] !== '' ? (body[name] as string) : '');
  const missing = ['device_code', 'user_code', 'verification_uri'].filter((name) => !text(name));
  const expiresIn = Number(body.expires_in);
  if (!(expiresIn > 0)) missing.push('expires_in');
  if (missing.length > 0)
    return {
      ok: false,
      error: {
        code: 'invalid_response',
        message: `The device authorization response (HTTP ${res.status}) has no valid ${missing.join(', ')} (RFC 8628 §3.2 requires them)`,
        status: res.status,
        diagnosis: 'The Device Authorization URL did not answer as an RFC 8628 device authorization endpoint.',
        hint: "Check the Device Authorization URL (the IdP's device_authorization_endpoint).",
      },
    };
  const interval = Number(body.interval);
  return {
    ok: true,
    value: {
      deviceCode: text('device_code'),
      userCode: text('user_code'),
      verificationUri: text('verification_uri'),
      ...(text('verification_uri_complete') ? { verificationUriComplete: text('verification_uri_complete') } : {}),
      expiresIn,
      intervalS: Number.isFinite(interval) && interval > 0 ? Math.min(interval, 300) : DEFAULT_INTERVAL_S,
    },
  };
}
