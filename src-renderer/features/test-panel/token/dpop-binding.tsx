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

/** What the token view shows of DPoP: whether anything, the token's `cnf.jkt`, and the warnings. */
export interface DpopBinding {
  shown: boolean;
  keyJkt?: string;
  cnfJkt?: string;
  warnings: string[];
}

/** The DPoP binding of the held `token` (null: none held) of `profile` (reads the profile key's thumbprint, `profiles:dpop-key`). */
export function useDpopBinding(profile: ProfileView, token: TokenState | null): DpopBinding {
  const dpop = isDpopTokenType(token?.tokenType);
  const cnf = token?.claims?.cnf as { jkt?: unknown } | undefined;
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
  }, [profile.id, on, token?.obtainedAt]);
  if (!token) return { shown: false, warnings: [] };
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
  return { shown: dpop || on || !!cnfJkt, keyJkt: token.dpopJkt, cnfJkt, warnings };
}

/** The DPoP rows of the token's facts list (a `display: contents` group inside the `<dl>`). */
export function DpopBindingRows({ binding }: { binding: DpopBinding }) {
  if (!binding.shown) return null;
  const { keyJkt, cnfJkt } = binding;
  return (
    <div className="dpop-binding" role="group" aria-label="DPoP binding">
      <dt>DPoP key</dt>
      <dd>{keyJkt ? <code className="dpop-thumbprint">{keyJkt}</code> : <span className="muted">not bound</span>}</dd>
      <dt>cnf.jkt</dt>
      <dd>
        {cnfJkt ? (
          <code className="dpop-thumbprint">{cnfJkt}</code>
        ) : (
          <span className="muted">not in the token (opaque, or not bound)</span>
        )}
        {cnfJkt && keyJkt && cnfJkt === keyJkt ? <span className="muted"> ✓ matches the key</span> : null}
      </dd>
    </div>
  );
}

/** The DPoP warnings of the held token, each an alert. */
export function DpopWarnings({ binding }: { binding: DpopBinding }) {
  return (
    <>
      {binding.warnings.map((w) => (
        <p key={w} className="form-field__warning" role="alert">
          {w}
        </p>
      ))}
    </>
  );
}
