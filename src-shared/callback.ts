/**
 * The loopback redirect of the authorization-code flow as a profile chooses it (RFC 8252 §7.3, §8.3;
 * docs/security.md, "OAuth defences"): the host (`127.0.0.1` or `localhost`), the path, and how the IdP
 * returns the response (query, or an auto-submitted POST: OAuth 2.0 Form Post Response Mode). The port is the
 * profile's `callbackPort`. Pure zod and URL: the editor and main share it.
 */
import { z } from 'zod';

/** The loopback hosts a redirect URI may name; `127.0.0.1` is the default (RFC 8252 §8.3 prefers the IP literal). */
export const CALLBACK_HOSTS = ['127.0.0.1', 'localhost'] as const;
export type CallbackHost = (typeof CALLBACK_HOSTS)[number];

/** How the authorization response comes back: `query` (RFC 6749 §4.1.2) or `form_post` (Form Post Response Mode). */
export const RESPONSE_MODES = ['query', 'form_post'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** The path of the redirect URI when the profile names none. */
export const DEFAULT_CALLBACK_PATH = '/callback';
/** The longest Callback Path (characters). */
export const CALLBACK_PATH_MAX = 200;

/** Path characters allowed (RFC 3986 §3.3 pchar and "/"), without "?" and "#": no query, no fragment. */
const PATH_CHARS = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;

/**
 * Why `path` cannot be a Callback Path, or null when it can: it starts with "/", has at most CALLBACK_PATH_MAX
 * characters, only RFC 3986 path characters (no query "?", no fragment "#", no spaces), valid %-escapes, no
 * "." or ".." segment, and reads the same after URL parsing (so the browser asks for exactly this path).
 */
export function callbackPathProblem(path: string): string | null {
  if (!path.startsWith('/')) return 'Start the path with "/"';
  if (path.length > CALLBACK_PATH_MAX) return `At most ${CALLBACK_PATH_MAX} characters`;
  if (/[?#]/.test(path)) return 'No query ("?") or fragment ("#"): the IdP adds the parameters itself';
  if (!PATH_CHARS.test(path)) return "Letters, digits and - . _ ~ / : @ ! $ & ' ( ) * + , ; = only";
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return 'A "%" must start an escape such as %20';
  if (path.split('/').some((s) => s === '.' || s === '..')) return 'No "." or ".." segments';
  if (new URL(path, 'http://127.0.0.1').pathname !== path) return 'The path changes when a browser reads it';
  return null;
}

/** The Callback Host field: `127.0.0.1` (default) or `localhost`. */
export const callbackHost = z.enum(CALLBACK_HOSTS).default('127.0.0.1');

/** The Callback Path field: see callbackPathProblem; `/callback` by default (and when left empty). */
export const callbackPath = z
  .string()
  .trim()
  .superRefine((path, ctx) => {
    const problem = path ? callbackPathProblem(path) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .default(DEFAULT_CALLBACK_PATH);

/** The Response Mode field: `query` (default) or `form_post`. */
export const responseMode = z.enum(RESPONSE_MODES).default('query');

/**
 * What became of a URL pasted from the browser's address bar (`test:paste-callback`): `accepted` when it
 * decided the sign-in (a code, or an error the Test then reports); `message` says what happened, never the code.
 */
export interface PasteCallbackResult {
  accepted: boolean;
  message: string;
}

/** The parts of a profile that make its redirect URI. */
export interface CallbackChoice {
  callbackHost?: CallbackHost;
  callbackPort?: number;
  callbackPath?: string;
}

/**
 * The loopback redirect URI (RFC 8252 §7.3) of `choice`, e.g. `http://localhost:8400/auth/cb`; `port` (the one
 * chosen for a Test) wins over the profile's, and with neither the port reads `{port}`.
 */
export function callbackUrl(choice: CallbackChoice = {}, port?: number): string {
  const host = choice.callbackHost ?? '127.0.0.1';
  const path = choice.callbackPath || DEFAULT_CALLBACK_PATH;
  return `http://${host}:${port ?? choice.callbackPort ?? '{port}'}${path}`;
}

/**
 * What to register at the IdP, in one or two sentences: with a fixed Callback Port the exact redirect URI;
 * without one the port-less loopback URI (RFC 8252 §7.3 lets the IdP accept any port), and, for IdPs that
 * match exactly, a fixed port to set — the port this Test used (`redirectUri`) when known — and its exact URI.
 */
export function registerAdvice(choice: CallbackChoice, redirectUri?: string): string {
  if (choice.callbackPort) return `Register exactly ${callbackUrl(choice)} as a redirect URL of the client.`;
  const host = choice.callbackHost ?? '127.0.0.1';
  const path = choice.callbackPath || DEFAULT_CALLBACK_PATH;
  const used = redirectUri ? Number(new URL(redirectUri).port) || undefined : undefined;
  const exact = used
    ? `set the Callback Port to ${used} and register exactly ${callbackUrl(choice, used)}`
    : `set a fixed Callback Port and register exactly ${callbackUrl(choice)} with that port`;
  return (
    `Register http://${host}${path} as a redirect URL of the client if the IdP accepts any loopback port ` +
    `(RFC 8252 §7.3); if it matches redirect URLs exactly (Microsoft Entra, Okta), ${exact}.`
  );
}

/** The callback fields of `profile` (of any grant; empty for a grant without a browser sign-in, or none). */
export function callbackChoice(profile?: object): CallbackChoice {
  const { callbackHost, callbackPort, callbackPath } = (profile ?? {}) as CallbackChoice;
  return { callbackHost, callbackPort, callbackPath };
}
