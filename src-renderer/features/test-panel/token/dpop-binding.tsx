/**
 * A held token's DPoP binding (RFC 9449 §6.1): the thumbprint of the profile key it was obtained with beside the
 * token's own `cnf.jkt` (a JWT access token's claims), with a warning when they differ, when the profile's key has
 * changed since, or when the IdP answered a DPoP request with another token type (it ignored DPoP, §5).
 */
import { useEffect, useState } from 'react';
import { isDpopTokenType, type DpopKeyInfo } from '../../../../src-shared/dpop-profile';
import type { ProfileView } from '../../../../src-shared/profile';
import type { TokenState } from '../../../../src-shared/test-run';
import { invoke } from '../../../api/client';

/** The DPoP facts of the held `token` of `profile`; nothing when neither uses DPoP. */
export function DpopBinding({ profile, token }: { profile: ProfileView; token: TokenState }) {
  const dpop = isDpopTokenType(token.tokenType);
  const cnf = token.claims?.cnf as { jkt?: unknown } | undefined;
  const cnfJkt = typeof cnf?.jkt === 'string' ? cnf.jkt : undefined;
  const [key, setKey] = useState<DpopKeyInfo | null>(null);
  const on = profile.dpop.enabled;
  useEffect(() => {
    if (!on) return;
    let live = true;
    invoke('profiles:dpop-key', { id: profile.id }).then(
      (info) => live && setKey(info),
      () => live && setKey(null),
    );
    return () => {
      live = false;
    };
  }, [profile.id, on, token.obtainedAt]);
  if (!dpop && !on && !cnfJkt) return null;
  const warnings: string[] = [];
  if (on && !dpop)
    warnings.push(
      `The IdP answered the DPoP request with a ${token.tokenType} token: it ignored DPoP, so the token is not sender-constrained.`,
    );
  if (cnfJkt && token.dpopJkt && cnfJkt !== token.dpopJkt)
    warnings.push(
      "The token's cnf.jkt is not the thumbprint of the key it was obtained with: it is bound to another key.",
    );
  if (dpop && key?.thumbprint && token.dpopJkt && key.thumbprint !== token.dpopJkt)
    warnings.push("The profile's DPoP key has changed since: the next Test obtains a new token.");
  return (
    <section className="dpop-binding" aria-label="DPoP binding">
      <dl className="facts">
        <dt>DPoP key</dt>
        <dd>
          {token.dpopJkt ? (
            <code className="dpop-thumbprint">{token.dpopJkt}</code>
          ) : (
            <span className="muted">not bound</span>
          )}
        </dd>
        <dt>cnf.jkt</dt>
        <dd>
          {cnfJkt ? (
            <code className="dpop-thumbprint">{cnfJkt}</code>
          ) : (
            <span className="muted">not in the token (opaque, or not bound)</span>
          )}
          {cnfJkt && token.dpopJkt && cnfJkt === token.dpopJkt ? ' ✓ matches the key' : null}
        </dd>
      </dl>
      {warnings.map((w) => (
        <p key={w} className="form-field__warning" role="alert">
          {w}
        </p>
      ))}
    </section>
  );
}
