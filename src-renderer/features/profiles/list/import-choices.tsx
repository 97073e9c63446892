/**
 * The second step of an import whose file names profiles that exist: one choice per clash — replace the
 * stored profile, import as a copy ("Name (2)"), or skip — so nothing is merged silently. Main keeps the
 * file; the window sees only whether an entry carries secrets (docs/security.md, "Where each secret lives").
 */
import { useId, useState } from 'react';
import {
  IMPORT_FORMAT_LABELS,
  type ImportChoice,
  type ImportPreview,
  type ImportPreviewEntry,
} from '../../../../src-shared/transfer';
import { Modal } from '../../../components/modal';
import { ImportPreviewItem } from './import-preview-entry';

const CHOICE_LABELS: Record<ImportChoice, string> = {
  replace: 'Replace the stored profile',
  copy: 'Import as a copy',
  skip: 'Skip',
};

interface ClashProps {
  /** The legend's text; the entry's name when absent. */
  legend?: string;
  entry: ImportPreviewEntry;
  choice: ImportChoice;
  onChoose: (choice: ImportChoice) => void;
}

/** The replace / copy / skip choice of one clashing entry. */
function ClashChoice({ legend, entry, choice, onChoose }: ClashProps) {
  const group = useId();
  const name = legend ?? entry.name ?? `Profile #${entry.index + 1}`;
  return (
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
  );
}

function Clash(props: ClashProps) {
  return (
    <li className="import-entry">
      <ClashChoice {...props} />
    </li>
  );
}

interface ImportChoicesProps {
  preview: ImportPreview;
  busy: boolean;
  onApply: (choices: Array<{ index: number; choice: ImportChoice }>) => void;
  onCancel: () => void;
}

/**
 * The per-profile choices for the clashes of `preview`; each starts on "Import as a copy". A foreign file's
 * preview lists every entry with its format, secrets found and notes, and the choices under the clashing ones.
 */
export function ImportChoices({ preview, busy, onApply, onCancel }: ImportChoicesProps) {
  const ids = useId();
  const clashes = preview.entries.filter((e) => e.exists);
  const [choices, setChoices] = useState<Map<number, ImportChoice>>(
    () => new Map(clashes.map((e) => [e.index, 'copy'])),
  );
  const fresh = preview.entries.length - clashes.length;
  const apply = () => onApply([...choices].map(([index, choice]) => ({ index, choice })));
  const choose = (entry: ImportPreviewEntry) => (choice: ImportChoice) =>
    setChoices((c) => new Map(c).set(entry.index, choice));
  if (preview.format !== 'authbench') {
    const count = preview.entries.length;
    return (
      <Modal
        open
        onClose={onCancel}
        title={`Import from a ${IMPORT_FORMAT_LABELS[preview.format]}`}
        describedBy={`${ids}-summary`}
        className="dialog--wide"
      >
        <p id={`${ids}-summary`}>
          Format: <strong>{IMPORT_FORMAT_LABELS[preview.format]}</strong>.{' '}
          {count === 0
            ? 'The file has no OAuth 2.0 authorization to import.'
            : `${count === 1 ? '1 profile' : `${count} profiles`} will be created${clashes.length > 0 ? `; ${clashes.length} ${clashes.length === 1 ? 'has the name' : 'have names'} of stored profiles: choose what to do with each` : ''}. Check the notes: they say what could not be carried over.`}
        </p>
        <p className="muted small import-path">{preview.path}</p>
        <ul className="import-report">
          {preview.entries.map((entry) => (
            <ImportPreviewItem key={entry.index} entry={entry}>
              {entry.exists ? (
                <ClashChoice
                  legend="A stored profile has this name:"
                  entry={entry}
                  choice={choices.get(entry.index) ?? 'copy'}
                  onChoose={choose(entry)}
                />
              ) : null}
            </ImportPreviewItem>
          ))}
        </ul>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={apply} disabled={busy || count === 0}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </Modal>
    );
  }

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
          <Clash key={entry.index} entry={entry} choice={choices.get(entry.index) ?? 'copy'} onChoose={choose(entry)} />
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
