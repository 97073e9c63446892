/**
 * Turns a classified failure into a human diagnosis and a hint: what most likely went wrong, in the
 * user's terms (Kore's field labels), and what to try next.
 */
import type { TestError } from '../../src-shared/test-run';

type Diagnosis = Pick<TestError, 'diagnosis' | 'hint'>;

const OAUTH: Record<string, Diagnosis> = {
  invalid_client: {
    diagnosis: 'The IdP did not accept the client credentials (Client ID, Client Secret, or how they were sent).',
    hint: 'Check the Client Secret. If it is right, switch Client Authentication between client_secret_basic (header) and client_secret_post (body): many IdPs accept only one.',
  },
  unauthorized_client: {
    diagnosis: 'The client is known, but the IdP does not allow it to use this grant type.',
    hint: "Enable the grant (e.g. client credentials) for this client in the IdP's application settings.",
  },
  invalid_scope: {
    diagnosis: 'The IdP refused the requested scope.',
    hint: 'Correct or remove the Scope values; ask the IdP administrator which scopes this client may request.',
  },
  unsupported_grant_type: {
    diagnosis: 'The token endpoint does not support this grant type.',
    hint: 'Check the Token Request URL and that the IdP supports the grant for this client.',
  },
  invalid_request: {
    diagnosis: 'The IdP says the request is malformed or misses a parameter.',
    hint: 'Read the error description; check the Token Request URL and any extra scope parameters.',
  },
  invalid_grant: {
    diagnosis: 'The grant (code, refresh token or user credentials) is invalid, expired or revoked.',
    hint: 'Run the flow again to obtain a fresh grant.',
  },
};

/** Diagnosis and hint for a TestError (by OAuth error first, then our code and HTTP status). */
export function diagnose(error: Pick<TestError, 'code' | 'oauthError' | 'status'>): Diagnosis {
  if (error.oauthError) {
    // hasOwn: the IdP chooses `error`, and "constructor" or "__proto__" must not reach Object.prototype.
    const known = Object.hasOwn(OAUTH, error.oauthError) ? OAUTH[error.oauthError] : undefined;
    return (
      known ?? {
        diagnosis: `The IdP refused the request with "${error.oauthError}".`,
        hint: 'Read the error description and compare the profile with the IdP configuration.',
      }
    );
  }
  switch (error.code) {
    case 'connection_refused':
      return {
        diagnosis: 'Nothing answered at the Token Request URL.',
        hint: 'Check the host and port of the Token Request URL, and that the IdP is running and reachable from this machine.',
      };
    case 'dns':
      return {
        diagnosis: 'The host name of the Token Request URL does not resolve.',
        hint: 'Check the spelling of the host, or your VPN / DNS settings.',
      };
    case 'timeout':
      return {
        diagnosis: 'The IdP did not answer in time.',
        hint: 'Check that the URL is reachable (a firewall may drop the connection), or raise the timeout.',
      };
    case 'tls':
      return {
        diagnosis: "The TLS handshake failed: the server's certificate was not trusted or did not match the host.",
        hint: 'Check the host name in the URL and the certificate; an IdP behind a private CA needs that CA trusted.',
      };
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
    case 'http_error':
      return httpDiagnosis(error.status);
    default:
      return {};
  }
}

function httpDiagnosis(status: number | undefined): Diagnosis {
  if (status === 404)
    return {
      diagnosis: 'The Token Request URL does not exist on this server (HTTP 404).',
      hint: "Check the path against the IdP's discovery document (token_endpoint).",
    };
  if (status === 405)
    return {
      diagnosis: 'The server does not accept this method at the Token Request URL (HTTP 405).',
      hint: 'Token requests use POST; check the URL.',
    };
  if (status === 401 || status === 403)
    return {
      diagnosis: `The server refused the request (HTTP ${status}) without an OAuth error.`,
      hint: 'Check the WWW-Authenticate header in the Headers tab and the client credentials.',
    };
  if (status === 429)
    return {
      diagnosis: 'The IdP is rate-limiting this client (HTTP 429).',
      hint: 'Wait for the time in Retry-After before testing again.',
    };
  if (status !== undefined && status >= 500)
    return {
      diagnosis: `The IdP failed internally (HTTP ${status}).`,
      hint: "Retry later, or check the IdP's status and logs.",
    };
  return {
    diagnosis: `The token endpoint answered HTTP ${status ?? '?'} without an OAuth error.`,
    hint: 'Look at the Response tab for what the server said.',
  };
}
