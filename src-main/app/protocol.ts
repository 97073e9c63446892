/**
 * The renderer's own origin, `app://authbench` (docs/security.md, "Electron settings"): a privileged standard
 * scheme whose handler serves the built renderer's files and nothing else, each with the Content Security
 * Policy as a response header (so `frame-ancestors` applies, which a meta CSP cannot carry).
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';

/** The scheme of the renderer's origin. */
export const APP_SCHEME = 'app';
/** The renderer's origin; the only host the handler serves. */
export const APP_ORIGIN = `${APP_SCHEME}://authbench`;
/** The page the main window loads. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * The CSP sent with every file: the policy of the meta tag in src-renderer/index.html plus `frame-ancestors
 * 'none'` (no page may frame the app), which only a header can set (CSP Level 3 §6.4.2).
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Registers `app:` as standard (relative URLs, a real origin), secure and fetch-capable; Electron requires
 * this before the app is ready (it throws after), so main calls it first. `corsEnabled` stays unset: it
 * would let other origins read the app's files.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererDir` (out/renderer) at {@link APP_ORIGIN} with {@link rendererResponse}; after ready. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request, rendererDir));
}

/**
 * Answers one `app:` request from the files under `rendererDir`: 200 with the file, its content type and
 * the CSP; 404 for another host or a missing file; 403 for a path that leaves `rendererDir` (`..`, an
 * encoded slash or backslash, a NUL, a symlink out); 405 for a method other than GET or HEAD. Never throws.
 */
export async function rendererResponse(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad Request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== new URL(APP_ORIGIN).host) return plain(404, 'Not Found');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'Bad Request');
  }
  if (path.endsWith('/')) path += 'index.html';
  if (path.includes('\0') || path.includes('\\')) return plain(403, 'Forbidden');
  const file = await insideRoot(rendererDir, path);
  if (file === 'outside') return plain(403, 'Forbidden');
  if (file === undefined) return plain(404, 'Not Found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not Found');
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': type },
  });
}

const SECURITY_HEADERS = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
} as const;

/** The real path of `path` under `root`; 'outside' when it (or a symlink on the way) leaves root. */
async function insideRoot(root: string, path: string): Promise<string | 'outside' | undefined> {
  const base = resolve(root);
  const target = resolve(base, `.${sep}${path.replace(/^\/+/, '')}`);
  if (!within(base, target)) return 'outside';
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    return undefined;
  }
  return within(await realpath(base), real) ? real : 'outside';
}

function within(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
