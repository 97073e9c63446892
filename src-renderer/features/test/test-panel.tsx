/**
 * The Test panel of a profile: controls, then the last result — verdict, token summary and every
 * exchange with its Headers and Response tabs — or the error that kept the Test from running.
 */
import type { ProfileView } from '../../../src-shared/profile';
import { ExchangeCard } from './exchange-card';
import { TestControls } from './test-controls';
import { TokenSummary } from './token-summary';
import { useTestEntry } from './test-store';
import { Verdict } from './verdict';

interface TestPanelProps {
  /** The saved profile, or null while a new profile is being written. */
  profile: ProfileView | null;
  dirty: boolean;
}

/** Test controls and the last result of `profile`. */
export function TestPanel({ profile, dirty }: TestPanelProps) {
  const entry = useTestEntry(profile?.id ?? null);
  return (
    <section className="test-panel" aria-labelledby="test-panel-title">
      <h2 id="test-panel-title" className="section-title">
        Test
      </h2>
      {!profile ? (
        <p className="empty-state">Save the profile to test it. Test requests a token from the Token Request URL and shows every exchange with the identity provider.</p>
      ) : (
        <>
          <TestControls profile={profile} dirty={dirty} />
          {entry.error ? (
            <div className="verdict verdict--failed" role="alert">
              <p className="verdict__line">
                <span className="verdict__label">Could not test</span>
                <span className="verdict__message">{entry.error.message}</span>
              </p>
            </div>
          ) : null}
          {entry.run ? (
            <div className="test-result" aria-busy={entry.running}>
              <Verdict run={entry.run} />
              {entry.run.ok && entry.run.token ? <TokenSummary token={entry.run.token} /> : null}
              <h3 className="subsection-title">Exchanges</h3>
              {entry.run.exchanges.length === 0 ? <p className="muted">No request was sent.</p> : null}
              {entry.run.exchanges.map((exchange, index) => (
                <ExchangeCard key={`${entry.run?.id}-${index}`} exchange={exchange} index={index} />
              ))}
            </div>
          ) : !entry.running && !entry.error && profile.status === 'configured' ? (
            <p className="empty-state">Press Test to request a token with this profile. Each HTTP exchange appears here with its headers and response.</p>
          ) : null}
        </>
      )}
    </section>
  );
}
