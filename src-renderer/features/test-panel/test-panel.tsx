/**
 * The Test panel of a profile: controls (the Test dialog, the running state with Cancel), the history of
 * stored runs, then the run shown — verdict, timeline, the stored token, and every exchange with its
 * Request, Headers and Response tabs — or the error that kept the Test from running.
 */
import { useEffect } from 'react';
import type { ProfileView } from '../../../src-shared/profile';
import { ExchangeCard } from './run/exchange-card';
import { RunHistory } from './run/run-history';
import { TestControls } from './test-controls';
import { useTestEntry, useTestStore } from './test-store';
import { exchangeCardId, verdictId } from './run/focus-target';
import { useTokenEntry, useTokenStore } from './token/token-store';
import { TokenView } from './token/token-view';
import { RunResult } from './run/run-result';
import { CompareView } from './compare/compare-view';
import { useCompare } from './compare/use-compare';
import './run/run-views.css';

interface TestPanelProps {
  /** The saved profile, or null while a new profile is being written. */
  profile: ProfileView | null;
  dirty: boolean;
}

/** Test controls, history and the shown result of `profile`. */
export function TestPanel({ profile, dirty }: TestPanelProps) {
  const profileId = profile?.id ?? null;
  const entry = useTestEntry(profileId);
  const show = useTestStore((s) => s.show);
  const tokenHeld = useTokenEntry(profileId ?? '').token !== null;
  const compare = useCompare(profileId, entry.history);

  useEffect(() => {
    if (!profileId) return;
    void useTestStore.getState().loadHistory(profileId);
    void useTokenStore.getState().load(profileId);
  }, [profileId]);

  const run = entry.run;
  return (
    <section className="test-panel" aria-labelledby="test-panel-title">
      <h2 id="test-panel-title" className="section-title">
        Test
      </h2>
      {!profile ? (
        <p className="empty-state">
          Save the profile to test it. Test requests a token from the Token Request URL and shows every exchange with
          the identity provider.
        </p>
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
          <RunHistory
            history={entry.history}
            shownId={run?.id ?? null}
            onShow={(picked) => {
              compare.close();
              show(profile.id, picked);
            }}
            picked={compare.picked}
            onPick={compare.toggle}
            onCompare={compare.open}
          />
          {compare.pair ? (
            <CompareView pair={compare.pair} onClose={compare.close} />
          ) : run ? (
            <div className="test-result" aria-busy={entry.running}>
              <RunResult run={run} pinned={entry.pinned} onLatest={() => show(profile.id, null)} />
              {/* A run from the history shows its own token; the held token belongs with the latest. */}
              {entry.pinned ? null : <TokenView profile={profile} verification={run.token?.verification} />}
              <h3 className="subsection-title">Exchanges</h3>
              {run.exchanges.length === 0 ? <p className="muted">No request was sent.</p> : null}
              {run.exchanges.map((exchange, index) => (
                <ExchangeCard
                  key={`${run.id}-${index}`}
                  id={exchangeCardId(run.id, index)}
                  exchange={exchange}
                  index={index}
                  verdictId={verdictId(run.id)}
                  runMessage={run.error?.message}
                />
              ))}
            </div>
          ) : (
            <>
              {!entry.running && !entry.error && profile.status === 'configured' ? (
                <p className="empty-state">
                  Press Test to request a token with this profile. Each HTTP exchange appears here with its headers and
                  response.
                </p>
              ) : null}
              {tokenHeld ? <TokenView profile={profile} /> : null}
            </>
          )}
        </>
      )}
    </section>
  );
}
