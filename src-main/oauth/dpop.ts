/**
 * DPoP on every request of a run (RFC 9449; docs/architecture.md, "DPoP"): one wrapper around the run's `send`, so
 * every flow gets it unchanged. A proof goes on the token endpoint's steps (`token`, also the device-code polls;
 * `refresh`; `par`, RFC 9449 §10.1) and, with `ath`, on the resource calls (`check`, `userinfo`) that present a
 * token as `Authorization: DPoP …` (§7.1); never on discovery, introspection or revocation. A `use_dpop_nonce`
 * answer (§8 at the token endpoint: 400 with `DPoP-Nonce`; §9 at a resource: 401 with
 * `WWW-Authenticate: DPoP error="use_dpop_nonce"`) is retried once with the nonce; the latest nonce per origin is
 * kept for the run. The first exchange stays recorded (dpop-view.ts nonceChallengeOf), marked as the challenge.
 */
import { parseJsonObject } from '../http/json-object';
import type { DpopAlg } from '../../src-shared/dpop-profile';
import { isDpopTokenType } from '../../src-shared/dpop-profile';
import type { Exchange, ExchangeStep, HeaderMap } from '../../src-shared/test-run';
import type { FlowContext, FlowSecrets, OutgoingRequest } from './flow';
import type { DpopKey } from './dpop-key';
import { jwtClaims, recordDpopFacts, recordNonceChallenge } from './dpop-view';

/** Steps answered by the token endpoint (RFC 9449 §5) or the PAR endpoint (§10.1). */
const TOKEN_STEPS: ReadonlySet<string> = new Set(['token', 'refresh', 'par']);
/** Steps that call a protected resource with the access token (§7). */
const RESOURCE_STEPS: ReadonlySet<string> = new Set(['check', 'userinfo']);

/** What the wrapper needs of its run: the profile's algorithm, the key (lazily), the clock and the run's warnings. */
export interface DpopSendOptions {
  alg: DpopAlg;
  key: () => Promise<DpopKey>;
  now: () => Date;
  warn: (message: string) => void;
}

/**
 * The key source of a run: the stored `dpopPrivateKey` when it is a key for `alg`, else a new key pair, written to
 * the keychain through `save` (absent: used for this run only) and put into `secrets` so the run's redactor knows it.
 */
export function dpopKeySource(
  alg: DpopAlg,
  secrets: FlowSecrets,
  save?: (json: string) => Promise<void>,
): () => Promise<DpopKey> {
  let pending: Promise<DpopKey> | undefined;
  return () =>
    (pending ??= (async () => {
      // The key code (dpop-key.ts) loads with the first DPoP request, not with every run context.
      const { generateDpopKey, loadDpopKey } = await import('./dpop-key');
      const loaded = await loadDpopKey(secrets.dpopPrivateKey, alg);
      if (loaded) return loaded;
      const { key, json } = await generateDpopKey(alg);
      secrets.dpopPrivateKey = json;
      await save?.(json);
      return key;
    })());
}

