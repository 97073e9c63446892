/**
 * The loopback redirect endpoint of the authorization-code flow (RFC 8252 §7.3, §8.3; docs/security.md, "OAuth defences",
 * N5): an HTTP server on 127.0.0.1 only, OS-chosen port (or the profile's), opened per flow. Only
 * `GET /callback` with `Host: 127.0.0.1:<port>` is a callback; anything else gets a 4xx and the flow keeps
 * waiting. A callback with a wrong or missing `state` gets a 400 and the flow keeps waiting too, up to
 * MAX_REFUSED_CALLBACKS of them; the first callback with the right state decides the flow (`iss` checked),
 * later ones see "already handled".
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../src-shared/errors';
import type { Exchange, HeaderMap } from '../../src-shared/test-run';
import {
  alreadyHandledPage,
  idpErrorPage,
  notACallbackPage,
  refusedPage,
  successPage,
  type CallbackPage,
} from './callback-pages';

/**
 * After this many callbacks with a wrong or missing `state` the server stops waiting (`too_many_refused`):
 * someone is guessing, or the IdP does not echo the state (RFC 6749 §4.1.2).
 */
export const MAX_REFUSED_CALLBACKS = 10;

/**
 * What the first callback with the right `state` said, after the checks. `state_mismatch`: the wait ended
 * (timeout) with only refused callbacks, `refused` of them, the last one with a state or not (`stateSent`);
 * `too_many_refused`: MAX_REFUSED_CALLBACKS came; `timeout` and `cancelled` when no callback decided.
 */
export type CallbackOutcome =
  | { kind: 'code'; code: string }
  | { kind: 'idp_error'; error: string; description?: string; uri?: string }
  | { kind: 'state_mismatch'; stateSent: boolean; refused: number }
  | { kind: 'too_many_refused'; refused: number }
  | { kind: 'issuer_mismatch'; received: string }
  | { kind: 'missing_code' }
  | { kind: 'timeout' }
  | { kind: 'cancelled' };

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
  /** A fixed port (1024–65535); absent or 0 = OS-chosen. */
  port?: number;
  /** The `state` sent on the authorization request (RFC 6749 §4.1.1). */
  state: string;
  /** Whether a callback's `iss` names the expected issuer (RFC 9207 §2.4); asked only when one is sent. */
  acceptsIssuer(iss: string): boolean;
}

/** A listening callback server; `close` is idempotent and resolves once the port is released. */
export interface LoopbackServer {
  port: number;
  /** `http://127.0.0.1:<port>/callback` */
  redirectUri: string;
  /**
   * Resolves with the first valid callback, or `too_many_refused`; after `timeoutMs` with `state_mismatch` when
   * callbacks were refused, else `timeout`; `cancelled` when `signal` aborts.
   */
  waitForCallback(options: { timeoutMs: number; signal?: AbortSignal }): Promise<CallbackResult>;
  close(): Promise<void>;
}

/**
 * Starts the callback server on 127.0.0.1. Throws AppError('conflict') naming the port when a fixed port is
 * in use (EADDRINUSE), AppError('invalid_request') when it may not be bound.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  let settled: CallbackResult | undefined;
  let notify: ((r: CallbackResult) => void) | undefined;
  let refused: { count: number; stateSent: boolean; exchange: Exchange } | undefined;
  const started = performance.now();
  const waited = () => Math.round(performance.now() - started);
  const server = createServer((req, res) => {
    const { page, result, stateSent } = handle(req, port, options, settled !== undefined);
    send(res, page);
    if (settled) return;
    if (stateSent !== undefined) {
      // A forged or stale callback must not end the sign-in (RFC 9700 §4.7): refuse it and keep waiting.
      const count = (refused?.count ?? 0) + 1;
      refused = { count, stateSent, exchange: record(req, port, page) };
      if (count < MAX_REFUSED_CALLBACKS) return;
      settled = {
        outcome: { kind: 'too_many_refused', refused: count },
        exchange: refused.exchange,
        waitedMs: waited(),
      };
      notify?.(settled);
    } else if (result) {
      settled = { ...result, exchange: record(req, port, page), waitedMs: waited() };
      notify?.(settled);
    }
  });
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      // Pages go out with `Connection: close`; a socket still open shortly after (a browser's speculative
      // preconnect that never sent a request) is cut.
      const force = setTimeout(() => server.closeAllConnections(), 250);
      server.close(() => (clearTimeout(force), resolve()));
      server.closeIdleConnections();
    }));

  return {
    port,
    redirectUri: `http://127.0.0.1:${port}/callback`,
    close,
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

/**
 * Decides one request: the page to answer with and, for a callback with the right state, its outcome;
 * `stateSent` is set for a callback refused for its state.
 */
