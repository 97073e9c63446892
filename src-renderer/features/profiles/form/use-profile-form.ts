/**
 * The editor's state: the draft, the secrets being typed, which fields were touched, and the errors to
 * show — the shared schema's (live once a field is touched, all of them after a save attempt) and the
 * server's `details.issues` (until the user edits that field).
 */
import { useMemo, useState } from 'react';
import { originChanges, type OriginChange } from '../../../../src-shared/endpoint-origins';
import type { ProfileView, SecretField } from '../../../../src-shared/profile';
import { useProfilesStore } from '../profiles-store';
import { draftFromView, draftToInput, emptyDraft } from './draft-convert';
import { getIn, setIn, type DraftPath } from './draft-paths';
import { serverFieldErrors, validateDraft, validateSecrets } from './draft-validate';
import { newRow, type FieldErrors, type ProfileDraft, type RowOf, type TableName } from './profile-draft';
import { initialSecrets, secretsPatchFor, typedSecrets, type SecretDraft, type SecretDrafts } from './secrets-draft';

const without = (errors: FieldErrors, drop: (path: string) => boolean): FieldErrors => {
  const kept = Object.entries(errors).filter(([path]) => !drop(path));
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
};

/** Form state and actions for the editor of `view` (null for a new profile). Remount to reset. */
export function useProfileForm(view: ProfileView | null) {
  const save = useProfilesStore((s) => s.save);
  const [draft, setDraft] = useState<ProfileDraft>(() =>
    view ? draftFromView(view) : emptyDraft('client_credentials'),
  );
  const [secrets, setSecrets] = useState<SecretDrafts>(() => initialSecrets(view));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [moves, setMoves] = useState<OriginChange[] | null>(null);

  const errors = useMemo<FieldErrors>(
    () => ({ ...validateDraft(draft), ...validateSecrets(typedSecrets(draft, secrets)) }),
    [draft, secrets],
  );

  /** Marks an edit: the draft is dirty and the server's verdict on the edited field(s) no longer applies. */
  const edited = (drop: (path: string) => boolean) => {
    setDirty(true);
    setFormError(null);
    setServer((s) => without(s, drop));
  };
  /** Changes the rows of `table`; `cell` names the one edited cell, else rows were added, removed or moved. */
  const editTable = <T extends TableName>(
    table: T,
    change: (rows: Array<RowOf<T>>) => Array<RowOf<T>>,
    reindexed: boolean,
    cell?: string,
  ) => {
    setDraft((d) => ({ ...d, [table]: change(d[table] as Array<RowOf<T>>) }));
    edited((path) => path === table || path === cell || (reindexed && path.startsWith(`${table}.`)));
    // Row numbers shift: "touched" marks of this table would point at other rows.
    if (reindexed) setTouched((t) => new Set([...t].filter((p) => !p.startsWith(`${table}.`))));
  };

  return {
    draft,
    secrets,
    /** Which secrets the keychain holds for the stored profile (all false for a new one). */
    stored: view?.secrets ?? null,
    /** The stored profile's id (null for a new profile), for the calls that read what main keeps (the DPoP key). */
    profileId: view?.id ?? null,
    isNew: view === null,
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

    value(path: DraftPath): unknown {
      return getIn(draft, path);
    },

    set(path: DraftPath, value: unknown) {
      setDraft((d) => setIn(d, path, value));
      edited((p) => p === path);
    },

    setSecret(field: SecretField, next: SecretDraft) {
      setSecrets((s) => ({ ...s, [field]: next }));
      edited((p) => p === field);
    },

    addRow<T extends TableName>(table: T, row: RowOf<T> = newRow(table)) {
      editTable(table, (rows) => [...rows, row], false);
    },

    setCell<T extends TableName>(table: T, index: number, part: Exclude<keyof RowOf<T>, 'rowId'>, value: unknown) {
      const edit = (row: RowOf<T>) => ({ ...(row as object), [part]: value }) as RowOf<T>;
      const cell = `${table}.${index}.${String(part)}`;
      editTable(table, (rows) => rows.map((row, i) => (i === index ? edit(row) : row)), false, cell);
    },

    removeRow(table: TableName, index: number) {
      editTable(table, (rows) => rows.filter((_, i) => i !== index), true);
    },

    /** Moves row `index` by `delta` (-1 up, +1 down); out-of-range moves do nothing. */
    moveRow(table: TableName, index: number, delta: -1 | 1) {
      editTable(
        table,
        (rows) => {
          const target = index + delta;
          if (target < 0 || target >= rows.length) return rows;
          const next = [...rows];
          [next[index], next[target]] = [next[target]!, next[index]!];
          return next;
        },
        true,
      );
    },

    /**
     * The endpoints the unsaved edit moves to another origin, while the editor asks whether the stored secrets
     * belong there too (null when not asking); answered by `submit(keep)` or `cancelMove`.
     */
    moves,

    cancelMove() {
      setMoves(null);
    },

    /**
     * Validates, then creates or updates; returns true when saved (the store then shows the stored view). An
     * update that moves an endpoint to another origin first sets `moves` and waits for `submit(keepSecrets)`:
     * main keeps the stored secrets and token only when `keepSecrets` (docs/security.md, "Where each secret lives").
     */
    async submit(keepSecrets?: boolean): Promise<boolean> {
      setSubmitted(true);
      setFormError(null);
      if (Object.keys(errors).length > 0) return false;
      const input = draftToInput(draft);
      const changes = view ? originChanges(view, input) : [];
      if (changes.length > 0 && keepSecrets === undefined) {
        setMoves(changes);
        return false;
      }
      setMoves(null);
      setSaving(true);
      const patch = secretsPatchFor(draft, secrets, view?.secrets ?? null);
      const result = await save(input, patch, changes.length > 0 && keepSecrets === true);
      setSaving(false);
      if (result.ok) {
        // Typed secrets have gone to main: drop them here rather than rely on the editor remounting.
        setSecrets(initialSecrets(result.view));
        return true;
      }
      setServer(serverFieldErrors(result.error.issues));
      setFormError(result.error.message);
      return false;
    },
  };
}

/** What `useProfileForm` returns, for the components that render parts of the form. */
export type ProfileForm = ReturnType<typeof useProfileForm>;