/** `send` with DPoP proofs and the nonce retry (see the file comment). */
export function withDpop(send: FlowContext['send'], options: DpopSendOptions): FlowContext['send'] {
  const nonces = new Map<string, string>();
  let supportedAlgs: string[] | undefined;
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (!warned.has(message)) options.warn(message);
    warned.add(message);
  };

  const learn = (exchange: Exchange, url: string) => {
    const nonce = exchange.response?.headers['dpop-nonce'];
    if (nonce) nonces.set(new URL(url).origin, nonce);
  };

  return async (step: ExchangeStep, request: OutgoingRequest): Promise<Exchange> => {
    if (step === 'discovery') {
      const exchange = await send(step, request);
      const algs = metadataAlgs(exchange);
      if (algs) {
        supportedAlgs = algs;
        if (!algs.includes(options.alg))
          warnOnce(
            `The IdP's metadata lists DPoP algorithms ${algs.join(', ')} (dpop_signing_alg_values_supported), ` +
              `not ${options.alg}: change the DPoP Signing Algorithm`,
          );
      }
      return exchange;
    }
    const atTokenEndpoint = TOKEN_STEPS.has(step);
    const accessToken = RESOURCE_STEPS.has(step) ? dpopAccessToken(request.headers) : undefined;
    if (!atTokenEndpoint && !accessToken) return send(step, request);
    const key = await options.key();
    const { createProof } = await import('./dpop-proof');
    const origin = new URL(request.url).origin;
    const attempt = async () => {
      const proof = await createProof(key, {
        method: request.method,
        url: request.url,
        now: options.now(),
        nonce: nonces.get(origin),
        accessToken,
      });
      const exchange = await send(step, { ...request, headers: { ...request.headers, dpop: proof } });
      recordDpopFacts(exchange, { ...(supportedAlgs ? { supportedAlgs } : {}) });
      learn(exchange, request.url);
      return exchange;
    };
    const first = await attempt();
    let last = first;
    if (isNonceChallenge(first, atTokenEndpoint) && first.response?.headers['dpop-nonce']) {
      last = await attempt();
      recordNonceChallenge(last, first);
    }
    if (step === 'token' || step === 'refresh') checkTokenAnswer(last, key, warnOnce);
    return last;
  };
}

/** The access token of an `Authorization: DPoP <token>` header (RFC 9449 §7.1), if the request has one. */
export function dpopAccessToken(headers: HeaderMap): string | undefined {
  for (const [name, value] of Object.entries(headers))
    if (name.toLowerCase() === 'authorization') return /^DPoP\s+(\S+)\s*$/i.exec(value)?.[1];
  return undefined;
}

/** §8: 400 `{"error":"use_dpop_nonce"}` at the token endpoint; §9: 401 `WWW-Authenticate: DPoP error="use_dpop_nonce"`. */
export function isNonceChallenge(exchange: Exchange, atTokenEndpoint: boolean): boolean {
  const res = exchange.response;
  if (!res) return false;
  if (!atTokenEndpoint)
    return (
      res.status === 401 && /^\s*DPoP\b.*error\s*=\s*"?use_dpop_nonce/i.test(res.headers['www-authenticate'] ?? '')
    );
  return res.status === 400 && parseJsonObject(res.body)?.error === 'use_dpop_nonce';
}

/** Warns when a token answer ignored DPoP (a Bearer token, §5) or binds another key (`cnf.jkt`, §6.1). */
function checkTokenAnswer(exchange: Exchange, key: DpopKey, warn: (message: string) => void): void {
  const res = exchange.response;
  if (!res || res.status < 200 || res.status >= 300) return;
  const answer = parseJsonObject(res.body);
  const tokenType = answer?.token_type;
  const accessToken = answer?.access_token;
  if (typeof tokenType !== 'string' || typeof accessToken !== 'string') return;
  if (!isDpopTokenType(tokenType))
    warn(
      `The IdP answered the DPoP request with token_type "${tokenType.slice(0, 40)}", not DPoP: it ignored the proof ` +
        'and the token is not sender-constrained (RFC 9449 §5); check that the IdP supports DPoP for this client',
    );
  const cnf = jwtClaims(accessToken)?.cnf as { jkt?: unknown } | undefined;
  if (cnf && typeof cnf.jkt === 'string' && cnf.jkt !== key.thumbprint)
    warn(
      `The access token's cnf.jkt (${cnf.jkt.slice(0, 60)}) is not the thumbprint of this profile's DPoP key ` +
        `(${key.thumbprint}): the token is bound to another key (RFC 9449 §6.1)`,
    );
}

/** The metadata's `dpop_signing_alg_values_supported` (RFC 9449 §5.1), when a discovery answer lists it. */
function metadataAlgs(exchange: Exchange): string[] | undefined {
  const value = parseJsonObject(exchange.response?.body)?.dpop_signing_alg_values_supported;
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}
