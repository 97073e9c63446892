/**
 * The subject and actor tokens of a token-exchange Test (RFC 8693 §2.1; docs/architecture.md, "Token exchange"):
 * for a `profile` source, the held token of the other profile, read here in main from the keychain (never sent to
 * the renderer), put in the run's secrets as `subjectToken` / `actorToken` so the flow sends it and the redactor
 * masks it wherever it appears. A missing profile, or no usable held token, stops the Test before any request.
 */
import { ORIGIN_FIELDS, originOf } from '../../src-shared/endpoint-origins';
import { AppError } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import type { HeldTokenKind, TokenExchangeOptions } from '../../src-shared/token-exchange-profile';
import type { FlowSecrets } from '../oauth/flow';
import { decodeForDisplay } from '../oauth/jwt';
import { EXPIRY_MARGIN_MS } from './held-token';
import type { ProfileService } from './profiles';
import type { StoredToken, TokenStore } from './tokens';

/** What resolving needs: profiles by name, the held-token store and the run's clock. */
export interface ExchangeTokenIo {
  profiles: Pick<ProfileService, 'findIdByName' | 'get'>;
  tokens: Pick<TokenStore, 'load'>;
  now: Date;
}

const KIND_LABELS: Record<HeldTokenKind, string> = {
  access_token: 'access token',
  refresh_token: 'refresh token',
  id_token: 'ID token',
};

/**
 * The token of `kind` held in `stored` when it is usable at `now` (an access token with more than EXPIRY_MARGIN_MS
 * left or no expiry; a refresh token not past its stated expiry; an ID token whose `exp` is ahead), else why not.
 */
export function pickHeldToken(
  stored: StoredToken | null,
  kind: HeldTokenKind,
  now: Date,
): { token: string } | { why: string } {
  const label = KIND_LABELS[kind];
  if (!stored) return { why: 'holds no token' };
  if (!stored.usable) return { why: 'holds a token that was refused or revoked' };
  const t = now.getTime();
  if (kind === 'access_token') {
    if (stored.expiresAt && Date.parse(stored.expiresAt) - t <= EXPIRY_MARGIN_MS)
      return { why: `holds an access token that expired (or expires within 30 s) at ${stored.expiresAt}` };
    return { token: stored.accessToken };
  }
  if (kind === 'refresh_token') {
    if (!stored.refreshToken) return { why: `holds no ${label}` };
    if (stored.refreshExpiresAt && Date.parse(stored.refreshExpiresAt) <= t)
      return { why: `holds a refresh token that expired at ${stored.refreshExpiresAt}` };
    return { token: stored.refreshToken };
  }
  if (!stored.idToken) return { why: `holds no ${label}` };
  const exp = decodeForDisplay(stored.idToken).claims?.exp;
  if (typeof exp === 'number' && exp * 1000 <= t)
    return { why: `holds an ID token that expired at ${new Date(exp * 1000).toISOString()}` };
  return { token: stored.idToken };
}

/**
 * Refuses to send the held token of `source` to `tokenUrl` when no endpoint of `source` (nor its issuer) is at that
 * origin (docs/security.md, "Where each secret lives"): an imported or edited exchange profile must not carry
 * another profile's token to a host it never went to, unless `allowOtherHost` says so.
 */
function requireSameHost(exchange: ProfileInput, source: ProfileInput, label: string, name: string): void {
  if (exchange.grantType !== 'token_exchange' || exchange.tokenExchange.allowOtherHost) return;
  const to = originOf(exchange.tokenUrl);
  const fields = [...Object.keys(ORIGIN_FIELDS), 'issuer'] as (keyof ProfileInput)[];
  const known = new Set(fields.map((f) => originOf(source[f] as string | undefined)).filter((o) => o !== null));
  if (to !== null && known.has(to)) return;
  throw new AppError(
    'invalid_request',
    `${label}: «${name}»'s token would go to ${to ?? 'the Token Request URL'}, a host «${name}» does not use; ` +
      'tick "Send to another host" in the Token Exchange section if that token service is meant to receive it',
    { issues: [{ path: 'tokenExchange.allowOtherHost', message: 'Another host than the token’s own' }] },
  );
}

async function heldOf(
  exchange: ProfileInput,
  name: string,
  kind: HeldTokenKind,
  field: 'subjectProfile' | 'actorProfile',
  io: ExchangeTokenIo,
): Promise<string> {
  const label = field === 'subjectProfile' ? 'Subject Token Profile' : 'Actor Token Profile';
  const id = io.profiles.findIdByName(name);
  if (!id || name === exchange.name)
    throw new AppError(
      'not_found',
      `${label}: no other profile is named «${name}»; choose one in the Token Exchange section`,
      {
        issues: [{ path: `tokenExchange.${field}`, message: 'No such profile' }],
      },
    );
  requireSameHost(exchange, await io.profiles.get(id), label, name);
  const picked = pickHeldToken(await io.tokens.load(id), kind, io.now);
  if ('token' in picked) return picked.token;
  throw new AppError(
    'secret_missing',
    `«${name}» ${picked.why}, so there is no ${KIND_LABELS[kind]} to exchange: Test «${name}» first`,
    { issues: [{ path: `tokenExchange.${field}`, message: `Test «${name}» first` }] },
  );
}

/**
 * `secrets` with the subject and actor tokens of `profile` (a token-exchange profile) filled in from the other
 * profiles' held tokens where their source is `profile`; other grants' secrets unchanged. Throws
 * AppError('not_found') when the named profile does not exist (or is this one), AppError('invalid_request') when
 * the Token Request URL is at a host the named profile does not use (unless `allowOtherHost`),
 * AppError('secret_missing') naming it ("Test «X» first") when it holds no usable token of the chosen kind.
 */
export async function withExchangeTokens(
  profile: ProfileInput,
  secrets: FlowSecrets,
  io: ExchangeTokenIo,
): Promise<FlowSecrets> {
  if (profile.grantType !== 'token_exchange') return secrets;
  const o: TokenExchangeOptions = profile.tokenExchange;
  const out = { ...secrets };
  if (o.subjectSource === 'profile')
    out.subjectToken = await heldOf(profile, o.subjectProfile, o.subjectTokenKind, 'subjectProfile', io);
  if (o.actorSource === 'profile')
    out.actorToken = await heldOf(profile, o.actorProfile, o.actorTokenKind, 'actorProfile', io);
  return out;
}
