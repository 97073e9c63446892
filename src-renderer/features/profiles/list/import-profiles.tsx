/**
 * Import: main shows the open dialog and imports an `authbench.profiles/v1` file (carried secrets go
 * straight to the keychain). The report lists each profile — imported, updated, or rejected with its
 * field errors — so nothing is dropped silently.
 */
import { useId, useState } from 'react';
import type { ImportEntry, ImportReport } from '../../../../src-shared/transfer';
import { Modal } from '../../../components/modal';
import { fieldLabel } from '../form/field-labels';
import { useProfilesStore } from '../profiles-store';

const OUTCOME_LABELS: Record<ImportEntry['outcome'], string> = {
  imported: 'Imported',
  updated: 'Updated',
  rejected: 'Rejected',
};

function summary(entries: ImportEntry[]): string {
  const count = (o: ImportEntry['outcome']) => entries.filter((e) => e.outcome === o).length;
  const parts = [`${count('imported')} imported`, `${count('updated')} updated`, `${count('rejected')} rejected`];
  return `${entries.length} ${entries.length === 1 ? 'profile' : 'profiles'} in the file: ${parts.join(', ')}.`;
}

function Entry({ entry }: { entry: ImportEntry }) {
  return (
    <li className={`import-entry import-entry--${entry.outcome}`}>
      <div className="import-entry__line">
        <span className={`badge ${entry.outcome === 'rejected' ? 'badge--danger' : 'badge--ok'}`}>
          {OUTCOME_LABELS[entry.outcome]}
        </span>
        <span className="import-entry__name">{entry.name ?? `Profile #${entry.index + 1} (no name)`}</span>
      </div>
      {entry.outcome === 'rejected' ? (
        entry.issues && entry.issues.length > 0 ? (
          <ul className="import-entry__issues">
            {entry.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <strong>{fieldLabel(issue.path)}</strong>: {issue.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="import-entry__issues">{entry.message}</p>
        )
      ) : null}
    </li>
  );
}

/** The Import button and its report dialog. */
export function ImportProfiles() {
  const importFile = useProfilesStore((s) => s.importFile);
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await importFile();
      if (!('cancelled' in result)) setReport(result);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setReport(null);
    setError(null);
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void start()} disabled={busy}>
        {busy ? 'Importing…' : 'Import…'}
      </button>
      <Modal
        open={report !== null || error !== null}
        onClose={close}
        title={error ? 'Import failed' : 'Import report'}
        describedBy={`${ids}-summary`}
        className="dialog--wide"
      >
        {error ? (
          <p id={`${ids}-summary`} className="form-field__error">
            {error}
          </p>
        ) : report ? (
          <>
            <p id={`${ids}-summary`}>{summary(report.entries)}</p>
            <p className="muted small import-path">{report.path}</p>
            <ul className="import-report">
              {report.entries.map((entry) => (
                <Entry key={entry.index} entry={entry} />
              ))}
            </ul>
          </>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={close}>
            Close
          </button>
        </div>
      </Modal>
    </>
  );
}
