/**
 * The "Settings" button of the top bar and its dialog: how many hours before a refresh token expires the
 * list says "Expires soon" and the app shows an OS notification (1–720, default 24), and whether it notifies.
 */
import { useId, useState, type FormEvent } from 'react';
import { appSettings } from '../../../src-shared/token-expiry';
import { Modal } from '../../components/modal';
import { useSettingsStore } from './settings-store';
import './settings.css';

const HOURS = appSettings.shape.expiryWarningHours;

/** The top bar's Settings button and the dialog it opens. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small top-bar__settings" onClick={() => setOpen(true)}>
        Settings
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title="Settings">
        <SettingsForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function SettingsForm({ onDone }: { onDone: () => void }) {
  const { settings, update } = useSettingsStore();
  const ids = useId();
  const [hours, setHours] = useState(String(settings.expiryWarningHours));
  const [notify, setNotify] = useState(settings.expiryNotifications);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = HOURS.safeParse(hours.trim() === '' ? NaN : Number(hours));
  const localError = parsed.success ? null : 'A whole number of hours from 1 to 720 (30 days)';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!parsed.success) return setError(localError);
    setBusy(true);
    const failed = await update({ expiryWarningHours: parsed.data, expiryNotifications: notify });
    setBusy(false);
    if (failed) setError(failed.message);
    else onDone();
  };

  return (
    <form onSubmit={submit} noValidate>
      <h3 className="subsection-title">Refresh token expiry</h3>
      <div className="form-field">
        <label htmlFor={`${ids}-hours`} className="form-field__label">
          Warn this many hours before a refresh token expires
        </label>
        <input
          id={`${ids}-hours`}
          className="input input--hours"
          inputMode="numeric"
          value={hours}
          data-autofocus
          aria-invalid={!!error}
          aria-describedby={error ? `${ids}-error` : `${ids}-help`}
          onChange={(e) => {
            setHours(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <p id={`${ids}-error`} className="form-field__error" role="alert">
            {error}
          </p>
        ) : (
          <p id={`${ids}-help`} className="form-field__help">
            1 to 720 hours (default 24). Within this time of its refresh token&apos;s expiry, a profile shows
            &ldquo;Expires soon&rdquo; in the list; once it has passed, &ldquo;Expired&rdquo;. Only where the IdP states
            the refresh token&apos;s lifetime (refresh_expires_in, refresh_token_expires_in, or a JWT refresh
            token&apos;s exp).
          </p>
        )}
      </div>
      <div className="toggle-field dialog__option">
        <div className="toggle-field__row">
          <input
            id={`${ids}-notify`}
            type="checkbox"
            checked={notify}
            onChange={(e) => setNotify(e.target.checked)}
            aria-describedby={`${ids}-notify-help`}
          />
          <label htmlFor={`${ids}-notify`} className="form-field__label">
            Show an OS notification
          </label>
        </div>
        <p id={`${ids}-notify-help`} className="form-field__help">
          While Authbench runs, once per refresh token: when it enters that window, or at start when it already has (or
          has expired).
        </p>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
