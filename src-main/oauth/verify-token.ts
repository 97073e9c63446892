/**
 * Verifies the JWTs of a token response (docs/architecture.md, "Token verification"): the signature against
 * the IdP's JWKS (RFC 7517, the metadata's `jwks_uri`, read through the run's `send` as a `discovery` exchange
 * so the timeline shows it, and read again once on an unknown `kid` for a rotated key), then the claim checks
 * of token-checks.ts. Each check passes, fails or does not apply; a failure is for a warning, never the end
 * of the Test. Never throws for what the IdP answers.
 */
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import type { DiscoveryMetadata } from '../../src-shared/discovery';
import { isAllowedEndpoint } from '../../src-shared/discovery';
import type { Exchange, TokenCheck, TokenVerification } from '../../src-shared/test-run';
import type { OutgoingRequest } from './flow';
import { algCheck, check, claimChecks, type ClaimContext } from './token-checks';

/** Sends one GET and records it (FlowContext.send fits). */
export type JwksSend = (step: 'discovery', request: OutgoingRequest) => Promise<Exchange>;

/** What verifyTokens needs: the tokens, the metadata (or why there is none) and the claim context. */
export interface VerifyInput extends Omit<ClaimContext, 'issuer' | 'idTokenAlgs'> {
  accessToken: string;
  idToken?: string;
  metadata?: DiscoveryMetadata;
  /** Why there is no metadata, e.g. "the profile has no Issuer". */
  noMetadataReason?: string;
}

const ACCESS_CHECKS = ['signature', 'alg', 'iss', 'aud', 'exp', 'nbf', 'iat'] as const;

/** The verification of the access token and the ID token, and the JWKS exchanges it recorded (zero to two). */
export async function verifyTokens(
  input: VerifyInput,
  send: JwksSend,
): Promise<{ verification: TokenVerification; exchanges: Exchange[] }> {
  const exchanges: Exchange[] = [];
  const keys = jwksSource(input, send, exchanges);
  const ctx: ClaimContext = {
    ...input,
    issuer: input.metadata?.issuer,
    idTokenAlgs: input.metadata?.id_token_signing_alg_values_supported,
  };
  const verification: TokenVerification = { accessToken: await verifyOne(input.accessToken, 'access', ctx, keys) };
  if (input.idToken) verification.idToken = await verifyOne(input.idToken, 'id', ctx, keys);
  return { verification, exchanges };
}

/** The failing checks of `verification` as warnings of the run, e.g. "The ID token's signature …". */
export function verificationWarnings(verification: TokenVerification): string[] {
  const of = (checks: TokenCheck[] | undefined, name: string) =>
    (checks ?? [])
      .filter((c) => c.result === 'fail')
      .map((c) =>
        c.check === 'signature'
          ? `The ${name}'s signature does not verify against the IdP's JWKS: ${c.detail}`
          : `The ${name}'s ${c.check} check failed: ${c.detail}`,
      );
  return [...of(verification.idToken, 'ID token'), ...of(verification.accessToken, 'access token')];
}

interface JwksSource {
  /** Why the signature cannot be checked, when it cannot. */
  unavailable?: string;
  /** The key set, read again when `fresh`; a string says why it could not be read. */
  get(fresh: boolean): Promise<JSONWebKeySet | string>;
}

function jwksSource(input: VerifyInput, send: JwksSend, exchanges: Exchange[]): JwksSource {
  const url = input.metadata?.jwks_uri;
  if (!input.metadata)
    return { unavailable: `No IdP metadata: ${input.noMetadataReason ?? 'discovery did not run'}`, get: none };
  if (!url || !isAllowedEndpoint(url)) return { unavailable: "The IdP's metadata has no jwks_uri", get: none };
  let cached: Promise<JSONWebKeySet | string> | undefined;
  const fetchKeys = async (): Promise<JSONWebKeySet | string> => {
    const exchange = await send('discovery', { method: 'GET', url, headers: { accept: 'application/json' } });
    exchanges.push(exchange);
    if (!exchange.response) return `The JWKS at ${url} could not be read: ${exchange.error?.message ?? 'no answer'}`;
    if (exchange.response.status !== 200) return `The JWKS at ${url} answered HTTP ${exchange.response.status}`;
    try {
      const doc = JSON.parse(exchange.response.body ?? '') as { keys?: unknown };
      if (Array.isArray(doc.keys)) return doc as JSONWebKeySet;
    } catch {
      // Not JSON: said below.
    }
    return `The JWKS at ${url} is not a JSON Web Key Set (RFC 7517 §5)`;
  };
  return {
    get: (fresh) => {
      if (fresh || !cached) cached = fetchKeys();
      return cached;
    },
  };
}

async function none(): Promise<string> {
  return 'No JWKS';
}

async function verifyOne(token: string, kind: 'access' | 'id', ctx: ClaimContext, keys: JwksSource) {
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    if (token.split('.').length !== 3) throw new Error('not a JWS');
    header = decodeProtectedHeader(token) as Record<string, unknown>;
    claims = decodeJwt(token) as Record<string, unknown>;
  } catch {
    const names = kind === 'access' ? ACCESS_CHECKS : ([...ACCESS_CHECKS, 'azp', 'nonce', 'at_hash'] as const);
    return names.map((name) => check(name, 'n/a', 'not a JWT'));
  }
  const signature = await signatureCheck(token, header, keys);
  return [
    signature.check,
    algCheck(header.alg, kind, ctx, signature.jwkAlg),
    ...claimChecks(claims, header.alg, kind, ctx),
  ];
}

async function signatureCheck(
  token: string,
  header: Record<string, unknown>,
  keys: JwksSource,
): Promise<{ check: TokenCheck; jwkAlg?: string }> {
  if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none')
    return { check: check('signature', 'fail', 'The token is not signed (alg "none")') };
  if (keys.unavailable) return { check: check('signature', 'n/a', keys.unavailable) };
  let refetched = false;
  for (;;) {
    const jwks = await keys.get(refetched);
    if (typeof jwks === 'string') return { check: check('signature', 'fail', jwks) };
    const jwk = jwks.keys.find((k) => header.kid !== undefined && (k as { kid?: unknown } | null)?.kid === header.kid);
    const jwkAlg = typeof jwk?.alg === 'string' ? jwk.alg : undefined;
    try {
      await compactVerify(token, createLocalJWKSet(jwks));
      const kid = typeof header.kid === 'string' ? ` (kid ${header.kid})` : '';
      const rotated = refetched ? ', after reading the JWKS again for a rotated key' : '';
      return { check: check('signature', 'pass', `Verified with the IdP's JWKS${kid}${rotated}`), jwkAlg };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' && !refetched) {
        refetched = true;
        continue;
      }
      return { check: check('signature', 'fail', signatureFailure(code, header, err)), jwkAlg };
    }
  }
}

function signatureFailure(code: string | undefined, header: Record<string, unknown>, err: unknown): string {
  if (code === 'ERR_JWKS_NO_MATCHING_KEY')
    return `No key of the IdP's JWKS matches kid ${JSON.stringify(header.kid ?? null)} and alg ${String(header.alg)}, even after reading it again`;
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'The signature does not match the key';
  return `The signature could not be checked: ${(err as Error)?.message ?? String(err)}`;
}
