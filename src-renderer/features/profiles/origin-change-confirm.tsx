/**
 * The question before saving a profile whose endpoint or proxy moves to another origin: it names the old
 * and new hosts, and saving deletes the stored secrets and token unless the user ticks that they belong to
 * the new host too (docs/security.md, "Where each secret lives").
 */
import { Fragment, useId, useState } from 'react';
import { ORIGIN_FIELDS } from '../../../src-shared/endpoint-origins';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { ProfileForm } from './form/use-profile-form';

/** The confirmation, shown while `form.moves` is set. */
export function OriginChangeConfirm({ form }: { form: ProfileForm }) {
  const [keep, setKeep] = useState(false);
  const checkbox = useId();
  const moves = form.moves;
  if (!moves) return null;
  const close = () => {
    setKeep(false);
    form.cancelMove();
  };
  const message = (
    <>
      {moves.map((m) => (
        <Fragment key={m.field}>
          <strong>{ORIGIN_FIELDS[m.field]}</strong>: {m.from ?? '(none)'} → {m.to}
          <br />
        </Fragment>
      ))}
      The stored secrets (client secret, password, private key, passphrase) and the held token were given for the old
      host. Saving deletes them, unless they belong to the new host too.
      <br />
      <input id={checkbox} type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />{' '}
      <label htmlFor={checkbox}>They belong to the new host too: keep them</label>
    </>
  );
  return (
    <ConfirmDialog
      open
      title="Save with a new host?"
      message={message}
      confirmLabel={keep ? 'Save and keep secrets' : 'Save and delete secrets'}
      busy={form.saving}
      onConfirm={() => {
        const answer = keep;
        setKeep(false);
        void form.submit(answer);
      }}
      onCancel={close}
    />
  );
}
