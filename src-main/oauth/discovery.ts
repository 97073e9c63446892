/**
 * Reads an authorization server's metadata (docs/architecture.md, "A Test, step by step"): GET
 * `<issuer>/.well-known/openid-configuration` (OIDC Discovery 1.0 §4.1), and when that answers no JSON object,
 * RFC 8414's `/.well-known/oauth-authorization-server` inserted between host and path (RFC 8414 §3.1). Each
 * fetch is an Exchange of step `discovery`, sent through the caller's `send` (the recording client with the
 * profile's transport, deadline and Cancel). The document is validated (src-shared/discovery.ts) and its
 * `issuer` must be the requested one (RFC 8414 §3.3, OIDC Discovery 1.0 §4.3).
 */
import { AppError, type ErrorData } from '../../src-shared/errors';
import {
  discoveryMetadata,
  type DiscoveryResult,
  type DiscoverySource,
  isAllowedEndpoint,
} from '../../src-shared/discovery';
import type { Exchange } from '../../src-shared/test-run';
import type { OutgoingRequest } from './flow';
import { renderUrl } from './templates';

/** Sends one discovery GET and records it (FlowContext.send fits). */
export type DiscoverySend = (step: 'discovery', request: OutgoingRequest) => Promise<Exchange>;

/** The outcome of a discovery: its exchanges (one or two), and the result or a classified error. */
export interface DiscoveryAttempt {
  exchanges: Exchange[];
  result?: DiscoveryResult;
  error?: ErrorData;
}

/**
 * The two well-known URLs of `issuer`, in the order they are tried: OIDC Discovery 1.0 §4.1 appends to the
 * issuer's path, RFC 8414 §3.1 inserts between host and path. Throws AppError('invalid_request') for an issuer
 * that is not an https URL (http only to loopback) or carries a query or fragment (RFC 8414 §2).
 */
export function wellKnownUrls(issuer: string): Array<{ source: DiscoverySource; url: string }> {
  if (!isAllowedEndpoint(issuer))
    throw issuerError('The Issuer must be an https URL (http only to 127.0.0.1, [::1] or localhost)');
  const url = new URL(issuer);
  if (url.search || url.hash || issuer.includes('?') || issuer.includes('#'))
    throw issuerError('The Issuer may not have a query or a fragment (RFC 8414 §2)');
  const path = url.pathname.replace(/\/+$/, '');
  return [
    { source: 'openid-configuration', url: `${url.origin}${path}/.well-known/openid-configuration` },
    { source: 'oauth-authorization-server', url: `${url.origin}/.well-known/oauth-authorization-server${path}` },
  ];
}

/**
 * Discovers the metadata of `issuerTemplate` (its `{tenant}` rendered with `tenant` as the flows render URLs).
 * Never throws for what the IdP answers (the attempt carries the error); throws AppError('invalid_request')
 * when the issuer or the tenant is refused before anything is sent.
 */
export async function discover(
  issuerTemplate: string,
  tenant: string | undefined,
  send: DiscoverySend,
): Promise<DiscoveryAttempt> {
  const issuer = renderUrl(issuerTemplate.trim(), tenant, 'issuer');
  const attempt: DiscoveryAttempt = { exchanges: [] };
  const failures: Array<{ url: string; error: ErrorData }> = [];
  for (const { source, url } of wellKnownUrls(issuer)) {
    const exchange = await send('discovery', { method: 'GET', url, headers: { accept: 'application/json' } });
    attempt.exchanges.push(exchange);
    const read = readDocument(exchange);
    if ('error' in read) {
      failures.push({ url, error: read.error });
      // A cancelled Test or an unreachable host gains nothing from the second URL.
      if (exchange.error && exchange.error.code !== 'body_too_large') break;
      continue;
    }
    const checked = validate(read.document, issuer, url);
    if ('error' in checked) return { ...attempt, error: checked.error };
    const { metadata } = checked;
    const result: DiscoveryResult = {
      issuer: metadata.issuer,
      url,
      source,
      ...(metadata.authorization_endpoint ? { authorizationUrl: metadata.authorization_endpoint } : {}),
      ...(metadata.token_endpoint ? { tokenUrl: metadata.token_endpoint } : {}),
      ...(metadata.device_authorization_endpoint
        ? { deviceAuthorizationUrl: metadata.device_authorization_endpoint }
        : {}),
      ...(metadata.pushed_authorization_request_endpoint
        ? { pushedAuthorizationRequestUrl: metadata.pushed_authorization_request_endpoint }
        : {}),
      ...(metadata.introspection_endpoint ? { introspectionUrl: metadata.introspection_endpoint } : {}),
      ...(metadata.revocation_endpoint ? { revocationUrl: metadata.revocation_endpoint } : {}),
      ...(metadata.userinfo_endpoint ? { userinfoUrl: metadata.userinfo_endpoint } : {}),
      metadata,
    };
    return { ...attempt, result };
  }
  // One line naming each URL tried and what it answered; the code is the first failure's.
  const [first] = failures;
  const message =
    failures.length === 1
      ? `No authorization server metadata at ${first!.url}: ${first!.error.message}`
      : `No authorization server metadata at ${failures.map((f) => `${f.url} (${f.error.message})`).join(' nor at ')}`;
  return { ...attempt, error: { code: first!.error.code, message } };
}

/** Like `discover`, but throws the error as an AppError with its code (for the editor and the CLI). */
export async function discoverOrThrow(
  issuer: string,
  tenant: string | undefined,
  send: DiscoverySend,
): Promise<DiscoveryResult> {
  const attempt = await discover(issuer, tenant, send);
  if (attempt.result) return attempt.result;
  const error = attempt.error!;
  throw new AppError(error.code, error.message, error.details);
}

/** The parsed JSON object of a 200 answer, or why there is none (a short phrase: "answered 404 Not Found"). */
function readDocument(exchange: Exchange): { document: Record<string, unknown> } | { error: ErrorData } {
  if (exchange.error) return { error: { code: exchange.error.code, message: exchange.error.message } };
  const response = exchange.response!;
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status >= 300 && response.status < 400)
    return { error: { code: 'redirect', message: `answered ${status}; redirects are not followed` } };
  if (response.status !== 200) return { error: { code: 'http_error', message: `answered ${status}` } };
  let document: unknown;
  try {
    document = JSON.parse(response.body ?? '');
  } catch {
    return { error: { code: 'invalid_response', message: 'answered 200 but not JSON' } };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return { error: { code: 'invalid_response', message: 'answered 200 but not a JSON object' } };
  return { document: document as Record<string, unknown> };
}

/** Validates the document and its issuer against the requested one (a trailing "/" aside). */
function validate(document: Record<string, unknown>, requested: string, url: string) {
  const parsed = discoveryMetadata.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0]!;
    return {
      error: {
        code: 'invalid_response' as const,
        message: `The metadata at ${url} is not valid: ${first.path || 'document'}: ${first.message}`,
        details: { issues },
      },
    };
  }
  const metadata = parsed.data;
  const strip = (s: string) => s.replace(/\/$/, '');
  if (strip(metadata.issuer) !== strip(requested)) {
    return {
      error: {
        code: 'invalid_response' as const,
        message: `The metadata at ${url} names the issuer "${metadata.issuer}", not "${requested}"; it was refused (RFC 8414 §3.3)`,
      },
    };
  }
  return { metadata };
}

function issuerError(message: string): AppError {
  return new AppError('invalid_request', message, { issues: [{ path: 'issuer', message }] });
}
