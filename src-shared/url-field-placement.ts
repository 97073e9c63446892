/**
 * Where a `{{field}}` may stand in a URL field (docs/security.md, "Hostile input"): in the host, path, query or
 * fragment, where a typed value is checked and percent-encoded when the URL is rendered — never in the scheme,
 * user info or port (RFC 3986 §3), which decide where a request goes and which no typed value may change.
 */

/** The `{{name}}` template of a value typed at Test time (or provided by the engine). */
export const FIELD_TEMPLATE = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * Why `url` has a `{{field}}` where none may stand (its scheme, user info or port), or null when it has none
 * there. Parses the RFC 3986 §3 generic syntax by hand, so a URL that `new URL` refuses is still placed.
 */
export function fieldPlacementProblem(url: string): string | null {
  if (!url.includes('{{')) return null;
  const m = /^([^:/?#]*):(?:\/\/([^/?#]*))?/.exec(url.trim());
  if (!m) return url.trim().startsWith('{{') ? PROBLEM('scheme') : null;
  const scheme = m[1] ?? '';
  const authority = m[2] ?? '';
  if (scheme.includes('{{')) return PROBLEM('scheme');
  const at = authority.lastIndexOf('@');
  if (at >= 0 && authority.slice(0, at).includes('{{')) return PROBLEM('user info');
  const hostPort = authority.slice(at + 1);
  const portStart = hostPort.startsWith('[') ? hostPort.indexOf(']:') + 1 : hostPort.lastIndexOf(':');
  if (portStart > 0 && hostPort.slice(portStart).includes('{{')) return PROBLEM('port');
  return null;
}

const PROBLEM = (part: string) =>
  `A {{field}} cannot be in the URL's ${part}: only in its host (as one label), path, query or fragment`;
