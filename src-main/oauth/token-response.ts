/**
 * Reads a token endpoint's answer (RFC 6749 §5.1 success, §5.2 error) into a TokenSummary or a TestError.
 * Hostile answers (HTML, truncated JSON, 200 without access_token, 200 carrying `error`, odd expires_in)
 * each become a classified error, never an exception.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Exchange, TestError, TokenSummary } from '../../src-shared/test-run';
import { diagnose, type DiagnosisFacts } from './diagnose';
import { decodeForDisplay } from './jwt';
import { refreshLifetime } from './refresh-lifetime';

/** The parts of a successful token response the engine keeps (the tokens go to the caller, not the run). */
export interface TokenResult {
  summary: TokenSummary;
  accessToken: string;
  refreshToken?: string;
  /** The refresh token's lifetime in seconds as stated (`refresh_expires_in`, `refresh_token_expires_in`). */
  refreshExpiresIn?: number;
  /** ISO-8601: the JWT refresh token's `exp`, when no lifetime in seconds was stated. */
  refreshExpiresAt?: string;
  /** The ID token (OIDC Core §3.1.3.3), kept with the held token so a token exchange may send it (RFC 8693 §3). */
  idToken?: string;
}

export type Interpretation = { ok: true; token: TokenResult } | { ok: false; error: TestError };

/**
 * Interprets a recorded token exchange; `facts` (the profile, the authorize redirect_uri, the run's clock) let a
 * failure's diagnosis name the field to change.
 */
export function interpretTokenExchange(
  exchange: Exchange,
  facts: Omit<DiagnosisFacts, 'exchange'> = {},
): Interpretation {
  const fail = (error: Omit<TestError, 'diagnosis' | 'hint'>): Interpretation => ({
    ok: false,
    error: { ...error, ...diagnose(error, { ...facts, exchange }) },
  });
  if (exchange.error && exchange.error.code !== 'body_too_large')
    return fail({ code: exchange.error.code, message: exchange.error.message });
  const res = exchange.response;
  if (!res) return fail({ code: 'network', message: 'No response was received' });
  const status = res.status;
  if (res.truncated)
    return fail({
      code: 'body_too_large',
      message: exchange.error?.message ?? 'The response body is too large',
      status,
    });

  if (status >= 300 && status < 400) {
    const location = res.headers.location;
    return fail({
      code: 'redirect',
      message: `The token endpoint answered HTTP ${status}${location ? ` redirecting to ${withoutQuery(location)}` : ''}; redirects are not followed for token requests`,
      status,
    });
  }

  const parsed = parseBody(res.body, res.headers['content-type'] ?? '');
  if (parsed.kind === 'object' && typeof parsed.value.error === 'string') {
    const v = parsed.value;
    return fail({
      code: 'oauth_error',
      // The description is its own field (shown beside the code), so the message does not repeat it.
      message: `The IdP refused the token request: HTTP ${status}, error "${v.error}"`,
      status,
      oauthError: v.error as string,
      ...(typeof v.error_description === 'string' ? { oauthErrorDescription: v.error_description } : {}),
      ...(safeErrorUri(v.error_uri) ? { oauthErrorUri: safeErrorUri(v.error_uri)! } : {}),
    });
  }
  if (status < 200 || status >= 300) {
    return fail({
      code: 'http_error',
      message: `The token endpoint answered HTTP ${status} ${res.statusText}`.trim() + describeBody(parsed),
      status,
    });
  }
  if (parsed.kind !== 'object') {
    return fail({
      code: 'invalid_response',
      message: `The token endpoint answered HTTP ${status}, but ${describeUnparsed(parsed)}`,
      status,
    });
  }
  const v = parsed.value;
  if (typeof v.access_token !== 'string' || v.access_token.length === 0) {
    return fail({
      code: 'invalid_response',
      message: `HTTP ${status} without an access_token (RFC 6749 §5.1 requires one)${otherName(v)}`,
      status,
    });
  }
  if (typeof v.token_type !== 'string' || v.token_type.length === 0) {
    return fail({
      code: 'invalid_response',
      message: `HTTP ${status} without a token_type (RFC 6749 §5.1 requires one)`,
      status,
    });
  }
  const expiresIn = parseExpiresIn(v.expires_in);
  if (expiresIn === 'invalid') {
    return fail({
      code: 'invalid_response',
      message: `expires_in is ${JSON.stringify(v.expires_in)}; RFC 6749 §5.1 expects a non-negative number of seconds`,
      status,
    });
  }
  const { claims } = decodeForDisplay(v.access_token);
  const refreshToken = typeof v.refresh_token === 'string' ? v.refresh_token : undefined;
  return {
    ok: true,
    token: {
      accessToken: v.access_token,
      ...(refreshToken !== undefined ? { refreshToken } : {}),
      ...refreshLifetime(v, refreshToken),
      ...(typeof v.id_token === 'string' && v.id_token !== '' ? { idToken: v.id_token } : {}),
      summary: {
        tokenType: v.token_type,
        ...(expiresIn !== undefined ? { expiresIn } : {}),
        ...(typeof v.scope === 'string' ? { scope: v.scope } : {}),
        hasRefreshToken: typeof v.refresh_token === 'string',
        ...(claims ? { claims } : {}),
      },
    },
  };
}

