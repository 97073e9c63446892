/** Types for `proxy-from-env` 2.x, which ships none: the proxy URL for a target, '' for a direct connection. */
declare module 'proxy-from-env' {
  export function getProxyForUrl(url: string | URL): string;
}
