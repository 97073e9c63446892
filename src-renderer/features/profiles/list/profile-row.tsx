/**
 * One row of the Authorization Profile Summary: select, Name (opens the profile) with its identity
 * provider, Authorization Type, Test (enabled only when Configured), Status (with the refresh token's
 * "Expires soon" / "Expired" below it) and the last Test. Positioned by the
 * virtualised table; only the active row's controls are in the Tab order (roving tabindex).
 */
import { memo } from 'react';
import { GRANT_TYPE_LABELS, type ProfileSummary } from '../../../../src-shared/profile';
import { useTestStore } from '../../test-panel/test-store';
import { useProfilesStore } from '../profiles-store';
import { LastTestChip } from '../last-test-chip';
import { ExpiryBadge } from '../expiry-badge';
import { StatusBadge } from '../status-badge';

interface ProfileRowProps {
  profile: ProfileSummary;
  index: number;
  /** Offset from the top of the rows (px). */
  top: number;
  selected: boolean;
  /** Whether this row's controls are in the Tab order. */
  tabbable: boolean;
  onSelect: (id: string, selected: boolean) => void;
}

/** A row of the summary table. */
export const ProfileRow = memo(function ProfileRow({
  profile,
  index,
  top,
  selected,
  tabbable,
  onSelect,
}: ProfileRowProps) {
  const showProfile = useProfilesStore((s) => s.showProfile);
  const running = useTestStore((s) => s.byProfile[profile.id]?.running ?? false);
  const configured = profile.status === 'configured';
  const tabIndex = tabbable ? 0 : -1;
  const test = () => {
    void showProfile(profile.id);
    void useTestStore.getState().run(profile.id);
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      className={`ptable__row${selected ? ' ptable__row--selected' : ''}`}
      style={{ top }}
    >
      <div role="cell" className="ptable__cell ptable__cell--select">
        <input
          type="checkbox"
          data-col="select"
          tabIndex={tabIndex}
          checked={selected}
          aria-label={`Select ${profile.name}`}
          onChange={(e) => onSelect(profile.id, e.target.checked)}
        />
      </div>
      <div role="rowheader" className="ptable__cell ptable__cell--name">
        <button
          type="button"
          data-col="name"
          tabIndex={tabIndex}
          className="link-button ptable__name"
          onClick={() => void showProfile(profile.id)}
        >
          {profile.name}
        </button>
        <span className="ptable__idp">{profile.identityProviderName}</span>
      </div>
      <div role="cell" className="ptable__cell ptable__cell--wrap">
        {GRANT_TYPE_LABELS[profile.grantType]}
      </div>
      <div role="cell" className="ptable__cell">
        <button
          type="button"
          data-col="test"
          tabIndex={tabIndex}
          className="button button--small"
          onClick={test}
          disabled={!configured || running}
          aria-label={`Test ${profile.name}`}
          title={configured ? undefined : 'Not configured: open the profile to complete it'}
        >
          {running ? 'Testing…' : 'Test'}
        </button>
      </div>
      <div role="cell" className="ptable__cell ptable__cell--status">
        <StatusBadge status={profile.status} title={profile.statusReasons.join('; ') || undefined} />
        <ExpiryBadge expiry={profile.tokenExpiry} />
      </div>
      <div role="cell" className="ptable__cell">
        <LastTestChip last={profile.lastTest} stacked />
      </div>
    </div>
  );
});
