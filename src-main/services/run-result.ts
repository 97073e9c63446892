/**
 * The end of a run (docs/security.md, "The redactor"): the raw FlowOutcome becomes a TestRun with every
 * secret the run knew masked by value: the profile's secrets, typed secret values, the tokens and the
 * flow's own secret values (codes, verifiers).
 */
import { randomUUID } from 'node:crypto';
import { secretFormKeys } from '../../src-shared/grants';
import type { ProfileView } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { createRedactor } from '../http/redact';
import type { FlowOutcome, FlowSecrets } from '../oauth/flow';

/** What toTestRun needs besides the outcome: the profile, its secrets, the typed values and the timing. */
export interface RunFacts {
  profile: ProfileView;
  secrets: FlowSecrets;
  formValues: Readonly<Record<string, string>>;
  startedAt: Date;
  /** performance.now() when the run started (ms). */
  started: number;
}

/** The redacted TestRun of `outcome`: ok when it has no error; durationMs to 0.1 ms. */
export function toTestRun(outcome: FlowOutcome, facts: RunFacts): TestRun {
  const { profile } = facts;
  const known = [
    ...Object.values(facts.secrets),
    ...sensitiveFormValues(profile, facts.formValues),
    outcome.token?.accessToken,
    outcome.token?.refreshToken,
    ...(outcome.secretValues ?? []),
  ].filter((s): s is string => !!s);
  const redactor = createRedactor(known);
  const error = outcome.error && {
    ...outcome.error,
    message: redactor.text(outcome.error.message),
    ...(outcome.error.oauthErrorDescription
      ? { oauthErrorDescription: redactor.text(outcome.error.oauthErrorDescription) }
      : {}),
    ...(outcome.error.oauthErrorUri ? { oauthErrorUri: redactor.url(outcome.error.oauthErrorUri) } : {}),
  };
  return {
    id: randomUUID(),
    ok: !outcome.error,
    profile: profile.name,
    profileId: profile.id,
    grantType: profile.grantType,
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round((performance.now() - facts.started) * 10) / 10,
    exchanges: outcome.exchanges.map((e) => redactor.exchange(e)),
    ...(outcome.token ? { token: outcome.token.summary } : {}),
    ...(outcome.warnings?.length ? { warnings: outcome.warnings.map((w) => redactor.text(w)) } : {}),
    ...(error ? { error } : {}),
  };
}

/** Typed values that are secrets (the grant's secretFormKeys, password-type IDP form fields). */
function sensitiveFormValues(profile: ProfileView, formValues: Readonly<Record<string, string>>): string[] {
  const keys = secretFormKeys(profile);
  return Object.entries(formValues)
    .filter(([key]) => keys.has(key))
    .map(([, value]) => value);
}
