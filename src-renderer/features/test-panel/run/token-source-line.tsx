/**
 * How the run came by its token, under the verdict (docs/architecture.md, "Held tokens"): "Used the held token —
 * no sign-in needed", "Refreshed the held token", "A person signed in for a new token", with main's reason in local
 * time and, for a held token that no check call used, that nothing was sent.
 */
import { tokenSourceSentences } from '../../../../src-shared/token-source';
import type { TestRun } from '../../../../src-shared/test-run';
import { localDateTime } from '../token/token-time';

/** ISO-8601 instants in main's reason (e.g. the held token's expiry). */
const ISO_INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** The token-source line of `run`; nothing for a run without one (a grant that obtained a fresh token is not said). */
export function TokenSourceLine({ run }: { run: TestRun }) {
  if (run.tokenSource === 'obtained') return null;
  const [label, ...rest] = tokenSourceSentences(run, (reason) => reason.replace(ISO_INSTANT, localDateTime));
  if (!label) return null;
  return (
    <p className="verdict__source">
      <strong>{label}</strong> {rest.join(' ')}
    </p>
  );
}
