/**
 * The static pages the loopback server shows in the browser after a sign-in (docs/architecture.md, "A Test, step by step"): plain HTML,
 * no script, every dynamic value escaped, served with a CSP that allows nothing but the inline style.
 */

/** One page to send: status, headers and body. */
export interface CallbackPage {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** The page's first paragraph as plain text (what a pasted URL's submitter is told). */
  summary: string;
}

// The page URL carries the authorization code: no referrer, no caching, nothing loaded from elsewhere.
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // One response per connection, so closing the server never waits on an idle keep-alive socket.
  connection: 'close',
} as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2328}' +
  'h1{font-size:1.4rem}.ok{color:#1a7f37}.bad{color:#cf222e}p{line-height:1.5}code{background:#f6f8fa;padding:0 .2rem}';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(
  status: number,
  statusText: string,
  kind: 'ok' | 'bad',
  title: string,
  paragraphs: string[],
): CallbackPage {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authbench: ${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body><h1 class="${kind}">${escapeHtml(title)}</h1>` +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    '</body></html>';
  return { status, statusText, headers: { ...HEADERS }, body, summary: paragraphs[0] ?? title };
}

/** Shown when the callback carried a code with the right state: the Test continues in Authbench. */
export function successPage(): CallbackPage {
  return page(200, 'OK', 'ok', 'Signed in', [
    'Authbench received the authorization response and is exchanging the code.',
    'You can close this tab and return to Authbench.',
  ]);
}

/** Shown when the IdP answered with an error (RFC 6749 §4.1.2.1), e.g. `access_denied`. */
export function idpErrorPage(error: string, description?: string): CallbackPage {
  return page(400, 'Bad Request', 'bad', 'Sign-in did not complete', [
    `The identity provider answered "${error}"${description ? `: ${description}` : '.'}`,
    'Authbench shows the details in the Test result. You can close this tab.',
  ]);
}

/** Shown when the callback was refused (wrong state, wrong issuer, no code): no code is exchanged. */
export function refusedPage(reason: string): CallbackPage {
  return page(400, 'Bad Request', 'bad', 'Callback refused', [
    reason,
    'No authorization code was exchanged. You can close this tab.',
  ]);
}

/** Shown for every callback after the first: the flow was already handled, nothing more happens. */
export function alreadyHandledPage(): CallbackPage {
  return page(409, 'Conflict', 'bad', 'Already handled', [
    'This sign-in was already handled; this request was ignored. You can close this tab.',
  ]);
}

/**
 * A plain 4xx for requests that are not a callback (wrong path or Host; a form_post body too large or of
 * another type); the flow keeps waiting.
 */
export function notACallbackPage(status: 400 | 404 | 413 | 415, reason: string): CallbackPage {
  const text = {
    400: 'Bad Request',
    404: 'Not Found',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
  }[status];
  return page(status, text, 'bad', text, [reason]);
}

/** A 405 for a method the callback does not take, with the `Allow` header naming `allowed` (e.g. "GET"). */
export function methodNotAllowedPage(allowed: string): CallbackPage {
  const result = page(405, 'Method Not Allowed', 'bad', 'Method Not Allowed', [
    `The callback accepts ${allowed.replace(', ', ' or ')} only.`,
  ]);
  return { ...result, headers: { ...result.headers, allow: allowed } };
}