function handle(
  req: IncomingMessage,
  port: number,
  options: LoopbackOptions,
  done: boolean,
): { page: CallbackPage; result?: { outcome: CallbackOutcome }; stateSent?: boolean } {
  const target = req.url ?? '';
  if (!target.startsWith('/'))
    return { page: notACallbackPage(400, 'Only origin-form request targets are served here.') };
  const url = new URL(target, 'http://127.0.0.1');
  if (url.pathname !== '/callback')
    return { page: notACallbackPage(404, 'Nothing is served here but the sign-in callback.') };
  // A different Host means another name resolved to 127.0.0.1 (DNS rebinding) or a proxy: not our redirect URI.
  if (req.headers.host !== `127.0.0.1:${port}`)
    return { page: notACallbackPage(400, 'The callback must be addressed to 127.0.0.1 and this port.') };
  if (req.method !== 'GET') return { page: notACallbackPage(405, 'The callback accepts GET only.') };
  if (done) return { page: alreadyHandledPage() };

  const q = url.searchParams;
  const state = q.get('state');
  if (state === null || !sameSecret(state, options.state)) {
    return {
      page: refusedPage('The state parameter does not match this sign-in, so the response may be forged or stale.'),
      stateSent: state !== null,
    };
  }
  const iss = q.get('iss');
  if (iss !== null && !options.acceptsIssuer(iss)) {
    return {
      page: refusedPage('The response names a different issuer than this profile expects (RFC 9207).'),
      result: { outcome: { kind: 'issuer_mismatch', received: iss } },
    };
  }
  const error = q.get('error');
  if (error !== null) {
    const description = q.get('error_description') ?? undefined;
    const uri = q.get('error_uri') ?? undefined;
    return {
      page: idpErrorPage(error, description),
      result: {
        outcome: { kind: 'idp_error', error, ...(description ? { description } : {}), ...(uri ? { uri } : {}) },
      },
    };
  }
  const code = q.get('code');
  if (!code)
    return {
      page: refusedPage('The response carries neither a code nor an error.'),
      result: { outcome: { kind: 'missing_code' } },
    };
  return { page: successPage(), result: { outcome: { kind: 'code', code } } };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, page: CallbackPage): void {
  res.writeHead(page.status, page.statusText, { ...page.headers, ...(page.status === 405 ? { allow: 'GET' } : {}) });
  res.end(page.body);
}

/** The callback as an Exchange; the caller's redactor masks `code` (by name and by value). */
function record(req: IncomingMessage, port: number, page: CallbackPage): Exchange {
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return {
    step: 'callback',
    request: { method: req.method ?? 'GET', url: `http://127.0.0.1:${port}${req.url ?? ''}`, headers, body: null },
    response: { status: page.status, statusText: page.statusText, headers: { ...page.headers }, body: page.body },
    durationMs: 0,
  };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new AppError(
            'conflict',
            `Callback port ${port} on 127.0.0.1 is already in use by another program; close it, or clear or change the Callback Port`,
            { issues: [{ path: 'callbackPort', message: `Port ${port} is in use` }] },
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new AppError(
            'invalid_request',
            `Callback port ${port} may not be opened on this machine; choose another Callback Port`,
            { issues: [{ path: 'callbackPort', message: `Port ${port} is not allowed` }] },
          ),
        );
      } else reject(err);
    });
    server.listen(port, '127.0.0.1', () => {
      // Later server errors (e.g. out of file descriptors on accept) must not crash the app; the wait times out.
      server.on('error', () => {});
      resolve();
    });
  });
}
