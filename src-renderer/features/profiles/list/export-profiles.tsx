/**
 * Export: the selected profiles (or all) to an `authbench.profiles/v1` file, a Postman collection, Bruno `.bru` files
 * or a cURL script, which main writes after its save dialog (docs/architecture.md, "Export to other tools"). Secrets
 * are left out unless the user ticks "Include secrets", which warns plainly that the file will then hold them in
 * clear text (docs/security.md, "What is a secret"). What the chosen tool cannot express is listed in the dialog.
 */
import { useId, useState } from 'react';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportNote,
  type ExportResult,
} from '../../../../src-shared/transfer';
import { Modal } from '../../../components/modal';
import { useProfilesStore } from '../profiles-store';

interface ExportProfilesProps {
  /** Ids of the selected profiles (may be empty). */
  selectedIds: string[];
  allIds: string[];
  onExported: (result: ExportResult) => void;
}

/** The Export button and its options dialog. */
export function ExportProfiles({ selectedIds, allIds, onExported }: ExportProfilesProps) {
  const exportFile = useProfilesStore((s) => s.exportFile);
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'selected' | 'all'>('all');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('authbench');
  /** After an export whose format could not carry everything: where it went and what was left out. */
  const [written, setWritten] = useState<{ path: string; notes: ExportNote[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = scope === 'selected' ? selectedIds : allIds;

  const show = () => {
    setScope(selectedIds.length > 0 ? 'selected' : 'all');
    setIncludeSecrets(false);
    setError(null);
    setWritten(null);
    setOpen(true);
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await exportFile(chosen, includeSecrets, format);
      if ('cancelled' in result) return;
      onExported(result);
      if (result.notes && result.notes.length > 0) setWritten({ path: result.path, notes: result.notes });
      else setOpen(false);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={show} disabled={allIds.length === 0}>
        {selectedIds.length > 0 ? `Export ${selectedIds.length} selected…` : 'Export…'}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title="Export profiles">
        {written ? (
          <ExportNotes format={format} written={written} onClose={() => setOpen(false)} />
        ) : (
          <>
            <div className="form-field dialog__option">
              <label htmlFor={`${ids}-format`} className="form-field__label">
                Format
              </label>
              <select
                id={`${ids}-format`}
                className="input select"
                value={format}
                aria-describedby={`${ids}-format-help`}
                onChange={(e) => setFormat(e.target.value as ExportFormat)}
              >
                {EXPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {EXPORT_FORMAT_LABELS[f]}
                  </option>
                ))}
              </select>
              <p id={`${ids}-format-help`} className="form-field__help">
                {FORMAT_HELP[format]}
              </p>
            </div>
            <fieldset className="form-field dialog__option">
              <legend className="form-field__label">Profiles</legend>
              <label className="radio-line">
                <input
                  type="radio"
                  name={`${ids}-scope`}
                  checked={scope === 'selected'}
                  disabled={selectedIds.length === 0}
                  onChange={() => setScope('selected')}
                />
                Selected profiles ({selectedIds.length})
              </label>
              <label className="radio-line">
                <input type="radio" name={`${ids}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} />
                All profiles ({allIds.length})
              </label>
            </fieldset>
            <div className="toggle-field dialog__option">
              <div className="toggle-field__row">
                <input
                  id={`${ids}-secrets`}
                  type="checkbox"
                  checked={includeSecrets}
                  onChange={(e) => setIncludeSecrets(e.target.checked)}
                  aria-describedby={`${ids}-secrets-help`}
                />
                <label htmlFor={`${ids}-secrets`} className="form-field__label">
                  Include secrets
                </label>
              </div>
              {includeSecrets ? (
                <p id={`${ids}-secrets-help`} className="form-field__warning" role="alert">
                  The file will contain client secrets, passwords and private keys in plain text. Anyone who can read it
                  can use these credentials: keep it encrypted, share it only over a secure channel, and delete it when
                  done.
                </p>
              ) : (
                <p id={`${ids}-secrets-help`} className="form-field__help">
                  Off: the file holds no secret; whoever imports it enters them again.
                </p>
              )}
            </div>
            {error ? (
              <p className="form-field__error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button
                type="button"
                className={`button ${includeSecrets ? 'button--danger' : 'button--primary'}`}
                onClick={() => void run()}
                disabled={busy || chosen.length === 0}
              >
                {busy
                  ? 'Exporting…'
                  : includeSecrets
                    ? `Export ${chosen.length} with secrets…`
                    : `Export ${chosen.length}…`}
              </button>
            </div>
          </>
        )}
      </Modal>
    </>
  );
}

/** One sentence per format: what the file is and how the other tool opens it. */
const FORMAT_HELP: Readonly<Record<ExportFormat, string>> = {
  authbench: 'Authbench’s own file: everything of each profile, for importing into Authbench.',
  postman: 'One collection with a request per profile carrying its OAuth 2.0 settings; import it in Postman.',
  bruno: 'One .bru request per profile (several: a folder that opens as a collection); open it in Bruno.',
  curl: 'A shell script with the token, refresh and check requests as a Test sends them; secrets as $VARIABLES.',
};

/** What the chosen format could not carry, per profile, after the file was written. */
function ExportNotes({
  format,
  written,
  onClose,
}: {
  format: ExportFormat;
  written: { path: string; notes: ExportNote[] };
  onClose: () => void;
}) {
  return (
    <>
      <p className="form-field__help">
        Written to <code className="list-status__path">{written.path}</code>. Not carried over to{' '}
        {EXPORT_FORMAT_LABELS[format]}:
      </p>
      <ul className="export-notes" aria-label="Export notes">
        {written.notes.map((note, i) => (
          <li key={i}>
            <strong>{note.profile}</strong>: {note.message}
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}
