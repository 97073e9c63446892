/**
 * A window-wide keyboard shortcut with the platform's modifier (Ctrl, or ⌘ on macOS), ignored while a
 * modal dialog is open so it never acts behind one.
 */
import { useEffect, useEffectEvent } from 'react';

/** Calls `action` on Ctrl/⌘ + `key` (e.g. 's', 'Enter') while `enabled`. */
export function useShortcut(key: string, action: () => void, enabled = true): void {
  // The latest `action`, without re-adding the listener each render.
  const onShortcut = useEffectEvent(action);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== key.toLowerCase()) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      onShortcut();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, enabled]);
}
