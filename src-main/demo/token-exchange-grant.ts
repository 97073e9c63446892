/**
 * Token exchange (RFC 8693) for the demo IdP and the tests: oidc-provider has no such grant, so it is registered
 * with `registerGrantType`. The subject (and actor) token must be one this provider issued: an opaque token it
 * finds (`AccessToken.find`, `ClientCredentials.find`) or a JWT signed with its own key; an unknown audience or
 * resource is `invalid_target` (§2.2.2). It issues a client-credentials access token, or with
 * `requested_token_type` jwt a signed JWT with `token_type` `N_A` (§2.2.1).
 */
import { TOKEN_EXCHANGE_GRANT_TYPE, TOKEN_TYPE_URIS } from '../../src-shared/token-exchange-profile';

/** The `grant_type` of RFC 8693 §2.1. */
export const TOKEN_EXCHANGE = TOKEN_EXCHANGE_GRANT_TYPE;

type Found = { isExpired?: boolean; accountId?: string; clientId?: string } | undefined;
type Params = Record<string, string | string[] | undefined>;
type ExchangeCtx = { oidc: { client: { clientId: string; scope?: string }; params: Params }; body: unknown };

/** The slice of oidc-provider the grant uses. */
interface ExchangeProvider {
  issuer: string;
  registerGrantType(
    name: string,
    handler: (ctx: ExchangeCtx) => Promise<void>,
    params: string[],
    dupes: string[],
  ): void;
  AccessToken: { find(value: string): Promise<Found> };
  ClientCredentials: {
    find(value: string): Promise<Found>;
  } & (new (init: { client: unknown; scope?: string }) => { save(): Promise<string>; expiration: number });
}

/** oidc-provider's error classes the grant throws. */
export interface ExchangeErrors {
  InvalidRequest: new (description: string) => Error;
  InvalidTarget: new (description?: string) => Error;
}

/** What the grant accepts: the audiences and resources it knows, and the provider's signing key (a private JWK). */
export interface ExchangeOptions {
  audiences: readonly string[];
  signingKey: Record<string, unknown>;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Registers the token exchange grant on `provider` (RFC 8693 §2): `subject_token` and `subject_token_type` are
 * required, `actor_token` needs `actor_token_type`; a token this provider did not issue (or that expired) is
 * `invalid_request`; an audience or resource not in `options.audiences` is `invalid_target`.
 */
export function registerTokenExchange(provider: ExchangeProvider, errors: ExchangeErrors, options: ExchangeOptions) {
  const { InvalidRequest, InvalidTarget } = errors;
  const publicJwk = Object.fromEntries(
    Object.entries(options.signingKey).filter(([k]) => !PRIVATE_MEMBERS.includes(k)),
  );

  /** The subject of a token this provider issued, or null when it did not issue it or it expired. */
  async function subjectOf(value: string): Promise<string | null> {
    const opaque = (await provider.AccessToken.find(value)) ?? (await provider.ClientCredentials.find(value));
    if (opaque && !opaque.isExpired) return opaque.accountId ?? opaque.clientId ?? null;
    try {
      const { createLocalJWKSet, jwtVerify } = await import('jose');
      const { payload } = await jwtVerify(value, createLocalJWKSet({ keys: [publicJwk as never] }), {
        issuer: provider.issuer,
      });
      return String(payload.sub ?? payload.client_id ?? '');
    } catch {
      return null;
    }
  }

  provider.registerGrantType(
    TOKEN_EXCHANGE,
    async (ctx) => {
      const p = ctx.oidc.params;
      const subjectToken = one(p.subject_token);
      if (!subjectToken || !one(p.subject_token_type))
        throw new InvalidRequest('subject_token and subject_token_type are required');
      const subject = await subjectOf(subjectToken);
      if (subject === null) throw new InvalidRequest('subject_token is invalid or expired');
      const actorToken = one(p.actor_token);
      if (actorToken && !one(p.actor_token_type))
        throw new InvalidRequest('actor_token_type is required with actor_token');
      const actor = actorToken ? await subjectOf(actorToken) : undefined;
      if (actor === null) throw new InvalidRequest('actor_token is invalid or expired');
      const targets = [...all(p.audience), ...all(p.resource)];
      const unknown = targets.find((t) => !options.audiences.includes(t));
      if (unknown) throw new InvalidTarget(`unknown audience or resource ${unknown}`);
      const scope = one(p.scope);
      if (one(p.requested_token_type) === TOKEN_TYPE_URIS.jwt) {
        const { SignJWT, importJWK } = await import('jose');
        const key = await importJWK(options.signingKey as never, 'RS256');
        const jwt = await new SignJWT({ ...(actor ? { act: { sub: actor } } : {}), ...(scope ? { scope } : {}) })
          .setProtectedHeader({ alg: 'RS256', kid: String(options.signingKey.kid ?? '') })
          .setIssuer(provider.issuer)
          .setSubject(subject)
          .setAudience(targets.length > 0 ? targets : [provider.issuer])
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(key);
        ctx.body = { access_token: jwt, issued_token_type: TOKEN_TYPE_URIS.jwt, token_type: 'N_A', expires_in: 300 };
        return;
      }
      const token = new provider.ClientCredentials({ client: ctx.oidc.client, scope });
      ctx.body = {
        access_token: await token.save(),
        issued_token_type: TOKEN_TYPE_URIS.access_token,
        token_type: 'Bearer',
        expires_in: token.expiration,
        ...(scope ? { scope } : {}),
      };
    },
    [
      'subject_token',
      'subject_token_type',
      'actor_token',
      'actor_token_type',
      'requested_token_type',
      'audience',
      'resource',
      'scope',
    ],
    ['audience', 'resource'],
  );
}
