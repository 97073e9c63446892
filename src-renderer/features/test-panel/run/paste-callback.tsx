/**
 * "Paste the redirected URL" (docs/architecture.md, "A Test, step by step"): when the browser cannot reach the
 * loopback callback (a locked-down laptop), the user pastes the address the browser ended at; main handles it
 * like a callback of the waiting sign-in (`test:paste-callback`). The field is cleared on submit and nothing
 * main answers holds the code.
 */
import { useId, useState, type FormEvent } from 'react';
import { invoke, toClientError } from '../../../api/client';

interface PasteCallbackProps {
  profileId: string;
}

/** The paste field, its Submit button and main's answer. */
export function PasteCallback({ profileId }: PasteCallbackProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const url = text;
    // The pasted text holds the authorization code: it does not stay on screen.
    setText('');
    setBusy(true);
    try {
      const result = await invoke('test:paste-callback', { profileId, url });
      setAnswer({ ok: result.accepted, message: result.message });
    } catch (err) {
      setAnswer({ ok: false, message: toClientError(err).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in__paste" aria-label="Paste the redirected URL" onSubmit={(e) => void submit(e)}>
      <label className="sign-in__paste-label" htmlFor={`${id}-url`}>
        Paste the URL from the browser’s address bar
      </label>
      <p className="sign-in__paste-help" id={`${id}-help`}>
        If the browser cannot reach that address, it shows an error page there: copy its whole address here, and
        Authbench checks it like a callback.
      </p>
      <div className="input-with-button">
        <input
          id={`${id}-url`}
          className="input input--code"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-help`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button--small" disabled={busy || !text.trim()}>
          Submit
        </button>
      </div>
      <p className={`sign-in__paste-answer${answer && !answer.ok ? ' sign-in__paste-answer--bad' : ''}`} role="status">
        {answer?.message ?? ''}
      </p>
    </form>
  );
}
