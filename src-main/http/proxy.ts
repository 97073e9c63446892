/**
 * Which proxy a request goes through. The profile's own proxy wins and applies to every call of the
 * profile; otherwise the environment decides, read by `proxy-from-env` (the library axios itself uses):
 * `https_proxy` / `HTTPS_PROXY` for https targets, `http_proxy` / `HTTP_PROXY` for http targets,
 * `all_proxy` / `ALL_PROXY` as a fallback, and `no_proxy` / `NO_PROXY` exempting hosts (`*` for all, a
 * bare name for that host exactly, `.example.com` or `*.example.com` for its subdomains, `host:port` for
 * one port). Loopback targets never use an environment proxy: a proxy cannot reach this machine's
 * 127.0.0.1, and a loopback IdP is the usual local test set-up.
 */
import { getProxyForUrl } from 'proxy-from-env';
import { isLoopbackHost } from '../../src-shared/profile';

/** A proxy decision: the proxy URL (http: or https:) and where it came from, or null for a direct connection. */
export type ProxyChoice = { url: URL; source: 'profile' | 'environment' } | null;

/**
 * The proxy for `target`: `profileProxy` when set, else the one `process.env` names for it (honouring
 * NO_PROXY and the loopback exemption). An environment value without a scheme (`proxy:3128`) takes the
 * target's scheme. Throws TypeError for a proxy value that is not a URL.
 */
export function resolveProxy(target: string, profileProxy: string | undefined): ProxyChoice {
  if (profileProxy) return { url: new URL(profileProxy), source: 'profile' };
  const url = new URL(target);
  if (isLoopbackHost(url.hostname)) return null;
  const fromEnv = getProxyForUrl(url);
  return fromEnv ? { url: new URL(fromEnv), source: 'environment' } : null;
}
