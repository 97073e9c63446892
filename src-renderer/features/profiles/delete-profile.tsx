/**
 * Delete with a confirmation: a modal dialog that names the profile and says the deletion, including
 * its keychain secrets, cannot be undone. Cancel is the default focus.
 */
import { useRef, useState } from 'react';
import { useTestStore } from '../test-panel/test-store';
import { useProfilesStore } from './profiles-store';

/** The Delete button of a stored profile and its confirmation dialog. */
export function DeleteProfile({ id, name }: { id: string; name: string }) {
  const remove = useProfilesStore((s) => s.remove);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setError(null);
    dialogRef.current?.showModal();
  };
  const close = () => dialogRef.current?.close();
  const confirm = async () => {
    setBusy(true);
    const failure = await remove(id);
    setBusy(false);
    if (failure) {
      setError(failure.message);
      return;
    }
    useTestStore.getState().forget(id);
    close();
  };

  return (
    <>
      <button type="button" className="button button--danger-ghost" onClick={open}>
        Delete
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby="delete-title" aria-describedby="delete-body">
        <h2 id="delete-title" className="dialog__title">
          Delete “{name}”?
        </h2>
        <p id="delete-body">
          The profile and any secret it holds in the OS keychain will be deleted. This cannot be undone.
        </p>
        {error ? (
          <p className="form-field__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete profile'}
          </button>
        </div>
      </dialog>
    </>
  );
}
