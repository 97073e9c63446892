/**
 * The way back to the list. With unsaved edits it asks first, so a stray click never loses them.
 */
import { useState } from 'react';
import { Modal } from '../../components/modal';

/** "← All profiles": leaves at once when nothing is unsaved, else after "Discard changes". */
export function LeaveProfile({ dirty, onLeave }: { dirty: boolean; onLeave: () => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => (dirty ? setAsking(true) : onLeave())}>
        ← All profiles
      </button>
      <Modal open={asking} onClose={() => setAsking(false)} labelledBy="leave-title" describedBy="leave-body">
        <h2 id="leave-title" className="dialog__title">
          Discard unsaved changes?
        </h2>
        <p id="leave-body">This profile has edits that are not saved. Leaving now discards them.</p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => setAsking(false)} autoFocus>
            Keep editing
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setAsking(false);
              onLeave();
            }}
          >
            Discard changes
          </button>
        </div>
      </Modal>
    </>
  );
}
