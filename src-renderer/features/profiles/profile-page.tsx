/**
 * The screen of one profile (or a new one): a header with the way back and the status, the editor on
 * the left and the Test panel on the right, side by side at every window width the app allows. The form
 * remounts whenever a save returns a new version.
 */
import { useFocusOnMount } from '../../components/use-focus-on-mount';
import { useEffect, useRef } from 'react';
import { TestPanel } from '../test-panel/test-panel';
import { useTestEntry } from '../test-panel/test-store';
import { LastTestChip } from './last-test-chip';
import { LeaveProfile } from './leave-profile';
import { ProfileEditor } from './profile-editor';
import { useProfilesStore } from './profiles-store';
import { StatusBadge } from './status-badge';
import { useProfileForm } from './form/use-profile-form';
import type { ProfileView } from '../../../src-shared/profile';
import { revealVerdict } from '../test-panel/run/focus-target';

function Workspace({ view }: { view: ProfileView | null }) {
  const form = useProfileForm(view);
  const notice = useProfilesStore((s) => s.notice);
  const showList = useProfilesStore((s) => s.showList);
  const titleRef = useFocusOnMount<HTMLHeadingElement>();
  const testRef = useRef<HTMLDivElement>(null);
  const running = useTestEntry(view?.id ?? null).running;
  // A Test started from anywhere (Ctrl+Enter deep in the form) shows its progress and verdict at the top.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) testRef.current?.scrollTo({ top: 0 });
    // When it ends, the whole verdict (its token-source line, its warnings) is brought into the panel's view.
    else if (wasRunning.current && testRef.current) revealVerdict(testRef.current);
    wasRunning.current = running;
  }, [running]);
  return (
    <>
      <div className="page-header">
        <LeaveProfile dirty={form.dirty} onLeave={showList} />
        <h1 ref={titleRef} tabIndex={-1} className="page-title">
          {view ? view.name : 'New profile'}
        </h1>
        {view ? <StatusBadge status={view.status} title={view.statusReasons.join('; ') || undefined} /> : null}
        {view ? <LastTestChip last={view.lastTest} /> : null}
        <span className="spacer" />
        <p className={`notice${notice?.tone === 'warn' ? ' notice--warn' : ''}`} role="status">
          {notice && !form.dirty ? notice.text : ''}
        </p>
      </div>
      <div className="workspace">
        <div className="workspace__editor">
          <ProfileEditor form={form} view={view} />
        </div>
        <div ref={testRef} className="workspace__test">
          <TestPanel profile={view} dirty={form.dirty} />
        </div>
      </div>
    </>
  );
}

/** The profile screen for the current route (`new` or `profile`). */
export function ProfilePage() {
  const route = useProfilesStore((s) => s.route);
  const screen = route.kind === 'profile' ? route.id : route.kind;
  const shown = useRef<string | null>(null);
  // Another profile (the list's pick, a duplicate) opens at the top; saving, or creating from `new`, stays put.
  useEffect(() => {
    if (shown.current !== 'new') window.scrollTo(0, 0);
    shown.current = screen;
  }, [screen]);
  const current = useProfilesStore((s) => s.current);
  const currentError = useProfilesStore((s) => s.currentError);
  const showList = useProfilesStore((s) => s.showList);

  if (route.kind === 'new') return <Workspace key="new" view={null} />;
  if (currentError) {
    return (
      <div className="page-message" role="alert">
        <p>{currentError.message}</p>
        <button type="button" className="button" onClick={showList}>
          Back to all profiles
        </button>
      </div>
    );
  }
  if (!current) return <p className="page-message muted">Loading…</p>;
  return <Workspace key={`${current.id}@${current.updatedAt}`} view={current} />;
}
