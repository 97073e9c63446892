/**
 * The loopback redirect endpoint of the authorization-code flow (RFC 8252 §7.3, §8.3; docs/security.md, "OAuth defences"):
 * an HTTP server on the loopback interface only, opened per flow, at the profile's host, port and path —
 * `127.0.0.1`, or `localhost` on both 127.0.0.1 and ::1 (same port), OS-chosen port unless fixed, `/callback`
 * unless set. Only a request for the path with `Host` exactly the redirect URI's host:port, by GET (Response
 * Mode query) or by POST of a form (form_post), is a callback; anything else gets a 4xx and the flow keeps
 * waiting. A URL pasted from the browser's address bar (`deliver`) is handled exactly like a GET. A callback with
 * a wrong or missing `state` gets a 400 and the flow keeps waiting too, up to MAX_REFUSED_CALLBACKS of them; the
 * first callback with the right state decides the flow (`iss` checked), later ones see "already handled".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../src-shared/errors';
import {
  callbackUrl,
  DEFAULT_CALLBACK_PATH,
  type CallbackHost,
  type PasteCallbackResult,
  type ResponseMode,
} from '../../src-shared/callback';
import type { Exchange, HeaderMap } from '../../src-shared/test-run';
import { methodNotAllowedPage, notACallbackPage, refusedPage, type CallbackPage } from './callback-pages';
import { closeServer, listenAll } from './loopback-listen';
import { decideResponse, pastedResponse, readFormBody, type CallbackOutcome, type Decision } from './callback-request';

export type { CallbackOutcome } from './callback-request';

/**
 * After this many callbacks with a wrong or missing `state` the server stops waiting (`too_many_refused`):
 * someone is guessing, or the IdP does not echo the state (RFC 6749 §4.1.2).
 */
export const MAX_REFUSED_CALLBACKS = 10;

/**
 * The outcome, the recorded callback exchange (the deciding one, or the last refused one for `state_mismatch`
 * and `too_many_refused`; absent on timeout / cancel) and the wait in ms.
 */
export interface CallbackResult {
  outcome: CallbackOutcome;
  exchange?: Exchange;
  waitedMs: number;
}

/** Where to listen and what the callback must carry. */
export interface LoopbackOptions {
  /** The redirect URI's host: `127.0.0.1` (default) or `localhost` (then both 127.0.0.1 and ::1 are bound). */
  host?: CallbackHost;
  /** A fixed port (1024–65535); absent or 0 = OS-chosen. */
  port?: number;
  /** The redirect URI's path (validated by src-shared/callback.ts); `/callback` when absent or empty. */
  path?: string;
  /** `query` (default): the callback is a GET; `form_post`: a POST of a form (Form Post Response Mode). */
  responseMode?: ResponseMode;
  /** The `state` sent on the authorization request (RFC 6749 §4.1.1). */
  state: string;
  /** Whether a callback's `iss` names the expected issuer (RFC 9207 §2.4); asked only when one is sent. */
  acceptsIssuer(iss: string): boolean;
}

/** What became of a pasted URL (src-shared/callback.ts). */
export type PasteResult = PasteCallbackResult;

/** A listening callback server; `close` is idempotent and resolves once the port is released. */
export interface LoopbackServer {
  port: number;
  /** `http://<host>:<port><path>`, e.g. `http://127.0.0.1:53682/callback` */
  redirectUri: string;
  /**
   * Resolves with the first valid callback, or `too_many_refused`; after `timeoutMs` with `state_mismatch` when
   * callbacks were refused, else `timeout`; `cancelled` when `signal` aborts.
   */
  waitForCallback(options: { timeoutMs: number; signal?: AbortSignal }): Promise<CallbackResult>;
  /**
   * Handles `url`, pasted from the browser's address bar, exactly like a GET to the redirect URI (a wrong state
   * is refused and counted, and the flow keeps waiting). Throws AppError('invalid_request') when it is not a URL
   * of the redirect URI, AppError('conflict') when the sign-in was already decided.
   */
  deliver(url: string): PasteResult;
  close(): Promise<void>;
}

