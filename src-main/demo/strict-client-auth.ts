/**
 * A stricter token endpoint for the demo IdP: oidc-provider accepts client_secret_basic and client_secret_post
 * alike for a client registered with either, but many hosted IdPs accept only the registered method
 * (RFC 7591 §2 `token_endpoint_auth_method`). This middleware answers 401 `invalid_client` (RFC 6749 §5.2) to
 * HTTP Basic from a client registered for client_secret_post.
 */

interface KoaLike {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

/** Koa middleware for the provider: refuses Basic authentication of clients registered as client_secret_post. */
export function strictClientAuth(
  clients: readonly { client_id: string; token_endpoint_auth_method?: string }[],
): (ctx: KoaLike, next: () => Promise<void>) => Promise<void> {
  const postOnly = new Set(
    clients.filter((c) => c.token_endpoint_auth_method === 'client_secret_post').map((c) => c.client_id),
  );
  return async (ctx, next) => {
    const auth = ctx.headers.authorization;
    if (ctx.method === 'POST' && ctx.path === '/token' && typeof auth === 'string' && /^basic /i.test(auth)) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const clientId = decodeURIComponent(decoded.slice(0, Math.max(0, decoded.indexOf(':'))).replace(/\+/g, ' '));
      if (postOnly.has(clientId)) {
        ctx.status = 401;
        ctx.set('www-authenticate', 'Basic realm="token"');
        ctx.body = {
          error: 'invalid_client',
          error_description: 'client authentication failed (the client is registered for client_secret_post)',
        };
        return;
      }
    }
    await next();
  };
}
