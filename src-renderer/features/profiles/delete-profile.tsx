/**
 * Delete with a confirmation that names the profile and says the deletion, including its keychain
 * secrets, cannot be undone. Cancel is the default focus. The list then says "Deleted “NAME”" (role=status), as
 * the profile screen says "Changes saved", until the next screen or Dismiss.
 */
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useTestStore } from '../test-panel/test-store';
import { useProfilesStore } from './profiles-store';
import './list-notice.css';

/** The Delete button of a stored profile and its confirmation dialog. */
export function DeleteProfile({ id, name }: { id: string; name: string }) {
  const remove = useProfilesStore((s) => s.remove);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    const failure = await remove(id);
    setBusy(false);
    if (failure) {
      setError(failure.message);
      return;
    }
    useTestStore.getState().forget(id);
    setOpen(false);
  };

  return (
    <>
      <button
        type="button"
        className="button button--danger-ghost"
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={<>Delete “{name}”?</>}
        message="The profile and any secret it holds in the OS keychain will be deleted. This cannot be undone."
        confirmLabel="Delete profile"
        busyLabel="Deleting…"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      />
    </>
  );
}

/** The list's notice after a delete (or any notice the store holds when the list opens), with Dismiss. */
export function ListNotice() {
  const notice = useProfilesStore((s) => s.notice);
  const dismiss = useProfilesStore((s) => s.dismissNotice);
  return (
    <div className="list-notice">
      <p className={`notice${notice?.tone === 'warn' ? ' notice--warn' : ''}`} role="status">
        {notice?.text ?? ''}
      </p>
      {notice ? (
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label="Dismiss notice"
          onClick={dismiss}
        >
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
