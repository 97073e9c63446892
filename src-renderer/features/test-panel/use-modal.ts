/**
 * A modal `<dialog>` driven by React state: shown with `showModal()` while mounted (the rest of the page
 * is inert), focus on its `data-autofocus` element, Escape calls `onClose`, Tab and Shift+Tab wrap around inside the dialog (focus trap), and
 * focus goes back to where it was when the dialog closes (WAI-ARIA Authoring Practices, "Dialog (Modal)").
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject, type SyntheticEvent } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Props to spread on the `<dialog>`, and its ref. */
export interface ModalProps {
  ref: RefObject<HTMLDialogElement | null>;
  onCancel(event: SyntheticEvent<HTMLDialogElement>): void;
  onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void;
}

/** Shows the dialog it is spread on as a modal while the component is mounted. */
export function useModal(onClose: () => void): ModalProps {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // The element marked data-autofocus, else the first control, takes focus (browsers differ here).
    (dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  return {
    ref,
    onCancel(event) {
      // Escape: React state decides when the dialog goes, so the native close is not used.
      event.preventDefault();
      closeRef.current();
    },
    onKeyDown(event) {
      if (event.key !== 'Tab' || !ref.current) return;
      const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && (document.activeElement === first || !ref.current.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    },
  };
}
