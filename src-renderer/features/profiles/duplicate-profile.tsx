/**
 * Duplicate as…: asks for the copy's name (Name is unique and fixed after create), whether to copy the
 * secrets into new keychain entries, and whether to delete the original afterwards — the one-step way to
 * give a profile a new name. Main does copy-then-delete in one call; the copy opens.
 */
import { useId, useState, type FormEvent } from 'react';
import { Modal } from '../../components/modal';
import { profileName, SECRET_FIELDS, type ProfileView } from '../../../src-shared/profile';
import { useProfilesStore } from './profiles-store';
import { fieldLabel } from './form/field-labels';

/** The copy's suggested name, within the Name limit. */
function copyName(name: string): string {
  return `${name.slice(0, 93)} (copy)`;
}

/**
 * "Delete the original": the confirmation of the delete, inside the dialog. Its label names what goes (the row,
 * its test history, its keychain entries and held token); `lostSecrets` are the held secrets not being copied.
 */
function DeleteOriginalOption(props: {
  id: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  lostSecrets: string[];
}) {
  const { id, name, checked, onChange, lostSecrets } = props;
  return (
    <div className="toggle-field dialog__option">
      <div className="toggle-field__row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={`${id}-help`}
        />
        <label htmlFor={id} className="form-field__label">
          Delete the original “{name}” with its test history, stored secrets and token
        </label>
      </div>
      {checked ? (
        <p id={`${id}-help`} className="form-field__warning">
          {lostSecrets.length > 0
            ? `Its ${lostSecrets.join(', ')} ${lostSecrets.length === 1 ? 'is' : 'are'} not copied and will be lost. `
            : ''}
          Deleted once the copy exists; this cannot be undone.
        </p>
      ) : (
        <p id={`${id}-help`} className="form-field__help">
          The way to rename a profile: the copy takes its place. Unchecked, both are kept.
        </p>
      )}
    </div>
  );
}

/** The Duplicate as… button of a stored profile and its dialog. */
export function DuplicateProfile({ view, dirty }: { view: ProfileView; dirty: boolean }) {
  const duplicate = useProfilesStore((s) => s.duplicate);
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [copySecrets, setCopySecrets] = useState(false);
  const [deleteOriginal, setDeleteOriginal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const heldSecrets = SECRET_FIELDS.filter((f) => view.secrets[f]).map((f) => fieldLabel(f));

  const check = profileName.safeParse(name);
  const localError = check.success ? null : (check.error.issues[0]?.message ?? 'Invalid');
  const shownError = error ?? (touched ? localError : null);

  const show = () => {
    setName(copyName(view.name));
    setCopySecrets(heldSecrets.length > 0);
    setDeleteOriginal(false);
    setError(null);
    setTouched(false);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation(); // the dialog is portalled, but React still bubbles submit to the editor's form
    setTouched(true);
    if (localError) return;
    setBusy(true);
    const result = await duplicate(view.id, name, copySecrets, deleteOriginal);
    setBusy(false);
    if (result.ok) setOpen(false);
    else setError(result.error.issues.find((i) => i.path.endsWith('name'))?.message ?? result.error.message);
  };

  return (
    <>
      <button type="button" className="button" onClick={show}>
        Duplicate as…
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={<>Duplicate “{view.name}” as…</>}>
        <form onSubmit={submit} noValidate>
          {dirty ? (
            <p className="form-field__warning">
              Unsaved changes are not copied: the copy is made from the saved profile.
            </p>
          ) : null}
          <div className="form-field">
            <label htmlFor={`${ids}-name`} className="form-field__label">
              New name
            </label>
            <input
              id={`${ids}-name`}
              className="input"
              value={name}
              autoComplete="off"
              aria-invalid={!!shownError}
              aria-describedby={shownError ? `${ids}-error` : `${ids}-help`}
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
              onBlur={() => setTouched(true)}
            />
            {shownError ? (
              <p id={`${ids}-error`} className="form-field__error">
                {shownError}
              </p>
            ) : (
              <p id={`${ids}-help`} className="form-field__help">
                Unique; cannot be changed later. Everything else is copied as it is saved.
              </p>
            )}
          </div>
          <div className="toggle-field dialog__option">
            <div className="toggle-field__row">
              <input
                id={`${ids}-secrets`}
                type="checkbox"
                checked={copySecrets}
                disabled={heldSecrets.length === 0}
                onChange={(e) => setCopySecrets(e.target.checked)}
                aria-describedby={`${ids}-secrets-help`}
              />
              <label htmlFor={`${ids}-secrets`} className="form-field__label">
                Copy the secrets
              </label>
            </div>
            <p id={`${ids}-secrets-help`} className="form-field__help">
              {heldSecrets.length === 0
                ? 'This profile holds no secrets.'
                : `Copies ${heldSecrets.join(', ')} into new keychain entries of the copy. Unchecked, the copy starts without them.`}
            </p>
          </div>
          <DeleteOriginalOption
            id={`${ids}-delete`}
            name={view.name}
            checked={deleteOriginal}
            onChange={setDeleteOriginal}
            lostSecrets={copySecrets ? [] : heldSecrets}
          />
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="submit"
              className={`button ${deleteOriginal ? 'button--danger' : 'button--primary'}`}
              disabled={busy}
            >
              {busy ? 'Duplicating…' : deleteOriginal ? 'Duplicate and delete original' : 'Duplicate'}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
