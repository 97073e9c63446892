/**
 * Forget token, with a confirmation: a modal that says the token leaves the OS keychain and that nothing
 * is revoked at the IdP (`tokens:forget`). Cancel has the initial focus: forgetting cannot be undone.
 */
import { useState } from 'react';
import { useModal } from '../use-modal';

interface ForgetTokenProps {
  profileName: string;
  busy: boolean;
  /** Why the last Forget failed, shown in the dialog. */
  error: string | null;
  onForget(): Promise<boolean>;
}

function ConfirmForget({ profileName, busy, error, onForget, onClose }: ForgetTokenProps & { onClose(): void }) {
  const modal = useModal(onClose);
  return (
    <dialog {...modal} className="dialog" aria-labelledby="forget-title" aria-describedby="forget-body">
      <h2 id="forget-title" className="dialog__title">
        Forget the token of “{profileName}”?
      </h2>
      <p id="forget-body">
        The access token and any refresh token are removed from the OS keychain. Nothing is revoked at the identity provider: the token stays valid there until it expires. The
        next Test obtains a new one.
      </p>
      {error ? (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} data-autofocus="">
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={async () => {
            if (await onForget()) onClose();
          }}
        >
          {busy ? 'Forgetting…' : 'Forget token'}
        </button>
      </div>
    </dialog>
  );
}

/** The Forget token button and its confirmation dialog. */
export function ForgetToken(props: ForgetTokenProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger-ghost" onClick={() => setConfirming(true)} aria-haspopup="dialog" disabled={props.busy}>
        Forget token
      </button>
      {confirming ? <ConfirmForget {...props} onClose={() => setConfirming(false)} /> : null}
    </>
  );
}
