/**
 * Why a server refused a DPoP proof (RFC 9449 §5, §7.1: `invalid_dpop_proof`), or kept asking for a nonce
 * (`use_dpop_nonce` after the one retry, §8, §9). Servers rarely say which check failed, so the diagnosis leads with
 * what the recorded proof shows against the IdP's metadata (`dpop_signing_alg_values_supported`, §5.1), the clock
 * (`iat`, §4.3 and §11.1) and the URL (`htu`, §4.3: a proxy or gateway that rewrites the URL breaks it).
 */
import { FIELD_LABELS } from '../../../src-shared/profile';
import type { Exchange } from '../../../src-shared/test-run';
import { decodeProof, dpopFactsOf } from '../dpop-view';
import type { Diagnosis } from './causes';
import { dateHeaderSkew, describeSkew } from './clock-skew';
import { clip, parseWwwAuthenticate } from './evidence';

/** What dpopDiagnosis reads: the server's error and words, the failing exchange (raw, with its proof), the clock. */
export interface DpopFacts {
  oauthError?: string;
  description?: string;
  exchange?: Exchange;
  now: Date;
}

const ALG_LABEL = `${FIELD_LABELS.dpop} Signing Algorithm`;

/** The diagnosis of a refused DPoP proof, or undefined when the error is not about one or no proof was sent. */
export function dpopDiagnosis(facts: DpopFacts): Diagnosis | undefined {
  const { oauthError, exchange } = facts;
  if (oauthError !== 'invalid_dpop_proof' && oauthError !== 'use_dpop_nonce') return undefined;
  const proof = exchange && decodeProof(exchange.request.headers);
  if (!proof || !exchange) return undefined;
  if (oauthError === 'use_dpop_nonce')
    return proof.claims.nonce === undefined
      ? {
          diagnosis:
            'The server asked for a DPoP nonce (use_dpop_nonce) but sent no DPoP-Nonce header to use (RFC 9449 §8, §9), so the request could not be retried with one.',
          hint: 'Check that a proxy or gateway does not drop the DPoP-Nonce response header (and, for a browser-based setup, that CORS exposes it).',
        }
      : {
          diagnosis:
            'The server asked for a DPoP nonce (use_dpop_nonce) again after the proof was sent once more with the nonce it gave (RFC 9449 §8).',
          hint: 'The server may be behind several instances that do not share nonces, or rotate them too fast; ask its administrator, or test again.',
        };
  const alg = String(proof.header.alg ?? '');
  const supported = dpopFactsOf(exchange)?.supportedAlgs;
  if (supported && !supported.includes(alg))
    return {
      diagnosis: `The IdP refused the DPoP proof: it is signed with ${clip(alg, 20)}, and the IdP's metadata lists only ${clip(supported.join(', '), 200)} (dpop_signing_alg_values_supported, RFC 9449 §5.1).`,
      hint: `Set the ${ALG_LABEL} to one of ${clip(supported.join(', '), 200)}; the next Test makes a new key for it.`,
    };
  const iat = typeof proof.claims.iat === 'number' ? proof.claims.iat : undefined;
  const skew = dateHeaderSkew(exchange, facts.now);
  const said = (facts.description ?? '').toLowerCase();
  if (skew || /\biat\b|recent|clock/.test(said))
    return {
      diagnosis: `The IdP refused the DPoP proof's time (iat ${iat ?? 'missing'})${skew ? `: ${describeSkew(skew)}` : ''}; a proof is accepted only within a short window of the server's clock (RFC 9449 §11.1).`,
      hint: "Synchronise this machine's clock (NTP), or ask the IdP's administrator to check the server's clock, then test again.",
    };
  const htu = String(proof.claims.htu ?? '');
  if (/\bhtu\b|\bhtm\b/.test(said))
    return {
      diagnosis: `The IdP says the DPoP proof's URL or method does not match the request (htu "${clip(htu, 200)}", htm ${clip(String(proof.claims.htm ?? ''), 10)}). A proxy, gateway or load balancer that rewrites the URL (host, port, http vs https, path prefix) makes the server see another URL than the one called (RFC 9449 §4.3).`,
      hint: "Use the URL the IdP itself publishes (its metadata's endpoint) as the Token Request URL, or have the proxy forward the original host and scheme.",
    };
  const known = supported ? ` The IdP lists ${clip(supported.join(', '), 200)}.` : '';
  return {
    diagnosis: `The IdP refused the DPoP proof (signed with ${clip(alg, 20)}, iat ${iat ?? 'missing'}, htu "${clip(htu, 200)}").${known}`,
    hint: `Check the ${ALG_LABEL} against what the IdP supports (its dpop_signing_alg_values_supported), this machine's clock, and that no proxy rewrites the URL (RFC 9449 §4.3).`,
  };
}

/**
 * A resource's refusal of a DPoP proof (RFC 9449 §7.1: 401 with `WWW-Authenticate: DPoP error="invalid_dpop_proof"`,
 * or a repeated `use_dpop_nonce`) as the check call's error fields and diagnosis; undefined for any other answer.
 */
export function dpopResourceRefusal(
  exchange: Exchange,
  now: Date,
): { oauthError: string; oauthErrorDescription?: string; diagnosis: string; hint: string } | undefined {
  const challenge = parseWwwAuthenticate(exchange.response?.headers['www-authenticate']);
  if (challenge?.scheme.toLowerCase() !== 'dpop' || !challenge.params.error) return undefined;
  const { error, error_description: description } = challenge.params;
  const diagnosis = dpopDiagnosis({ oauthError: error, description, exchange, now });
  if (!diagnosis?.diagnosis || !diagnosis.hint) return undefined;
  return {
    oauthError: error,
    ...(description ? { oauthErrorDescription: description } : {}),
    diagnosis: diagnosis.diagnosis.replace(/^The IdP/, 'The API'),
    hint: diagnosis.hint,
  };
}
