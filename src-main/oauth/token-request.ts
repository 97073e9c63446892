/**
 * Builds token requests exactly as a production client would send them (RFC 6749 §2.3.1, §4.4.2).
 */
import { scopeString, type ClientAuthMethod, type ScopeEntry } from '../../src-shared/profile';
import type { HeaderMap } from '../../src-shared/test-run';

export interface TokenRequest {
  method: 'POST';
  url: string;
  headers: HeaderMap;
  body: string;
}

/**
 * `application/x-www-form-urlencoded` encoding of one value (RFC 6749 Appendix B), as used for the
 * client id and secret before base64 in HTTP Basic (§2.3.1): space becomes `+`, reserved characters %XX.
 */
export function formUrlEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** The `Authorization: Basic …` value for a client (RFC 6749 §2.3.1, SECURITY.md N7). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`).toString('base64')}`;
}

/**
 * Extra token-request parameters from Kore's scope key/value pairs: every `scope` value joins the standard
 * `scope` parameter (space-separated, §3.3); any other key (e.g. `audience`, `resource`) is sent as is.
 */
export function scopeParameters(scopes: readonly ScopeEntry[]): [string, string][] {
  const params: [string, string][] = [];
  const scope = scopeString(scopes);
  if (scope) params.push(['scope', scope]);
  for (const s of scopes) if (s.key !== 'scope') params.push([s.key, s.value]);
  return params;
}

export interface ClientCredentialsInput {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | null;
  clientAuthMethod: ClientAuthMethod;
  scopes: readonly ScopeEntry[];
}

/** The client-credentials token request (RFC 6749 §4.4.2) with the profile's client authentication. */
export function buildClientCredentialsRequest(input: ClientCredentialsInput): TokenRequest {
  const form = new URLSearchParams([['grant_type', 'client_credentials'], ...scopeParameters(input.scopes)]);
  const headers: HeaderMap = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  switch (input.clientAuthMethod) {
    case 'client_secret_basic':
      headers.authorization = basicAuthorization(input.clientId, input.clientSecret ?? '');
      break;
    case 'client_secret_post':
      form.set('client_id', input.clientId);
      form.set('client_secret', input.clientSecret ?? '');
      break;
    case 'none':
      form.set('client_id', input.clientId);
      break;
  }
  return { method: 'POST', url: input.tokenUrl, headers, body: form.toString() };
}
