/**
 * DPoP (RFC 9449): the switch, the proof signing algorithm, and the profile key's RFC 7638 thumbprint once a Test
 * made one (`profiles:dpop-key`; the private key stays in the keychain, docs/security.md "What is a secret"), with
 * New key (`profiles:dpop-new-key`) for a saved profile.
 */
import { useEffect, useState } from 'react';
import { DPOP_ALGS, type DpopAlg, type DpopKeyInfo } from '../../../../src-shared/dpop-profile';
import { invoke } from '../../../api/client';
import { useTokenStore } from '../../test-panel/token/token-store';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, Toggle } from './bound-fields';

const ALG_LABELS: Record<DpopAlg, string> = {
  ES256: 'ES256 — ECDSA P-256 (most IdPs)',
  EdDSA: 'EdDSA — Ed25519',
  RS256: 'RS256 — RSA PKCS#1 v1.5',
  PS256: 'PS256 — RSA-PSS',
};

/** The DPoP switch, algorithm and key thumbprint of the editor. */
export function DpopFields({ form }: { form: ProfileForm }) {
  const { dpop } = form.draft;
  const { profileId } = form;
  const [key, setKey] = useState<DpopKeyInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A Test that makes the key also brings a new held token: read the thumbprint again then.
  const obtainedAt = useTokenStore((s) => (profileId ? s.byProfile[profileId]?.token?.obtainedAt : undefined));
  useEffect(() => {
    if (!profileId || !dpop.enabled) return;
    let live = true;
    invoke('profiles:dpop-key', { id: profileId }).then(
      (info) => live && setKey(info),
      () => live && setKey(null),
    );
    return () => {
      live = false;
    };
  }, [profileId, dpop.enabled, obtainedAt]);
  return (
    <div className="field-group">
      <Toggle
        form={form}
        path="dpop.enabled"
        label="DPoP"
        help="Sender-constrained tokens (RFC 9449): each token and API call carries a proof signed with a key pair of this profile, kept in the OS keychain."
      />
      {dpop.enabled ? (
        <>
          <SelectInput
            form={form}
            path="dpop.alg"
            options={DPOP_ALGS.map((a) => [a, ALG_LABELS[a]] as const)}
            help="The IdP lists the ones it accepts as dpop_signing_alg_values_supported."
          />
          <p className="muted small" id="dpop-key-thumbprint">
            {key?.thumbprint ? (
              <>
                Key thumbprint (RFC 7638): <code className="dpop-thumbprint">{key.thumbprint}</code>
                {key.alg && key.alg !== dpop.alg
                  ? ` — made for ${key.alg}; the next Test makes a ${dpop.alg} key.`
                  : ''}
              </>
            ) : (
              'No key yet: the first Test makes one and keeps it in the OS keychain.'
            )}
          </p>
          {profileId ? (
            <div className="dpop-new-key">
              <button
                type="button"
                className="button button--small"
                disabled={busy || form.dirty}
                title={
                  form.dirty
                    ? 'Save first: the new key is made for the saved algorithm'
                    : 'Make a new key pair; a token bound to the old key is not used again'
                }
                onClick={() => {
                  setBusy(true);
                  setError(null);
                  invoke('profiles:dpop-new-key', { id: profileId }).then(
                    (info) => {
                      setKey(info);
                      setBusy(false);
                    },
                    (err: unknown) => {
                      setError(`No new key: ${err instanceof Error ? err.message : String(err)}`);
                      setBusy(false);
                    },
                  );
                }}
              >
                New key
              </button>
              {error ? (
                <p role="alert" className="form-field__error">
                  {error}
                </p>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
