/**
 * Copies a text to the clipboard and says so. The async Clipboard API may be refused (the app denies
 * permission requests, docs/security.md, "Electron settings"), so it falls back to selecting the text and
 * `execCommand('copy')`, which needs only the click itself.
 */
import { useEffect, useState } from 'react';

interface CopyButtonProps {
  text: string;
  /** Accessible name, e.g. "Copy Callback URL". */
  label: string;
  /** The compact button style, for tables and tool bars. */
  small?: boolean;
  /** The button's visible text (default "Copy"). */
  caption?: string;
  /** Classes besides `button` (and `button--small`). */
  className?: string;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** A "Copy" button with a short-lived "Copied" confirmation announced politely. */
export function CopyButton({ text, label, small = false, caption = 'Copy', className }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button
        type="button"
        className={['button', small ? 'button--small' : '', className ?? ''].filter(Boolean).join(' ')}
        aria-label={label}
        onClick={async () => setState((await copy(text)) ? 'copied' : 'failed')}
      >
        {caption}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text and press Ctrl+C' : ''}
      </span>
    </>
  );
}
