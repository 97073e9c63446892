/**
 * Where a profile sends its secrets: the origin (scheme://host:port, RFC 6454 §4) of each endpoint and of
 * the proxy. A change of origin means the stored secrets and the held token would go to another host, so
 * main drops them unless the update confirms they belong there too (docs/security.md, "Where each secret lives").
 */

/** The URL fields whose origin receives a secret or a token, with their labels as the editor shows them. */
export const ORIGIN_FIELDS = {
  authorizationUrl: 'Authorization URL',
  deviceAuthorizationUrl: 'Device Authorization URL',
  pushedAuthorizationRequestUrl: 'Pushed Authorization Request URL',
  tokenUrl: 'Token Request URL',
  refreshTokenUrl: 'Refresh Token URL',
  checkUrl: 'Authorization Check URL',
  introspectionUrl: 'Introspection URL',
  revocationUrl: 'Revocation URL',
  userinfoUrl: 'UserInfo URL',
  proxyUrl: 'Proxy URL',
} as const;
export type OriginField = keyof typeof ORIGIN_FIELDS;

/** One endpoint that moves: its field, the old origin (null when it had none) and the new one. */
export interface OriginChange {
  field: OriginField;
  from: string | null;
  to: string;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * The origin `scheme://host:port` of `url` in lower case with the default port made explicit, or null for
 * an empty value. A template such as `https://{tenant}.example.com` keeps its placeholder as typed.
 */
export function originOf(url: string | undefined | null): string | null {
  const text = url?.trim();
  if (!text) return null;
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)/i.exec(text);
  if (!match) return text.toLowerCase();
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!.replace(/^.*@/, '').toLowerCase();
  const port = /:(\d*)$/.exec(authority);
  const host = port ? authority.slice(0, -port[0].length) : authority;
  const portText = port?.[1] ? String(Number(port[1])) : (DEFAULT_PORTS[scheme] ?? '');
  return `${scheme}//${host}${portText ? `:${portText}` : ''}`;
}

type Urls = Partial<Record<OriginField, string | undefined>> & { tokenUrl: string };

/** The origin each field sends to; an absent Refresh Token URL means the Token Request URL (RFC 6749 §6). */
function origins(profile: Urls): Record<OriginField, string | null> {
  return {
    authorizationUrl: originOf(profile.authorizationUrl),
    deviceAuthorizationUrl: originOf(profile.deviceAuthorizationUrl),
    pushedAuthorizationRequestUrl: originOf(profile.pushedAuthorizationRequestUrl),
    tokenUrl: originOf(profile.tokenUrl),
    refreshTokenUrl: originOf(profile.refreshTokenUrl || profile.tokenUrl),
    checkUrl: originOf(profile.checkUrl),
    introspectionUrl: originOf(profile.introspectionUrl),
    revocationUrl: originOf(profile.revocationUrl),
    userinfoUrl: originOf(profile.userinfoUrl),
    proxyUrl: originOf(profile.proxyUrl),
  };
}

/**
 * The endpoints of `after` whose origin differs from `before`'s, in ORIGIN_FIELDS order; an endpoint that is
 * removed sends nothing new and is not a change. Pure: used by main (the rule) and the editor (the question).
 */
export function originChanges(before: object, after: object): OriginChange[] {
  const old = origins(before as Urls);
  const next = origins(after as Urls);
  return (Object.keys(ORIGIN_FIELDS) as OriginField[]).flatMap((field) => {
    const to = next[field];
    return to !== null && to !== old[field] ? [{ field, from: old[field], to }] : [];
  });
}
