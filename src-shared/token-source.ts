/**
 * How a run came by its token (docs/architecture.md, "Held tokens"): which profiles hold their token, the label
 * of each TokenSource and the line the app's verdict and the CLI show, which says when nothing was sent and why.
 */
import type { GrantInputs } from './grants';
import type { TestRun, TokenSource } from './test-run';

/**
 * True when Tests of `profile` keep and reuse their token (src-main/services/held-token.ts): an authorization-code
 * profile in pre-authorize mode, which signs in once ("Sign in again" forces the browser).
 */
export function holdsToken(profile: GrantInputs): boolean {
  return profile.grantType === 'authorization_code' && profile.authorizationMode === 'pre_authorize';
}

/** What each token source means for the person reading a run (`signed_in`: through the browser or a device code). */
export const TOKEN_SOURCE_LABELS: Readonly<Record<TokenSource, string>> = {
  obtained: 'Obtained a new token with the profile’s grant',
  signed_in: 'A person signed in for a new token',
  held: 'Used the held token — no sign-in needed',
  refreshed: 'Refreshed the held token',
};

/**
 * The sentences that say how `run` came by its token: the label, main's reason (through `formatReason`, e.g. to
 * show its ISO-8601 times in local time), and for a held token with no `check` exchange that it was sent nowhere
 * (the profile has no Authorization Check URL); empty when the run has no tokenSource.
 */
export function tokenSourceSentences(
  run: Pick<TestRun, 'tokenSource' | 'tokenSourceReason' | 'exchanges'>,
  formatReason: (reason: string) => string = (reason) => reason,
): string[] {
  if (!run.tokenSource) return [];
  const parts = [TOKEN_SOURCE_LABELS[run.tokenSource]];
  if (run.tokenSourceReason) parts.push(formatReason(run.tokenSourceReason));
  if (run.tokenSource === 'held' && !run.exchanges.some((e) => e.step === 'check'))
    parts.push(
      run.exchanges.length === 0
        ? 'Nothing was sent: the profile has no Authorization Check URL to call with the token'
        : 'The token was not sent: the profile has no Authorization Check URL',
    );
  return parts.map((p) => `${p}.`);
}

/** tokenSourceSentences as one line, times as main wrote them (the CLI's `source` line); '' without a tokenSource. */
export function describeTokenSource(run: Pick<TestRun, 'tokenSource' | 'tokenSourceReason' | 'exchanges'>): string {
  return tokenSourceSentences(run).join(' ');
}
