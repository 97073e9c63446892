/**
 * A request's DPoP proof (RFC 9449 §4.2) as main recorded it: the protected header (with the public `jwk`) and the
 * claims, the key's RFC 7638 thumbprint, and whether it was answered with a nonce challenge; never the signature.
 */
import type { DecodedDpopProof } from '../../../../src-shared/dpop-profile';
import { ClaimsTable } from '../token/claims-table';

/** The decoded DPoP proof of one request. */
export function DpopProofView({ proof }: { proof: DecodedDpopProof }) {
  return (
    <section className="request-tab__assertion" aria-label="Decoded DPoP proof">
      <h4>DPoP proof (decoded; the signature is not kept, RFC 9449)</h4>
      {proof.nonceChallenge ? (
        <p className="muted small">
          The server answered use_dpop_nonce; the next exchange is the retry with its nonce.
        </p>
      ) : null}
      {proof.jkt ? (
        <p className="small">
          Key thumbprint (jkt): <code className="dpop-thumbprint">{proof.jkt}</code>
        </p>
      ) : null}
      <ClaimsTable caption="DPoP header" values={proof.header} />
      <ClaimsTable caption="DPoP claims" values={proof.claims} />
    </section>
  );
}
