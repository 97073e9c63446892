/**
 * The RFC 6749 §5.2 `error` codes in the user's terms (when the catalogue did not recognise the IdP's words),
 * and the transport failures of our error vocabulary (src-shared/errors.ts).
 */
import type { ErrorCode } from '../../../src-shared/errors';
import { describeCause, type CauseFacts, type Diagnosis } from './causes';
import { DEVICE_ERRORS } from './device-errors';
import { TOKEN_EXCHANGE_ERRORS } from './token-exchange-errors';
import { tlsDiagnosis } from './tls-causes';

/** RFC 6749 §5.2 `error` → diagnosis, given the profile (for the field to change). */
export const OAUTH_ERRORS: Record<string, (facts: CauseFacts) => Diagnosis> = {
  invalid_client: (facts) => {
    const method = facts.profile?.clientAuthMethod;
    const other = method === 'client_secret_post' ? 'client_secret_basic' : 'client_secret_post';
    return {
      diagnosis: 'The IdP did not accept the client credentials (Client ID, Client Secret, or how they were sent).',
      hint: method
        ? `Check the Client Secret and the Client ID ("${(facts.profile?.clientId ?? '').slice(0, 120)}"). If they are right: Client Authentication is ${method}; try ${other} (many IdPs accept only one).`
        : 'Check the Client Secret. If it is right, switch Client Authentication between client_secret_basic (header) and client_secret_post (body): many IdPs accept only one.',
    };
  },
  unauthorized_client: (facts) => describeCause('grant_not_enabled', 'generic', facts),
  invalid_scope: (facts) => describeCause('scope', 'generic', facts),
  unsupported_grant_type: () => ({
    diagnosis: 'The token endpoint does not support this grant type.',
    hint: 'Check the Token Request URL and that the IdP supports the grant for this client.',
  }),
  invalid_request: (facts) =>
    facts.profile?.grantType === 'token_exchange'
      ? TOKEN_EXCHANGE_ERRORS.invalid_request()
      : {
          diagnosis: 'The IdP says the request is malformed or misses a parameter.',
          hint: 'Read the error description; check the Token Request URL and any extra scope parameters.',
        },
  invalid_target: TOKEN_EXCHANGE_ERRORS.invalid_target,
  // The token call of the authorization-code flow sends a code (RFC 6749 §4.1.3); a refresh has its own (flows/refresh.ts).
  invalid_grant: (facts) =>
    facts.profile?.grantType === 'authorization_code'
      ? describeCause('code_expired', 'generic', facts)
      : {
          diagnosis: 'The grant (code, refresh token or user credentials) is invalid, expired or revoked.',
          hint: 'Run the flow again to obtain a fresh grant.',
        },
  redirect_uri_mismatch: (facts) => describeCause('redirect_uri', 'generic', facts),
  mfa_required: (facts) => describeCause('mfa', 'generic', facts),
  slow_down: () => ({
    diagnosis: 'The IdP asks this client to slow down (RFC 8628 §3.5).',
    hint: 'Wait before testing again.',
  }),
  ...DEVICE_ERRORS,
};

/** Diagnosis of a failure before or around the HTTP answer (our code and message), `{}` for codes without one. */
export function transportDiagnosis(code: ErrorCode, message?: string): Diagnosis {
  switch (code) {
    case 'connection_refused':
      return {
        diagnosis: 'Nothing answered at the Token Request URL (connection refused).',
        hint: 'Check the host and port of the Token Request URL, and that the IdP is running and reachable from this machine.',
      };
    case 'dns':
      return {
        diagnosis: 'The host name of the Token Request URL does not resolve (unknown host).',
        hint: 'Check the spelling of the host, or your VPN / DNS settings.',
      };
    case 'timeout':
      return {
        diagnosis: 'The IdP did not answer in time (timeout).',
        hint: 'Check that the URL is reachable (a firewall may drop the connection), or raise the timeout.',
      };
    case 'tls':
      return (
        tlsDiagnosis(message) ?? {
          diagnosis: "The TLS handshake failed: the server's certificate was not trusted or did not match the host.",
          hint: 'Check the host name in the URL and the certificate; an IdP behind a private CA needs that CA trusted.',
        }
      );
    case 'network':
      return {
        diagnosis: 'The connection failed before a complete answer arrived.',
        hint: 'Retry; if it persists, check proxies and the network path to the IdP.',
      };
    case 'redirect':
      return {
        diagnosis:
          'The token endpoint redirected instead of answering; a client must not follow redirects with its credentials.',
        hint: 'Use the final URL as the Token Request URL (watch http:// vs https:// and a trailing slash).',
      };
    case 'body_too_large':
      return {
        diagnosis: 'The answer is far larger than any token response.',
        hint: 'The Token Request URL probably points at the wrong resource.',
      };
    case 'invalid_response':
      return {
        diagnosis: 'The IdP answered, but not with a valid OAuth token response.',
        hint: 'Check that the Token Request URL is the token endpoint (not the authorization or login page).',
      };
    default:
      return {};
  }
}
