/**
 * Export: the selected profiles (or all) to an `authbench.profiles/v1` file that main writes after its
 * save dialog. Secrets are left out unless the user ticks "Include secrets", which warns plainly that
 * the file will then hold them in clear text (docs/security.md, "What is a secret").
 */
import { useId, useState } from 'react';
import type { ExportResult } from '../../../../src-shared/transfer';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = scope === 'selected' ? selectedIds : allIds;

  const show = () => {
    setScope(selectedIds.length > 0 ? 'selected' : 'all');
    setIncludeSecrets(false);
    setError(null);
    setOpen(true);
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await exportFile(chosen, includeSecrets);
      if ('cancelled' in result) return;
      setOpen(false);
      onExported(result);
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
              The file will contain client secrets, passwords and private keys in plain text. Anyone who can read it can
              use these credentials: keep it encrypted, share it only over a secure channel, and delete it when done.
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
      </Modal>
    </>
  );
}
