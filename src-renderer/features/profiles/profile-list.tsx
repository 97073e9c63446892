/**
 * Kore's "Authorization Profile Summary": every profile with its Authorization Type and Status, a Test
 * action, a filter and "New profile". Rows are memoised, so typing in the filter re-renders only the list.
 */
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { GRANT_TYPE_LABELS, type ProfileSummary } from '../../../src-shared/profile';
import { useFocusOnMount } from '../../components/use-focus-on-mount';
import { useTestStore } from '../test/test-store';
import { useProfilesStore } from './profiles-store';
import { StatusBadge } from './status-badge';

const ProfileRow = memo(function ProfileRow({ profile }: { profile: ProfileSummary }) {
  const showProfile = useProfilesStore((s) => s.showProfile);
  const running = useTestStore((s) => s.byProfile[profile.id]?.running ?? false);
  const configured = profile.status === 'configured';
  const test = () => {
    void showProfile(profile.id);
    void useTestStore.getState().run(profile.id);
  };
  return (
    <tr>
      <th scope="row" className="summary-table__name">
        <button type="button" className="link-button" onClick={() => void showProfile(profile.id)}>
          {profile.name}
        </button>
        <span className="summary-table__idp">{profile.identityProviderName}</span>
      </th>
      <td>{GRANT_TYPE_LABELS[profile.grantType] ?? profile.grantType}</td>
      <td>
        <StatusBadge status={profile.status} />
      </td>
      <td className="summary-table__actions">
        <button
          type="button"
          className="button button--small"
          onClick={test}
          disabled={!configured || running}
          aria-label={`Test ${profile.name}`}
          title={configured ? undefined : 'Not configured: open the profile to complete it'}
        >
          {running ? 'Testing…' : 'Test'}
        </button>
      </td>
    </tr>
  );
});

/** The list screen. */
export function ProfileList() {
  const summaries = useProfilesStore((s) => s.summaries);
  const loaded = useProfilesStore((s) => s.listLoaded);
  const error = useProfilesStore((s) => s.listError);
  const showNew = useProfilesStore((s) => s.showNew);
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const titleRef = useFocusOnMount<HTMLHeadingElement>();

  const visible = useMemo(() => {
    const needle = deferred.trim().toLowerCase();
    if (!needle) return summaries;
    return summaries.filter((p) => p.name.toLowerCase().includes(needle) || p.identityProviderName.toLowerCase().includes(needle));
  }, [summaries, deferred]);

  return (
    <section className="list-page" aria-labelledby="list-title">
      <div className="page-header">
        <h1 id="list-title" ref={titleRef} tabIndex={-1} className="page-title">
          Authorization Profile Summary
        </h1>
        <span className="spacer" />
        <input
          type="search"
          className="input input--search"
          placeholder="Filter by name or identity provider"
          aria-label="Filter profiles"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" className="button button--primary" onClick={showNew}>
          New profile
        </button>
      </div>
      {error ? (
        <p className="page-message" role="alert">
          Could not load the profiles: {error.message}
        </p>
      ) : !loaded ? (
        <p className="page-message muted">Loading…</p>
      ) : summaries.length === 0 ? (
        <div className="empty-state empty-state--large">
          <p>No authorization profiles yet.</p>
          <p className="muted">A profile describes how to obtain a token from an identity provider. Create one, then press Test to see every exchange.</p>
        </div>
      ) : (
        <table className="summary-table">
          <caption className="visually-hidden">
            {visible.length === summaries.length ? `${summaries.length} profiles` : `${visible.length} of ${summaries.length} profiles`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Authorization Type</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((p) => (
              <ProfileRow key={p.id} profile={p} />
            ))}
            {visible.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  No profile matches “{deferred}”.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
    </section>
  );
}
