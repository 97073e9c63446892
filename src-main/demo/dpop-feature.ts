/**
 * oidc-provider's DPoP (RFC 9449) for the demo IdP and the tests' IdPs: on, with server nonces available (§8) and
 * required only when asked for, replayed proofs refused (§11.1). The metadata then lists
 * `dpop_signing_alg_values_supported` (oidc-provider's default: ES256, Ed25519, EdDSA).
 */
import { randomBytes } from 'node:crypto';

/** How the IdP treats DPoP proofs: `requireNonce` makes every proof without a valid server nonce `use_dpop_nonce`. */
export interface DpopIdpOptions {
  requireNonce?: boolean;
}

/** The `features.dPoP` member (a fresh 32-byte nonce secret per start). */
export function dpopFeature(options: DpopIdpOptions = {}) {
  return {
    enabled: true,
    nonceSecret: randomBytes(32),
    requireNonce: () => options.requireNonce ?? false,
    allowReplay: false,
  };
}
