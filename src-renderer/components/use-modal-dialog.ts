/**
 * The behaviour behind `Modal`: the `<dialog>` it is spread on is shown with `showModal()` while mounted
 * (the rest of the page is inert), focus moves to its `data-autofocus` element or else its first control,
 * Tab and Shift+Tab wrap around inside it, Escape calls `onClose`, and focus goes back to where it was
 * when the dialog goes (WAI-ARIA Authoring Practices, "Dialog (Modal)").
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject, type SyntheticEvent } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Props to spread on the `<dialog>`, and its ref. */
export interface ModalDialogProps {
  ref: RefObject<HTMLDialogElement | null>;
  onCancel(event: SyntheticEvent<HTMLDialogElement>): void;
  onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void;
}

/** Shows the dialog it is spread on as a modal while the calling component is mounted. */
export function useModalDialog(onClose: () => void): ModalDialogProps {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // The element marked data-autofocus, else the first control, takes focus (browsers differ here).
    const first = dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog?.querySelector(FOCUSABLE);
    if (first instanceof HTMLElement) first.focus();
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
      onClose();
    },
    onKeyDown(event) {
      const dialog = ref.current;
      if (event.key !== 'Tab' || !dialog) return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    },
  };
}