/**
 * Starts the callback server on the loopback interface. Throws AppError('conflict') naming the port when a
 * fixed port is in use (EADDRINUSE), AppError('invalid_request') when it may not be bound.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  let settled: CallbackResult | undefined;
  let notify: ((r: CallbackResult) => void) | undefined;
  let refused: { count: number; stateSent: boolean; exchange: Exchange } | undefined;
  const started = performance.now();
  const waited = () => Math.round(performance.now() - started);
  const host = options.host ?? '127.0.0.1';
  const path = options.path || DEFAULT_CALLBACK_PATH;
  const formPost = options.responseMode === 'form_post';

  /** Counts a refused response or settles the flow with a deciding one. */
  const conclude = (decision: Decision, exchange: () => Exchange) => {
    if (settled) return;
    const { result, stateSent } = decision;
    if (stateSent !== undefined) {
      // A forged or stale callback must not end the sign-in (RFC 9700 §4.7): refuse it and keep waiting.
      const count = (refused?.count ?? 0) + 1;
      refused = { count, stateSent, exchange: exchange() };
      if (count < MAX_REFUSED_CALLBACKS) return;
      settled = {
        outcome: { kind: 'too_many_refused', refused: count },
        exchange: refused.exchange,
        waitedMs: waited(),
      };
      notify?.(settled);
    } else if (result) {
      settled = { ...result, exchange: exchange(), waitedMs: waited() };
      notify?.(settled);
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const refusal = checkRequest(req, `${host}:${port}`, path, formPost);
    if (refusal) return send(res, refusal);
    let params = new URL(req.url ?? '/', 'http://loopback').searchParams;
    let body: string | null = null;
    if (req.method === 'POST') {
      const form = await readFormBody(req);
      if ('page' in form) return send(res, form.page);
      body = form.body;
      params = new URLSearchParams(body);
    }
    const decision = inMode(decideResponse(params, options, settled !== undefined), formPost && req.method === 'GET');
    send(res, decision.page);
    conclude(decision, () => record(req, `http://${host}:${port}`, body, decision.page));
  };
  const { servers, port } = await listenAll(host, options.port ?? 0, (req, res) => void onRequest(req, res));
  const redirectUri = callbackUrl({ callbackHost: host, callbackPath: path }, port);

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= Promise.all(servers.map(closeServer)).then(() => undefined));

  return {
    port,
    redirectUri,
    close,
    deliver(url) {
      if (settled) throw new AppError('conflict', 'This sign-in was already handled; the pasted URL was ignored');
      const params = pastedResponse(url, redirectUri, formPost);
      const decision = inMode(decideResponse(params, options, false), formPost);
      conclude(decision, () => pasted(url.trim(), decision.page));
      return { accepted: decision.stateSent === undefined, message: decision.page.summary };
    },
    waitForCallback: ({ timeoutMs, signal }) =>
      new Promise<CallbackResult>((resolve) => {
        const end = (r: CallbackResult) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          notify = undefined;
          resolve(r);
        };
        const onAbort = () => end({ outcome: { kind: 'cancelled' }, waitedMs: waited() });
        const onTimeout = () =>
          end(
            refused
              ? {
                  outcome: { kind: 'state_mismatch', stateSent: refused.stateSent, refused: refused.count },
                  exchange: refused.exchange,
                  waitedMs: waited(),
                }
              : { outcome: { kind: 'timeout' }, waitedMs: waited() },
          );
        const timer = setTimeout(onTimeout, timeoutMs);
        if (settled) return end(settled);
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        notify = end;
      }),
  };
}

/** The page refusing a request that is not a callback (target, path, Host, method), or undefined for a callback. */
function checkRequest(
  req: IncomingMessage,
  authority: string,
  path: string,
  formPost: boolean,
): CallbackPage | undefined {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return notACallbackPage(400, 'Only origin-form request targets are served here.');
  if (new URL(target, 'http://loopback').pathname !== path)
    return notACallbackPage(404, 'Nothing is served here but the sign-in callback.');
  // A different Host means another name resolved to the loopback (DNS rebinding) or a proxy: not our redirect URI.
  if (req.headers.host !== authority)
    return notACallbackPage(400, `The callback must be addressed to ${authority}, as the redirect URI is.`);
  // With form_post a GET is still read: an IdP that ignores response_mode answers in the query (see inMode).
  if (req.method !== (formPost ? 'POST' : 'GET') && !(formPost && req.method === 'GET'))
    return methodNotAllowedPage(formPost ? 'POST, GET' : 'GET');
  return undefined;
}

/**
 * `decision` for a response that came in the query (a GET or a pasted URL) while the profile asks for form_post
 * (`queryInFormPost`): state, iss and error are decided as they are, but a code is not exchanged — the IdP
 * ignored response_mode=form_post, which the Test reports.
 */
function inMode(decision: Decision, queryInFormPost: boolean): Decision {
  if (!queryInFormPost || decision.result?.outcome.kind !== 'code') return decision;
  return {
    page: refusedPage(
      'This profile asks for response_mode=form_post, but the identity provider answered in the URL (query), so the code was not exchanged.',
    ),
    result: { outcome: { kind: 'response_mode_ignored' } },
  };
}

function send(res: ServerResponse, page: CallbackPage): void {
  res.writeHead(page.status, page.statusText, page.headers);
  res.end(page.body);
}

/** The callback as an Exchange (a form_post's body included); the caller's redactor masks `code` (by name and by value). */
function record(req: IncomingMessage, origin: string, body: string | null, page: CallbackPage): Exchange {
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return {
    step: 'callback',
    request: { method: req.method ?? 'GET', url: `${origin}${req.url ?? ''}`, headers, body },
    response: response(page),
    durationMs: 0,
  };
}

/** A pasted URL as the callback Exchange: a GET of that URL that no browser sent, so without headers. */
function pasted(url: string, page: CallbackPage): Exchange {
  return {
    step: 'callback',
    request: { method: 'GET', url, headers: {}, body: null },
    response: response(page),
    durationMs: 0,
  };
}

function response(page: CallbackPage): Exchange['response'] {
  return { status: page.status, statusText: page.statusText, headers: { ...page.headers }, body: page.body };
}
