/**
 * A confirmation before an action that cannot be undone (delete, forget, discard): an `alertdialog`
 * whose message says what will happen, Cancel focused first so Enter never confirms by accident, and
 * the action's failure shown inside so the user can retry or cancel.
 */
import { useId, type ReactNode } from 'react';
import { Modal } from './modal';

/** The question, its consequence and the two answers. */
export interface ConfirmDialogProps {
  open: boolean;
  /** The question, e.g. "Delete “Okta prod”?". */
  title: ReactNode;
  /** What confirming does; it describes the dialog (`aria-describedby`). */
  message: ReactNode;
  /** The confirm button, e.g. "Delete profile". */
  confirmLabel: string;
  /** The confirm button while `busy`, e.g. "Deleting…". */
  busyLabel?: string;
  cancelLabel?: string;
  /** The action is running: the confirm button is disabled. */
  busy?: boolean;
  /** Why the last attempt failed. */
  error?: string | null;
  onConfirm: () => void;
  /** Cancel and Escape. */
  onCancel: () => void;
}

/** A destructive confirmation in a modal. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, message, confirmLabel, busyLabel, cancelLabel = 'Cancel', busy = false, error } = props;
  const messageId = useId();
  return (
    <Modal open={open} title={title} onClose={props.onCancel} role="alertdialog" describedBy={messageId}>
      <p id={messageId}>{message}</p>
      {error ? (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onCancel} data-autofocus="">
          {cancelLabel}
        </button>
        <button type="button" className="button button--danger" onClick={props.onConfirm} disabled={busy}>
          {busy && busyLabel ? busyLabel : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
