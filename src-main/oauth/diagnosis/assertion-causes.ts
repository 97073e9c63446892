/**
 * Why an IdP refused a JWT assertion (RFC 7523 §3): `invalid_client` for a client assertion (§2.2, private_key_jwt /
 * client_secret_jwt, OIDC Core §9) or `invalid_grant` for the JWT bearer grant's assertion (§2.1). IdPs rarely say
 * which check failed (oidc-provider answers "client authentication failed" to all), so the diagnosis leads with what
 * the recorded exchange shows (clock skew, an `aud` that is neither the endpoint called nor the Issuer, the IdP's
 * words) and the hint lists every check in that order: `aud`, `exp` / clock, `kid` / key registration, `alg`.
 */
import { FIELD_LABELS, type ProfileInput } from '../../../src-shared/profile';
import type { Exchange } from '../../../src-shared/test-run';
import { findAssertions } from '../assertion-view';
import { decodeForDisplay } from '../jwt';
import type { Diagnosis } from './causes';
import { dateHeaderSkew, describeSkew } from './clock-skew';
import { clip } from './evidence';

type Check = 'aud' | 'exp' | 'key' | 'alg';

/** What assertionDiagnosis reads: the IdP's error, the failing exchange, the profile, the run's clock. */
export interface AssertionFacts {
  oauthError?: string;
  description?: string;
  exchange?: Exchange;
  profile?: ProfileInput;
  now: Date;
}

/**
 * The diagnosis of a refused assertion, or undefined when the error is not about one (another error code, or the
 * request carried no assertion of the matching kind).
 */
export function assertionDiagnosis(facts: AssertionFacts): Diagnosis | undefined {
  const parameter =
    facts.oauthError === 'invalid_client'
      ? 'client_assertion'
      : facts.oauthError === 'invalid_grant'
        ? 'assertion'
        : '';
  const request = facts.exchange?.request;
  const found = parameter && request ? findAssertions(request).find((a) => a.parameter === parameter) : undefined;
  if (!found || !request) return undefined;
  const { header = {}, claims = {} } = decodeForDisplay(found.jwt);
  const what =
    parameter === 'client_assertion'
      ? `client assertion (${facts.profile?.clientAuthMethod ?? 'JWT'})`
      : 'JWT bearer assertion';
  const aud = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')];
  const called = new URL(request.url);
  const endpoint = `${called.origin}${called.pathname}`;
  const issuer = facts.profile?.issuer;
  const skew = dateHeaderSkew(facts.exchange, facts.now);
  const said = (facts.description ?? '').toLowerCase();

  const evidence: Partial<Record<Check, string>> = {};
  if (skew) evidence.exp = `${describeSkew(skew)}, so its iat / exp look wrong to the IdP`;
  else if (/\b(exp|expired|expiration|iat|nbf|not yet valid|clock)\b/.test(said))
    evidence.exp = 'the IdP names its times';
  if (!aud.some((a) => a === endpoint || (issuer && a === issuer)))
    evidence.aud = `its aud "${clip(aud.join(', '), 120)}" is neither the endpoint called (${endpoint}) nor the ${FIELD_LABELS.issuer}`;
  else if (/\b(aud|audience)\b/.test(said)) evidence.aud = 'the IdP names the audience';
  if (/\b(alg|algorithm)\b/.test(said)) evidence.alg = `the IdP names the algorithm (${String(header.alg)})`;
  if (/\b(kid|key|signature|jwks)\b/.test(said)) evidence.key = 'the IdP names the key or signature';

  const order: Check[] = ['exp', 'aud', 'alg', 'key'];
  const lead = order.find((c) => evidence[c]) ?? 'key';
  const kid = typeof header.kid === 'string' ? `kid "${clip(header.kid, 80)}"` : 'no kid';
  const keyField =
    parameter === 'client_assertion' && facts.profile?.clientAuthMethod === 'client_secret_jwt'
      ? FIELD_LABELS.clientSecret
      : FIELD_LABELS.jwtSigningKey;
  const checks: Record<Check, string> = {
    aud: `aud: the IdP expects its token endpoint URL or its issuer exactly; this one is "${clip(aud.join(', '), 120)}"`,
    exp: `exp / clock: the assertion lived from iat ${String(claims.iat)} to exp ${String(claims.exp)} (seconds); check this machine's clock (NTP)`,
    key: `key: the public key of the ${keyField} must be registered for this client at the IdP (${kid}${typeof header.kid === 'string' ? ' must match its registered key ID' : '; add the Key ID when the IdP holds several keys'})`,
    alg: `alg: ${String(header.alg)} must be an algorithm the IdP allows for this client (its token_endpoint_auth_signing_alg)`,
  };
  const lines: Record<Check, string> = {
    exp: 'The assertion looks expired or not yet valid to the IdP',
    aud: 'The assertion is addressed to the wrong audience (aud)',
    alg: 'The IdP does not accept the signing algorithm (alg)',
    key: "The IdP could not verify the assertion's signature: the key (or its kid) is not the one registered for this client",
  };
  const because = evidence[lead]
    ? `: ${evidence[lead]}`
    : ' (the IdP did not say which check failed; this is the most common cause)';
  const words = facts.description ? ` The IdP says: "${clip(facts.description)}".` : '';
  return {
    diagnosis: `The IdP refused the ${what} with ${facts.oauthError}. ${lines[lead]}${because}.${words}`,
    hint: `Check, in order: ${[lead, ...order.filter((c) => c !== lead)].map((c) => checks[c]).join('; ')}.`,
  };
}
