/**
 * The phases a running Test goes through, per grant (docs/architecture.md, "A Test, step by step"), for
 * the step indicator: the browser sign-in of the authorization-code flow (its `browser`, `authorize` and
 * `callback` events), the token request, a refresh when one happens, and the check URL when the profile
 * has one. Steps and phases map through tables keyed by their unions: a new step is a compile error here.
 */
import { GRANT_INFO } from '../../../../src-shared/grants';
import type { ProfileView } from '../../../../src-shared/profile';
import type { TestProgress } from '../../../../src-shared/test-run';

/** A `test:progress` step. */
export type ProgressStep = TestProgress['step'];

/** A phase of the indicator. */
export type Phase = 'browser' | 'discovery' | 'token' | 'refresh' | 'check';

/** One phase of the indicator. */
export interface PhaseMark {
  phase: Phase;
  label: string;
  state: 'done' | 'current' | 'pending';
}

const LABELS: Record<Phase, string> = {
  browser: 'Sign in (browser)',
  discovery: 'Discovery',
  token: 'Token',
  refresh: 'Refresh',
  check: 'Check URL',
};

/** The phase of each progress step: the browser sign-in has three; `starting` and `done` have none. */
const PHASE_OF: Record<ProgressStep, Phase | null> = {
  starting: null,
  browser: 'browser',
  authorize: 'browser',
  callback: 'browser',
  // RFC 8628 §3.1: the device code is asked for to start the approval in the browser.
  device_authorization: 'browser',
  // RFC 9126 §2: the authorization request is pushed just before the browser opens.
  par: 'browser',
  discovery: 'discovery',
  token: 'token',
  refresh: 'refresh',
  check: 'check',
  // Token tools (Introspect, Revoke, UserInfo) run outside a Test: no phase of their own.
  introspection: null,
  revocation: null,
  userinfo: null,
  done: null,
};

/** What to say in each phase while no message from main has arrived. */
const HEADLINES: Record<Phase, string> = {
  browser: 'Waiting for the browser sign-in…',
  discovery: 'Reading the IdP configuration…',
  token: 'Requesting a token…',
  refresh: 'Refreshing the token…',
  check: 'Calling the check URL…',
};

/** The phase of a progress step; null for `starting` and `done`. */
export function phaseOf(step: ProgressStep | null): Phase | null {
  return step === null ? null : PHASE_OF[step];
}

/** What to say while no message from main has arrived for `step`. */
export function stepHeadline(step: ProgressStep | null, grantType: ProfileView['grantType']): string {
  const phase = phaseOf(step);
  if (phase === null) return 'Starting…';
  // After a browser sign-in the token request redeems the code (RFC 6749 §4.1.3).
  return phase === 'token' && GRANT_INFO[grantType].needsBrowser ? 'Exchanging the code…' : HEADLINES[phase];
}

/** The phases expected for `profile`, in order. */
export function expectedPhases(profile: ProfileView): Phase[] {
  const phases: Phase[] = GRANT_INFO[profile.grantType].needsBrowser ? ['browser', 'token'] : ['token'];
  if (profile.checkUrl) phases.push('check');
  return phases;
}

/**
 * The indicator after the steps `seen` (in order) with `current` the latest: phases reached keep the
 * order they happened in (a refresh after an auth error status appears where it happened), and the
 * expected ones not reached yet follow.
 */
export function phaseMarks(
  profile: ProfileView,
  seen: readonly ProgressStep[],
  current: ProgressStep | null,
): PhaseMark[] {
  const reached: Phase[] = [];
  for (const step of seen) {
    const phase = phaseOf(step);
    if (phase && !reached.includes(phase)) reached.push(phase);
  }
  const order = [...reached, ...expectedPhases(profile).filter((p) => !reached.includes(p))];
  const now = phaseOf(current);
  return order.map((phase) => ({
    phase,
    label: LABELS[phase],
    state: phase === now ? 'current' : reached.includes(phase) ? 'done' : 'pending',
  }));
}
