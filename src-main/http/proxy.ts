/**
 * Which proxy a request goes through. The profile's own proxy wins and applies to every call of the
 * profile; otherwise the environment decides as curl does: `https_proxy` / `HTTPS_PROXY` for https
 * targets, `http_proxy` / `HTTP_PROXY` for http targets, `all_proxy` / `ALL_PROXY` as a fallback, and
 * `no_proxy` / `NO_PROXY` exempting hosts. Loopback targets never use an environment proxy (a proxy cannot
 * reach this machine's 127.0.0.1, and a loopback IdP is the usual local test set-up).
 */
import { isLoopbackHost } from '../../src-shared/profile';

/** The environment variables this module reads (a subset of process.env). */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** A proxy decision: the proxy URL (http: or https:) and where it came from, or null for a direct connection. */
export type ProxyChoice = { url: URL; source: 'profile' | 'environment' } | null;

/**
 * The proxy for `target`: `profileProxy` when set, else the environment's (honouring NO_PROXY and the
 * loopback exemption). An environment value without a scheme (`proxy:3128`) means http://. Throws
 * TypeError for a proxy value that is not a URL.
 */
export function resolveProxy(target: string, profileProxy: string | undefined, env: ProxyEnv = process.env): ProxyChoice {
  if (profileProxy) return { url: new URL(profileProxy), source: 'profile' };
  const url = new URL(target);
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const raw = first(env, `${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY');
  if (!raw) return null;
  if (isLoopbackHost(url.hostname)) return null;
  const port = url.port || (scheme === 'https' ? '443' : '80');
  if (noProxyMatches(first(env, 'no_proxy', 'NO_PROXY') ?? '', url.hostname, port)) return null;
  return { url: new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`), source: 'environment' };
}

/**
 * NO_PROXY matching: entries separated by commas or spaces; `*` matches everything; `host`, `.host` and
 * `*.host` match the host and its subdomains; `host:port` only that port; IP literals match exactly.
 */
export function noProxyMatches(noProxy: string, hostname: string, port: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
    if (!raw) continue;
    if (raw === '*') return true;
    const { name, entryPort } = splitEntry(raw);
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '').replace(/\.$/, '');
    if (bare && (host === bare || host.endsWith(`.${bare}`))) return true;
  }
  return false;
}

/** `[::1]:8080` → ::1 + 8080; `::1` → ::1 (an IPv6 literal has no port without brackets); `a.b:80` → a.b + 80. */
function splitEntry(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] };
  if (entry.split(':').length > 2) return { name: entry };
  const [name, entryPort] = entry.split(':') as [string, string | undefined];
  return { name, entryPort: entryPort || undefined };
}

function first(env: ProxyEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = env[name]?.trim();
    if (v) return v;
  }
  return undefined;
}
