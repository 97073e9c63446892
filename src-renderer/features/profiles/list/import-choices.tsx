/**
 * The second step of an import whose file names profiles that exist: one choice per clash — replace the
 * stored profile, import as a copy ("Name (2)"), or skip — so nothing is merged silently. Main keeps the
 * file; the window sees only whether an entry carries secrets (docs/security.md, "Where each secret lives").
 */
import { useId, useState } from 'react';
import type { ImportChoice, ImportPreview, ImportPreviewEntry } from '../../../../src-shared/transfer';
import { Modal } from '../../../components/modal';

const CHOICE_LABELS: Record<ImportChoice, string> = {
  replace: 'Replace the stored profile',
  copy: 'Import as a copy',
  skip: 'Skip',
};

interface ClashProps {
  entry: ImportPreviewEntry;
  choice: ImportChoice;
  onChoose: (choice: ImportChoice) => void;
}

function Clash({ entry, choice, onChoose }: ClashProps) {
  const group = useId();
  const name = entry.name ?? `Profile #${entry.index + 1}`;
  return (
    <li className="import-entry">
      <fieldset className="form-field">
        <legend className="form-field__label">
          {name}{' '}
          <span className="muted small">{entry.carriesSecrets ? 'carries secrets: yes' : 'carries secrets: no'}</span>
        </legend>
        {(['replace', 'copy', 'skip'] as const).map((option) => (
          <label key={option} className="radio-line">
            <input
              type="radio"
              name={group}
              value={option}
              checked={choice === option}
              onChange={() => onChoose(option)}
            />
            {CHOICE_LABELS[option]}
          </label>
        ))}
        {choice === 'replace' && entry.movesOrigin ? (
          <p className="form-field__warning" role="alert">
            The file sends this profile to another host: its stored secrets and token will be deleted
            {entry.carriesSecrets ? ' (the secrets in the file are kept)' : ''}.
          </p>
        ) : null}
      </fieldset>
    </li>
  );
}

interface ImportChoicesProps {
  preview: ImportPreview;
  busy: boolean;
  onApply: (choices: Array<{ index: number; choice: ImportChoice }>) => void;
  onCancel: () => void;
}

/** The per-profile choices for the clashes of `preview`; each starts on "Import as a copy". */
export function ImportChoices({ preview, busy, onApply, onCancel }: ImportChoicesProps) {
  const ids = useId();
  const clashes = preview.entries.filter((e) => e.exists);
  const [choices, setChoices] = useState<Map<number, ImportChoice>>(
    () => new Map(clashes.map((e) => [e.index, 'copy'])),
  );
  const fresh = preview.entries.length - clashes.length;
  const apply = () => onApply([...choices].map(([index, choice]) => ({ index, choice })));

  return (
    <Modal
      open
      onClose={onCancel}
      title="Profiles with names in use"
      describedBy={`${ids}-summary`}
      className="dialog--wide"
    >
      <p id={`${ids}-summary`}>
        {clashes.length === 1 ? '1 profile' : `${clashes.length} profiles`} in the file{' '}
        {clashes.length === 1 ? 'has the name' : 'have names'} of stored profiles: choose what to do with each.
        {fresh > 0 ? ` The other ${fresh} will be imported.` : ''}
      </p>
      <p className="muted small import-path">{preview.path}</p>
      <ul className="import-report">
        {clashes.map((entry) => (
          <Clash
            key={entry.index}
            entry={entry}
            choice={choices.get(entry.index) ?? 'copy'}
            onChoose={(choice) => setChoices((c) => new Map(c).set(entry.index, choice))}
          />
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={apply} disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </Modal>
  );
}
