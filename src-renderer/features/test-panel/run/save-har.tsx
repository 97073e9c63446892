/**
 * "Save as HAR…": the shown run, redacted, as an HTTP Archive file, to attach to a ticket or send to the
 * IdP's vendor. Main asks where and writes it; the window never holds the file.
 */
import { useState } from 'react';
import type { TestRun } from '../../../../src-shared/test-run';
import { useTestStore } from '../test-store';

/** The button and the line that says where the file went. */
export function SaveHar({ run }: { run: TestRun }) {
  const saveHar = useTestStore((s) => s.saveHar);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const save = async () => {
    setBusy(true);
    setMessage(await saveHar(run.id));
    setBusy(false);
  };
  return (
    <p className="save-har">
      <button type="button" className="button" onClick={() => void save()} disabled={busy}>
        Save as HAR…
      </button>
      <span role="status" className="muted">
        {message}
      </span>
    </p>
  );
}
