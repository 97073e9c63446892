/**
 * Moves focus to an element when a screen mounts (e.g. its heading, made focusable with tabIndex -1),
 * so keyboard and screen-reader users land on the new screen instead of on a detached element.
 */
import { useEffect, useRef } from 'react';

/** A ref to attach to the element that should receive focus when the component mounts. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}
