/**
 * The run's reproductions to share — "Save as HAR…", "Save cURL…", "Save support bundle…" — as a row of buttons
 * and one line that says where the last file went. Every file is written by main from the redacted run.
 */
import { useState } from 'react';
import type { TestRun } from '../../../../src-shared/test-run';
import { useTestStore } from '../test-store';
import { saveRunExport } from './run-exports';

/** The buttons and the status line of `run`'s exports. */
export function RunActions({ run }: { run: TestRun }) {
  const saveHar = useTestStore((s) => s.saveHar);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const save = async (write: () => Promise<string>) => {
    setBusy(true);
    setMessage('');
    setMessage(await write());
    setBusy(false);
  };
  const button = (label: string, write: () => Promise<string>) => (
    <button type="button" className="button" onClick={() => void save(write)} disabled={busy}>
      {label}
    </button>
  );
  return (
    <div className="run-actions">
      <div className="run-actions__buttons" role="group" aria-label="Share this run">
        {button('Save as HAR…', () => saveHar(run.id))}
        {button('Save cURL…', () => saveRunExport('curl', run.id))}
        {button('Save support bundle…', () => saveRunExport('bundle', run.id))}
      </div>
      <span role="status" className="muted run-actions__status">
        {message}
      </span>
    </div>
  );
}
