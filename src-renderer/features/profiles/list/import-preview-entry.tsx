/**
 * One entry of a foreign file's import preview (docs/architecture.md, "Import from other tools"): its name and
 * grant, which secrets were found (by label, never the values) and the notes on what Authbench cannot carry over.
 */
import type { ReactNode } from 'react';
import { FIELD_LABEL_TABLE } from '../../../../src-shared/field-labels';
import { GRANT_TYPE_LABELS, type GrantType } from '../../../../src-shared/profile';
import type { ImportPreviewEntry } from '../../../../src-shared/transfer';

/** Secret field names as the editor labels them ("Client Secret, Password"). */
export function secretLabels(fields: readonly string[]): string {
  return fields.map((f) => (FIELD_LABEL_TABLE as Record<string, string>)[f] ?? f).join(', ');
}

/** The notes of an entry, as a list (nothing when there are none). */
export function ImportNotes({ notes }: { notes: readonly string[] | undefined }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul className="import-entry__notes" aria-label="Notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

/** A previewed entry of a foreign file; `children` are its clash choices when the name is in use. */
export function ImportPreviewItem({ entry, children }: { entry: ImportPreviewEntry; children?: ReactNode }) {
  const grant = entry.grantType ? (GRANT_TYPE_LABELS[entry.grantType as GrantType] ?? entry.grantType) : null;
  return (
    <li className="import-entry">
      <div className="import-entry__line">
        <span className="import-entry__name">{entry.name ?? `Profile #${entry.index + 1} (no name)`}</span>
        {grant ? <span className="badge">{grant}</span> : null}
      </div>
      <p className="muted small import-entry__secrets">
        {entry.secretsFound.length > 0
          ? `Secrets found: ${secretLabels(entry.secretsFound)} (they go to the OS keychain)`
          : 'Secrets found: none'}
      </p>
      <ImportNotes notes={entry.notes} />
      {children}
    </li>
  );
}
