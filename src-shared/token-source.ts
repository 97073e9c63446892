/**
 * How a run came by its token, in words (docs/architecture.md, "Held tokens"): the label of each TokenSource
 * and the line the app's verdict and the CLI show, which says when nothing was sent and why.
 */
import type { TestRun, TokenSource } from './test-run';

/** What each token source means for the person reading a run. */
export const TOKEN_SOURCE_LABELS: Readonly<Record<TokenSource, string>> = {
  obtained: 'Obtained a new token with the profile’s grant',
  signed_in: 'Signed in through the browser',
  held: 'Used the held token — no sign-in needed',
  refreshed: 'Refreshed the held token',
};

/**
 * The label, what was (not) sent with a held token, and main's reason, as sentences; '' when the run has no
 * tokenSource. A held token with no `check` exchange was sent nowhere: the profile has no Authorization Check URL.
 */
export function describeTokenSource(
  run: Pick<TestRun, 'tokenSource' | 'tokenSourceReason' | 'exchanges'>,
  formatReason: (reason: string) => string = (reason) => reason,
): string {
  if (!run.tokenSource) return '';
  const parts = [TOKEN_SOURCE_LABELS[run.tokenSource]];
  if (run.tokenSourceReason) parts.push(formatReason(run.tokenSourceReason));
  if (run.tokenSource === 'held' && !run.exchanges.some((e) => e.step === 'check'))
    parts.push(
      run.exchanges.length === 0
        ? 'Nothing was sent: the profile has no Authorization Check URL to call with the token'
        : 'The token was not sent: the profile has no Authorization Check URL',
    );
  return parts.map((p) => `${p}.`).join(' ');
}
