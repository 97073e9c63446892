/**
 * The warnings of a run (PKCE plain, a token call by GET, the legacy password grant): shown whether it passed
 * or not. The legacy-grant sentence is explained once, beside Test (LegacyNote); here it is a link to it.
 */
import { GRANT_INFO, LEGACY_GRANT_WARNING } from '../../../../src-shared/grants';
import type { GrantType } from '../../../../src-shared/grants';
import type { TestRun } from '../../../../src-shared/test-run';

/** DOM id of the legacy-grant note of `profileId`'s Test controls. */
export function legacyNoteId(profileId: string): string {
  return `legacy-note-${profileId}`;
}

/** The one explanation of a legacy grant, beside Test (nothing for a current grant). */
export function LegacyNote({ profileId, grantType }: { profileId: string; grantType: GrantType }) {
  if (!GRANT_INFO[grantType].legacy) return null;
  return (
    <p id={legacyNoteId(profileId)} tabIndex={-1} className="legacy-note">
      <span className="badge badge--warn">Legacy grant</span> {LEGACY_GRANT_WARNING}.
    </p>
  );
}

function focusNote(profileId: string) {
  const note = document.getElementById(legacyNoteId(profileId));
  note?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  note?.focus({ preventScroll: true });
}

/** The run's warnings as a list (nothing when it has none). */
export function RunWarnings({ run }: { run: TestRun }) {
  if (!run.warnings?.length) return null;
  return (
    <ul className="verdict__warnings" aria-label="Warnings">
      {run.warnings.map((w) =>
        w === LEGACY_GRANT_WARNING ? (
          <li key={w}>
            ⚠{' '}
            <button type="button" className="link-button" onClick={() => focusNote(run.profileId)}>
              Legacy grant: see the note beside Test
            </button>
          </li>
        ) : (
          <li key={w}>⚠ {w}</li>
        ),
      )}
    </ul>
  );
}
