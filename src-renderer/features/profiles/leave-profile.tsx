/**
 * The way back to the list. With unsaved edits it asks first, so a stray click never loses them.
 */
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';

/** "← All profiles": leaves at once when nothing is unsaved, else after "Discard changes". */
export function LeaveProfile({ dirty, onLeave }: { dirty: boolean; onLeave: () => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => (dirty ? setAsking(true) : onLeave())}>
        ← All profiles
      </button>
      <ConfirmDialog
        open={asking}
        title="Discard unsaved changes?"
        message="This profile has edits that are not saved. Leaving now discards them."
        cancelLabel="Keep editing"
        confirmLabel="Discard changes"
        onConfirm={() => {
          setAsking(false);
          onLeave();
        }}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}
