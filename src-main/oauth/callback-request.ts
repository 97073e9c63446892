/**
 * What one authorization response says, wherever it came from (docs/security.md, "OAuth defences"): a GET's
 * query (RFC 6749 §4.1.2), a form_post body (OAuth 2.0 Form Post Response Mode §2) or a URL the user pasted
 * from the browser's address bar. The same checks apply to each: `state` first (a wrong or missing one is
 * refused and the flow keeps waiting), then `iss` (RFC 9207 §2.4), then `error` (RFC 6749 §4.1.2.1), then `code`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../src-shared/errors';
import {
  alreadyHandledPage,
  idpErrorPage,
  notACallbackPage,
  refusedPage,
  successPage,
  type CallbackPage,
} from './callback-pages';

/**
 * What the response that decided the flow said, after the checks. `state_mismatch`: the wait ended (timeout)
 * with only refused responses, `refused` of them, the last one with a state or not (`stateSent`);
 * `too_many_refused`: MAX_REFUSED_CALLBACKS came; `response_mode_ignored`: a code came in the query although
 * the profile asked for form_post; `timeout` and `cancelled` when no response decided.
 */
export type CallbackOutcome =
  | { kind: 'code'; code: string }
  | { kind: 'idp_error'; error: string; description?: string; uri?: string }
  | { kind: 'state_mismatch'; stateSent: boolean; refused: number }
  | { kind: 'too_many_refused'; refused: number }
  | { kind: 'issuer_mismatch'; received: string }
  | { kind: 'missing_code' }
  | { kind: 'response_mode_ignored' }
  | { kind: 'timeout' }
  | { kind: 'cancelled' };

/** The largest form_post body read (bytes); a larger one is answered 413 and not read. */
export const MAX_FORM_POST_BYTES = 16 * 1024;
/** The longest pasted URL taken (characters), as the `test:paste-callback` contract allows. */
export const MAX_PASTED_URL = 8 * 1024;

/** The state and issuer a response must carry. */
export interface ResponseChecks {
  state: string;
  acceptsIssuer(iss: string): boolean;
}

/**
 * How one response is answered: the page, and for a response with the right state its outcome; `stateSent`
 * is set (true or false) only for a response refused for its state.
 */
export interface Decision {
  page: CallbackPage;
  result?: { outcome: CallbackOutcome };
  stateSent?: boolean;
}

/** Decides the response `params` (query or form body); `done`: the flow was already decided. */
export function decideResponse(params: URLSearchParams, checks: ResponseChecks, done: boolean): Decision {
  if (done) return { page: alreadyHandledPage() };
  const state = params.get('state');
  if (state === null || !sameSecret(state, checks.state)) {
    return {
      page: refusedPage('The state parameter does not match this sign-in, so the response may be forged or stale.'),
      stateSent: state !== null,
    };
  }
  const iss = params.get('iss');
  if (iss !== null && !checks.acceptsIssuer(iss)) {
    return {
      page: refusedPage('The response names a different issuer than this profile expects (RFC 9207).'),
      result: { outcome: { kind: 'issuer_mismatch', received: iss } },
    };
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description') ?? undefined;
    const uri = params.get('error_uri') ?? undefined;
    return {
      page: idpErrorPage(error, description),
      result: {
        outcome: { kind: 'idp_error', error, ...(description ? { description } : {}), ...(uri ? { uri } : {}) },
      },
    };
  }
  const code = params.get('code');
  if (!code)
    return {
      page: refusedPage('The response carries neither a code nor an error.'),
      result: { outcome: { kind: 'missing_code' } },
    };
  return { page: successPage(), result: { outcome: { kind: 'code', code } } };
}

/**
 * Reads a form_post body: `application/x-www-form-urlencoded` (any charset parameter; read as UTF-8) of at
 * most MAX_FORM_POST_BYTES. Resolves to the body, or to the 413 / 415 page to answer with (the rest unread).
 */
export function readFormBody(req: IncomingMessage): Promise<{ body: string } | { page: CallbackPage }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    return Promise.resolve({
      page: notACallbackPage(415, 'A form_post callback must be application/x-www-form-urlencoded.'),
    });
  const tooLarge = {
    page: notACallbackPage(413, `A form_post callback may carry at most ${MAX_FORM_POST_BYTES} bytes.`),
  };
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_POST_BYTES) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_POST_BYTES) {
        req.off('data', onData).pause();
        return resolve(tooLarge);
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve(tooLarge));
  });
}

/**
 * The parameters of a URL the user pasted from the browser's address bar, which must be the redirect URI
 * (scheme, host, port and path; "http://" may be left out) with the response in its query. Throws
 * AppError('invalid_request') for text that is not such a URL; the message never repeats the text (it holds a code).
 */
export function pastedResponse(text: string, redirectUri: string, formPost: boolean): URLSearchParams {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_PASTED_URL)
    throw new AppError('invalid_request', 'Paste the whole address from the browser’s address bar');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
  } catch {
    throw new AppError('invalid_request', `That is not a URL: paste the whole address, starting with ${redirectUri}`);
  }
  const expected = new URL(redirectUri);
  if (url.protocol !== expected.protocol || url.host !== expected.host || url.pathname !== expected.pathname)
    throw new AppError(
      'invalid_request',
      `That URL is not this sign-in’s redirect URI: paste the address that starts with ${redirectUri}`,
    );
  const params = url.searchParams;
  if (formPost && !params.has('state') && !params.has('code') && !params.has('error'))
    throw new AppError(
      'invalid_request',
      'With Response Mode form_post the IdP posts the code in the request body, not in the URL: set Response Mode to query to sign in by pasting the URL',
    );
  return params;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
