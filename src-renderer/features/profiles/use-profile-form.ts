/**
 * The editor's state: the draft, the client secret being typed, which fields were touched, and the
 * errors to show — the shared schema's (after a field is touched, or on a failed save) and the server's
 * `details.issues` (until the user edits that field).
 */
import { useMemo, useState } from 'react';
import type { ProfileView, SecretsPatch } from '../../../src-shared/profile';
import { useProfilesStore } from './profiles-store';
import {
  draftFromView,
  draftToInput,
  emptyDraft,
  scopeRow,
  serverFieldErrors,
  validateDraft,
  validateSecret,
  type FieldErrors,
  type ProfileDraft,
} from './profile-draft';

/**
 * The Client Secret as edited: `stored` keeps the keychain value (shown only as "Set"), `new` sends the
 * typed value (nothing when left empty), `remove` deletes it on save.
 */
export interface SecretDraft {
  mode: 'stored' | 'new' | 'remove';
  value: string;
}

type TextField = Exclude<keyof ProfileDraft, 'scopes'>;

function secretsPatchFor(secret: SecretDraft): SecretsPatch {
  if (secret.mode === 'remove') return { clientSecret: null };
  if (secret.mode === 'new' && secret.value !== '') return { clientSecret: secret.value };
  return {};
}

/** Form state and actions for the editor of `view` (null for a new profile). Remount to reset. */
export function useProfileForm(view: ProfileView | null) {
  const save = useProfilesStore((s) => s.save);
  const [draft, setDraft] = useState<ProfileDraft>(() => (view ? draftFromView(view) : emptyDraft()));
  const [secret, setSecret] = useState<SecretDraft>({ mode: view?.secrets.clientSecret ? 'stored' : 'new', value: '' });
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);

  const errors = useMemo<FieldErrors>(() => {
    const secretError = secret.mode === 'new' && secret.value !== '' ? validateSecret(secret.value) : null;
    return { ...validateDraft(draft), ...(secretError ? { clientSecret: secretError } : {}) };
  }, [draft, secret]);

  /** Marks an edit: the draft is dirty and the server's verdict on that field no longer applies. */
  const edited = (path: string) => {
    setDirty(true);
    setFormError(null);
    setServer((s) => {
      if (!(path in s)) return s;
      const { [path]: _dropped, ...rest } = s;
      return rest;
    });
  };

  return {
    draft,
    secret,
    saving,
    dirty,
    submitted,
    formError,

    /** The message to show on `path`: the server's, else the schema's once touched or after a save attempt. */
    errorFor(path: string): string | undefined {
      return server[path] ?? (submitted || touched.has(path) ? errors[path] : undefined);
    },

    /** Every error to list in the summary after a failed save (schema and server), by field path. */
    visibleErrors(): FieldErrors {
      return submitted ? { ...errors, ...server } : { ...server };
    },

    touch(path: string) {
      setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
    },

    setField(field: TextField, value: string) {
      setDraft((d) => ({ ...d, [field]: value }));
      edited(field);
    },

    setSecret(next: SecretDraft) {
      setSecret(next);
      edited('clientSecret');
    },

    addScope() {
      setDraft((d) => ({ ...d, scopes: [...d.scopes, scopeRow()] }));
      setDirty(true);
    },

    setScope(index: number, part: 'key' | 'value', text: string) {
      setDraft((d) => ({ ...d, scopes: d.scopes.map((row, i) => (i === index ? { ...row, [part]: text } : row)) }));
      edited(`scopes.${index}.${part}`);
    },

    removeScope(index: number) {
      setDraft((d) => ({ ...d, scopes: d.scopes.filter((_, i) => i !== index) }));
      setDirty(true);
    },

    /** Validates, then creates or updates; returns true when saved (the store then shows the stored view). */
    async submit(): Promise<boolean> {
      setSubmitted(true);
      setFormError(null);
      if (Object.keys(errors).length > 0) return false;
      setSaving(true);
      const result = await save(draftToInput(draft), secretsPatchFor(secret));
      setSaving(false);
      if (result.ok) return true;
      setServer(serverFieldErrors(result.error.issues));
      setFormError(result.error.message);
      return false;
    },
  };
}

/** What `useProfileForm` returns, for the components that render parts of the form. */
export type ProfileForm = ReturnType<typeof useProfileForm>;
