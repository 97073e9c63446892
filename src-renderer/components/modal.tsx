/**
 * The app's one modal dialog, on the native `<dialog>` (see useModalDialog for focus, Tab, Escape and
 * focus return): `role="dialog"` (or `alertdialog`) with `aria-modal`, named by its title, which it
 * renders as the heading. Its content exists only while `open`, so each opening starts fresh. It is
 * portalled to <body>, so a form inside is never nested in the page's form (React events still bubble
 * to the owner: a submit handler inside should stop propagation).
 */
import { useId, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useModalDialog } from './use-modal-dialog';

/** What a Modal shows and how it closes. */
export interface ModalProps {
  open: boolean;
  /** The heading; it names the dialog (`aria-labelledby`). */
  title: ReactNode;
  /** Escape calls it; so should the content's Cancel or Close. */
  onClose: () => void;
  /** Id of the element that describes the dialog (`aria-describedby`). */
  describedBy?: string;
  /** `alertdialog` for a confirmation that interrupts (ConfirmDialog); `dialog` otherwise. */
  role?: 'dialog' | 'alertdialog';
  /** Classes beside `dialog` on the `<dialog>`, e.g. `dialog--wide`. */
  className?: string;
  children: ReactNode;
}

/** A modal dialog shown while `open`. */
export function Modal({ open, ...props }: ModalProps) {
  return open ? <OpenModal {...props} /> : null;
}

function OpenModal({ title, onClose, describedBy, role = 'dialog', className, children }: Omit<ModalProps, 'open'>) {
  const titleId = useId();
  const dialog = useModalDialog(onClose);
  return createPortal(
    <dialog
      {...dialog}
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      className={className ? `dialog ${className}` : 'dialog'}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>,
    document.body,
  );
}