type Parsed =
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'empty' }
  | { kind: 'html' }
  | { kind: 'bad-json'; reason: string }
  | { kind: 'other'; contentType: string };

function parseBody(body: string | null, contentType: string): Parsed {
  if (body === null || body.trim() === '') return { kind: 'empty' };
  const ct = contentType.toLowerCase();
  const trimmed = body.trimStart();
  if (ct.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(body);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return { kind: 'object', value: value as Record<string, unknown> };
      return { kind: 'bad-json', reason: 'the JSON is not an object' };
    } catch (err) {
      if (/^\s*</.test(body)) return { kind: 'html' };
      return { kind: 'bad-json', reason: `the JSON is invalid (${(err as Error).message})` };
    }
  }
  if (ct.includes('text/html') || /^<(!doctype html|html|head|body)/i.test(trimmed)) return { kind: 'html' };
  if (ct.includes('xml') || trimmed.startsWith('<')) return parseXml(body);
  if (ct.includes('application/x-www-form-urlencoded')) {
    return { kind: 'object', value: Object.fromEntries(new URLSearchParams(body.trim())) };
  }
  return { kind: 'other', contentType: contentType || 'no Content-Type' };
}

/**
 * An XML token response (some legacy IdPs): the root element's children become the fields. Entities and
 * DTDs are not processed (no XXE, no entity expansion).
 */
function parseXml(body: string): Parsed {
  try {
    const doc = new XMLParser({
      processEntities: false,
      ignoreDeclaration: true,
      ignoreAttributes: true,
      parseTagValue: false,
    }).parse(body, true) as Record<string, unknown>;
    const root = Object.values(doc).find((v) => v && typeof v === 'object') as Record<string, unknown> | undefined;
    if (!root) return { kind: 'bad-json', reason: 'the XML has no root element with fields' };
    const value = Object.fromEntries(
      Object.entries(root).map(([k, v]) => [k, typeof v === 'string' && k === 'expires_in' ? Number(v) : v]),
    );
    return { kind: 'object', value };
  } catch (err) {
    return { kind: 'bad-json', reason: `the XML is invalid (${(err as Error).message.split('\n')[0]})` };
  }
}

function describeUnparsed(p: Parsed): string {
  switch (p.kind) {
    case 'empty':
      return 'the body is empty';
    case 'html':
      return 'the body is an HTML page, not a JSON token response';
    case 'bad-json':
      return p.reason;
    case 'other':
      return `the body is not JSON (${p.contentType})`;
    default:
      return 'the body is not a token response';
  }
}

function describeBody(p: Parsed): string {
  return p.kind === 'html' ? ' with an HTML page' : p.kind === 'empty' ? ' with an empty body' : '';
}

/**
 * A note when the answer carries the token under another name (`accessToken`): not accepted, since RFC 6749
 * §5.1 names `access_token`; the redactor masks its value (docs/security.md, "The redactor").
 */
function otherName(v: Record<string, unknown>): string {
  const key = Object.keys(v).find(
    (k) => k !== 'access_token' && k.replace(/[-_]/g, '').toLowerCase() === 'accesstoken',
  );
  return key ? `; it has "${key.slice(0, 40)}", which is not the standard name` : '';
}

/** A redirect target for a message: its query and fragment may carry codes or tokens, so they are left out. */
function withoutQuery(location: string): string {
  return location.replace(/[?#].*$/s, '');
}

/** RFC 6749 §5.1 `expires_in`: a number of seconds; numeric strings are tolerated (common in the wild). */
function parseExpiresIn(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 'invalid';
}

/** Keeps `error_uri` only when it is an http(s) URL: a `javascript:` link must never reach the UI. */
function safeErrorUri(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
