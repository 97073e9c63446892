/**
 * A modal dialog on the native `<dialog>` element: `showModal()` gives focus trapping, the backdrop,
 * inert background and Escape for free. Escape (the `cancel` event) asks the owner to close, so the
 * open state stays in React. Content is rendered only while open, so each opening starts fresh.
 * The dialog is portalled to <body> so a form inside it is never nested in the page's form (React
 * events still bubble to the owner: a submit handler inside should stop propagation).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface ModalProps {
  open: boolean;
  onClose: () => void;
  /** Id of the element naming the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  wide?: boolean;
  children: ReactNode;
}

/** A modal dialog shown while `open`. */
export function Modal({ open, onClose, labelledBy, describedBy, wide, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return createPortal(
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? children : null}
    </dialog>,
    document.body,
  );
}
