/**
 * Import: main shows the open dialog and reads an `authbench.profiles/v1` file, or a Postman, Insomnia, Bruno or
 * cURL file (previewed with its format, notes and the secrets found); when names clash, the user chooses per
 * profile (import-choices.tsx), then main applies the import (carried secrets go straight to the
 * keychain). The report lists each profile — imported, replaced, skipped, or rejected with its field errors —
 * so nothing is changed or dropped silently.
 */
import { useId, useState } from 'react';
import {
  IMPORT_FORMAT_LABELS,
  type ImportChoice,
  type ImportEntry,
  type ImportPreview,
  type ImportReport,
} from '../../../../src-shared/transfer';
import { Modal } from '../../../components/modal';
import { issueLabel } from '../../../../src-shared/issue-labels';
import { useProfilesStore } from '../profiles-store';
import { ImportChoices } from './import-choices';
import { ImportNotes } from './import-preview-entry';

const OUTCOME_LABELS: Record<ImportEntry['outcome'], string> = {
  imported: 'Imported',
  replaced: 'Replaced',
  skipped: 'Skipped',
  rejected: 'Rejected',
};

const BADGES: Record<ImportEntry['outcome'], string> = {
  imported: 'badge--ok',
  replaced: 'badge--ok',
  skipped: 'badge--warn',
  rejected: 'badge--danger',
};

function summary(entries: ImportEntry[]): string {
  const count = (o: ImportEntry['outcome']) => entries.filter((e) => e.outcome === o).length;
  const outcomes = ['imported', 'replaced', 'skipped', 'rejected'] as const;
  const parts = outcomes.map((o) => `${count(o)} ${o}`);
  return `${entries.length} ${entries.length === 1 ? 'profile' : 'profiles'} in the file: ${parts.join(', ')}.`;
}

/** The note under an entry: its new name, or that its stored secrets were deleted. */
function note(entry: ImportEntry): string | null {
  if (entry.importedAs) return `as “${entry.importedAs}”`;
  if (entry.secretsDropped) return 'moved to another host: its stored secrets and token were deleted';
  return null;
}

function Entry({ entry }: { entry: ImportEntry }) {
  return (
    <li className={`import-entry import-entry--${entry.outcome}`}>
      <div className="import-entry__line">
        <span className={`badge ${BADGES[entry.outcome]}`}>{OUTCOME_LABELS[entry.outcome]}</span>
        <span className="import-entry__name">{entry.name ?? `Profile #${entry.index + 1} (no name)`}</span>
        {note(entry) ? <span className="muted small">{note(entry)}</span> : null}
      </div>
      <ImportNotes notes={entry.notes} />
      {entry.outcome === 'rejected' ? (
        entry.issues && entry.issues.length > 0 ? (
          <ul className="import-entry__issues">
            {entry.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                {issueLabel(issue.path) === null ? null : <strong>{issueLabel(issue.path)}: </strong>}
                {issue.message}
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
  const applyImport = useProfilesStore((s) => s.applyImport);
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const apply = async (importId: string, choices: Array<{ index: number; choice: ImportChoice }>) => {
    setBusy(true);
    try {
      setReport(await applyImport({ importId, choices }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPreview(null);
      setBusy(false);
    }
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await importFile();
      if ('cancelled' in result) return;
      // Without a clash there is nothing to ask of an Authbench file: apply at once. A foreign file is always
      // previewed: its format, notes and the secrets found are for the user to read first.
      if (result.format !== 'authbench' || result.entries.some((e) => e.exists)) setPreview(result);
      else await apply(result.importId, []);
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
      {preview ? (
        <ImportChoices
          preview={preview}
          busy={busy}
          onApply={(choices) => void apply(preview.importId, choices)}
          onCancel={() => setPreview(null)}
        />
      ) : null}
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
            <p className="muted small import-path">
              {report.format ? `${IMPORT_FORMAT_LABELS[report.format]}: ` : ''}
              {report.path}
            </p>
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
