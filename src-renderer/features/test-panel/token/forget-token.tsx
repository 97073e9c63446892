/**
 * Forget token, with a confirmation that says the token leaves the OS keychain and that nothing is
 * revoked at the IdP (`tokens:forget`). Cancel has the initial focus: forgetting cannot be undone.
 */
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';

interface ForgetTokenProps {
  profileName: string;
  busy: boolean;
  /** Why the last Forget failed, shown in the dialog. */
  error: string | null;
  /** Resolves true when the token is gone. */
  onForget(): Promise<boolean>;
}

/** The Forget token button and its confirmation dialog. */
export function ForgetToken({ profileName, busy, error, onForget }: ForgetTokenProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--danger-ghost"
        onClick={() => setConfirming(true)}
        aria-haspopup="dialog"
        disabled={busy}
      >
        Forget token
      </button>
      <ConfirmDialog
        open={confirming}
        title={<>Forget the token of “{profileName}”?</>}
        message={
          'The access token and any refresh token are removed from the OS keychain. Nothing is revoked at the ' +
          'identity provider: the token stays valid there until it expires. The next Test obtains a new one.'
        }
        confirmLabel="Forget token"
        busyLabel="Forgetting…"
        busy={busy}
        error={error}
        onConfirm={async () => {
          if (await onForget()) setConfirming(false);
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
