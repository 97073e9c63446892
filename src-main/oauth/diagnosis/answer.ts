/**
 * Diagnoses read from the failing answer itself when the IdP gave no OAuth error: the HTTP status with its
 * `WWW-Authenticate` (RFC 6750 §3) or `Retry-After` (RFC 9110 §10.2.3), an HTML page's title, a JSON body cut
 * short, a success answer without `access_token` (RFC 6749 §5.1).
 */
import type { Exchange } from '../../../src-shared/test-run';
import type { Diagnosis } from './causes';
import {
  clip,
  formatDuration,
  htmlTitle,
  isHtml,
  jsonBreak,
  looksLikeLoginPage,
  parseRetryAfter,
  parseWwwAuthenticate,
} from './evidence';

/** "wait 30 s" from the answer's Retry-After, or undefined. */
export function retryAfterHint(exchange: Exchange | undefined, now: Date): string | undefined {
  const seconds = parseRetryAfter(exchange?.response?.headers['retry-after'], now);
  return seconds === undefined
    ? undefined
    : `The IdP asks to wait ${formatDuration(seconds)} (Retry-After) before testing again.`;
}

/** " – an HTML page titled 'Bad Gateway'" or " – an HTML page" for an HTML answer; '' otherwise. */
function htmlNote(exchange: Exchange | undefined): string {
  const res = exchange?.response;
  if (!res || !isHtml(res.body, res.headers['content-type'])) return '';
  const title = htmlTitle(res.body);
  return title ? `: an HTML page titled '${title}'` : ': an HTML page';
}

/** The diagnosis of an HTTP error status without an OAuth error (`status` of the answer). */
export function httpDiagnosis(status: number | undefined, exchange: Exchange | undefined, now: Date): Diagnosis {
  if (status === 404)
    return {
      diagnosis: `The Token Request URL does not exist on this server (HTTP 404${htmlNote(exchange)}).`,
      hint: "Check the path against the IdP's discovery document (token_endpoint).",
    };
  if (status === 405)
    return {
      diagnosis: 'The server does not accept this method at the Token Request URL (HTTP 405).',
      hint: 'Token requests use POST; check the URL.',
    };
  if (status === 401 || status === 403) return challengeDiagnosis(status, exchange);
  if (status === 429)
    return {
      diagnosis: 'The IdP is rate-limiting this client (HTTP 429 Too Many Requests).',
      hint: retryAfterHint(exchange, now) ?? 'The IdP sent no Retry-After; wait a minute before testing again.',
    };
  if (status !== undefined && status >= 500) {
    const note = htmlNote(exchange);
    const gateway = status === 502 || status === 503 || status === 504;
    return {
      diagnosis: gateway
        ? `A proxy or gateway in front of the IdP could not reach it (HTTP ${status}${note}).`
        : `The IdP failed internally (HTTP ${status}${note}).`,
      hint: `${retryAfterHint(exchange, now) ?? 'Retry later.'} If it persists, check the IdP's status page and logs.`,
    };
  }
  return {
    diagnosis: `The token endpoint answered HTTP ${status ?? '?'} without an OAuth error${htmlNote(exchange)}.`,
    hint: 'Look at the Response tab for what the server said.',
  };
}

function challengeDiagnosis(status: number, exchange: Exchange | undefined): Diagnosis {
  const challenge = parseWwwAuthenticate(exchange?.response?.headers['www-authenticate']);
  if (!challenge)
    return {
      diagnosis: `The server refused the request (HTTP ${status}) without an OAuth error or a WWW-Authenticate challenge.`,
      hint: 'Check the Client ID and Client Secret, and that the Token Request URL is the token endpoint (not an API behind a gateway).',
    };
  const { error, error_description: description, realm } = challenge.params;
  const said = [
    `the ${challenge.scheme} scheme`,
    realm ? `realm "${clip(realm, 80)}"` : '',
    error ? `error "${clip(error, 60)}"` : '',
  ].filter(Boolean);
  const quote = description ? `, saying "${clip(description)}"` : '';
  return {
    diagnosis: `The server refused the request (HTTP ${status}) with a WWW-Authenticate challenge: ${said.join(', ')}${quote}.`,
    hint:
      challenge.scheme.toLowerCase() === 'basic'
        ? 'The server wants HTTP Basic credentials: check the Client ID and Client Secret, and Client Authentication client_secret_basic.'
        : 'Check the Client ID and Client Secret; a Bearer challenge on a token request often means the URL is an API, not the token endpoint.',
  };
}

/** The diagnosis of a 2xx answer that is not a token response: HTML (a login page?), JSON cut short, no token. */
export function invalidAnswerDiagnosis(exchange: Exchange | undefined, message: string): Diagnosis {
  const res = exchange?.response;
  if (res && isHtml(res.body, res.headers['content-type'])) {
    const title = htmlTitle(res.body);
    const page = title ? `an HTML page titled '${title}'` : 'an HTML page';
    return looksLikeLoginPage(title, res.body)
      ? {
          diagnosis: `The IdP answered with ${page}: the Token Request URL points at a login page, not the token endpoint.`,
          hint: "Use the token_endpoint from the IdP's discovery document (/.well-known/openid-configuration) as the Token Request URL.",
        }
      : {
          diagnosis: `The IdP answered with ${page}, not a JSON token response.`,
          hint: "Check that the Token Request URL is the token endpoint (the discovery document's token_endpoint).",
        };
  }
  const body = res?.body ?? '';
  const looksJson = /json/i.test(res?.headers['content-type'] ?? '') || /^\s*[{[]/.test(body);
  const broken = body && looksJson ? jsonBreak(body) : undefined;
  if (broken)
    return {
      diagnosis: broken.cutShort
        ? `The JSON answer is cut short: it ends after ${broken.bytes} bytes, in the middle of the object.`
        : `The answer is not valid JSON: it breaks at byte ${broken.bytes}.`,
      hint: 'A proxy or the IdP closed the answer early or rewrote it; retry, and test without the proxy if one is set.',
    };
  if (/without an access_token/.test(message))
    return {
      diagnosis: 'The IdP answered with success, but without an access_token (RFC 6749 §5.1 requires one).',
      hint: 'Look at the Response tab: the token may be under another name, or the URL is not the token endpoint.',
    };
  return {
    diagnosis: 'The IdP answered, but not with a valid OAuth token response.',
    hint: 'Check that the Token Request URL is the token endpoint (not the authorization or login page).',
  };
}
