/**
 * The end of a run (docs/security.md, "The redactor"): the raw FlowOutcome becomes a TestRun with every
 * secret the run knew masked by value: the profile's secrets, typed secret values, the tokens and the
 * flow's own secret values (codes, verifiers); every string of its error and warnings included.
 */
import { randomUUID } from 'node:crypto';
import { secretFormKeys } from '../../src-shared/grants';
import type { ProfileView } from '../../src-shared/profile';
import type { DecodedAssertion, Exchange, TestRun } from '../../src-shared/test-run';
import { createRedactor, MIN_SECRET_LENGTH, type Redactor } from '../http/redact';
import type { FlowOutcome, FlowSecrets } from '../oauth/flow';
import { decodeAssertions, findAssertions } from '../oauth/assertion-view';
import { decodeProof, privateKeyValues, proofOf, proofSignature, withNonceChallenges } from '../oauth/dpop-view';

/** What toTestRun needs besides the outcome: the profile, its secrets, the typed values and the timing. */
export interface RunFacts {
  profile: ProfileView;
  secrets: FlowSecrets;
  formValues: Readonly<Record<string, string>>;
  startedAt: Date;
  /** performance.now() when the run started (ms). */
  started: number;
  /** The non-secret fields the run overrode (recorded redacted, like everything else of the run). */
  overrides?: Record<string, unknown>;
}

/** The secrets a run knows before it sends anything, and the `id:secret` pairs Basic authentication may carry. */
export interface KnownSecrets {
  values: string[];
  pairs: [string, string][];
}

/** KnownSecrets of a run of `profile` (stored secrets, typed secret values) plus `extra` values. */
export function knownSecrets(
  profile: ProfileView,
  secrets: FlowSecrets,
  formValues: Readonly<Record<string, string>>,
  extra: readonly (string | undefined)[] = [],
): KnownSecrets {
  const values = [...Object.values(secrets), ...sensitiveFormValues(profile, formValues), ...extra].filter(
    (s): s is string => !!s,
  );
  const username = secrets.username ?? formValues.username;
  const password = secrets.password ?? formValues.password;
  const pairs: [string, string][] = [];
  if (secrets.clientSecret) pairs.push([profile.clientId, secrets.clientSecret]);
  if (username && password) pairs.push([username, password]);
  return { values, pairs };
}

/** The redactor of `known`. */
export function runRedactor(known: KnownSecrets): Redactor {
  return createRedactor(known.values, { pairs: known.pairs });
}

/** The redacted TestRun of `outcome`: ok when it has no error; durationMs to 0.1 ms. */
export function toTestRun(outcome: FlowOutcome, facts: RunFacts): TestRun {
  const { profile } = facts;
  const known = knownSecrets(profile, facts.secrets, facts.formValues, [
    outcome.token?.accessToken,
    outcome.token?.refreshToken,
    ...(outcome.secretValues ?? []),
    // Client and JWT bearer assertions (RFC 7523) are masked by value too, wherever an IdP echoes them.
    ...outcome.exchanges.flatMap((e) => findAssertions(e.request).map((a) => a.jwt)),
    // DPoP (RFC 9449): each proof's signature, and the private members of the key (never sent; masked all the same).
    ...withNonceChallenges(outcome.exchanges).map(({ exchange }) => proofSignature(proofOf(exchange.request.headers))),
    ...privateKeyValues(facts.secrets.dpopPrivateKey),
  ]);
  const redactor = runRedactor(known);
  const error = outcome.error && {
    ...redactor.deep(outcome.error),
    ...(outcome.error.oauthErrorUri ? { oauthErrorUri: redactor.url(outcome.error.oauthErrorUri) } : {}),
  };
  const warnings = [...(outcome.warnings ?? []), ...shortSecretWarnings(facts, known.values)].map((w) =>
    redactor.text(w),
  );
  return {
    id: randomUUID(),
    ok: !outcome.error,
    profile: profile.name,
    profileId: profile.id,
    grantType: profile.grantType,
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round((performance.now() - facts.started) * 10) / 10,
    // A DPoP nonce challenge (§8, §9) comes back into the timeline before its retry, marked.
    exchanges: withNonceChallenges(outcome.exchanges).map(({ exchange: e, challenge }) =>
      withProof(withAssertions(redactor.exchange(e), decodeAssertions(e.request), redactor), e, challenge, redactor),
    ),
    ...(outcome.token ? { token: outcome.token.summary } : {}),
    ...(outcome.polls ? { polls: outcome.polls } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(outcome.tokenSource && outcome.token ? { tokenSource: outcome.tokenSource } : {}),
    ...(outcome.tokenSourceReason && outcome.token
      ? { tokenSourceReason: redactor.text(outcome.tokenSourceReason) }
      : {}),
    ...(error ? { error } : {}),
    ...(facts.overrides && Object.keys(facts.overrides).length > 0
      ? { overrides: redactor.deep(facts.overrides) }
      : {}),
  };
}

/** One warning per secret too short to mask by value (it would mask ordinary text), naming stored fields. */
function shortSecretWarnings(facts: RunFacts, values: readonly string[]): string[] {
  const short = (s: string | null | undefined) => !!s && s.length < MIN_SECRET_LENGTH;
  const fields = Object.entries(facts.secrets)
    .filter(([, v]) => short(v))
    .map(([field]) => field);
  const stored = new Set(Object.values(facts.secrets));
  const others = values.filter((v) => short(v) && !stored.has(v)).length;
  const names = [...fields, ...(others ? [`${others} other secret value${others > 1 ? 's' : ''}`] : [])];
  if (!names.length) return [];
  return [
    `Shorter than ${MIN_SECRET_LENGTH} characters, so not masked by value where the IdP echoes it: ` +
      `${names.join(', ')}; check the exchanges before sharing this run`,
  ];
}

/** Typed values that are secrets (the grant's secretFormKeys, password-type IDP form fields). */
function sensitiveFormValues(profile: ProfileView, formValues: Readonly<Record<string, string>>): string[] {
  const keys = secretFormKeys(profile);
  return Object.entries(formValues)
    .filter(([key]) => keys.has(key))
    .map(([, value]) => value);
}

/** `exchange` with the decoded assertions its request carried (header and claims, redacted; no signature). */
function withAssertions(exchange: Exchange, assertions: DecodedAssertion[], redactor: Redactor): Exchange {
  if (!assertions.length) return exchange;
  return { ...exchange, request: { ...exchange.request, assertions: assertions.map((a) => redactor.deep(a)) } };
}

/** `exchange` with its request's DPoP proof decoded (header, claims, thumbprint; no signature), marked as a nonce challenge. */
function withProof(exchange: Exchange, raw: Exchange, challenge: boolean, redactor: Redactor): Exchange {
  const proof = decodeProof(raw.request.headers);
  if (!proof) return exchange;
  const dpopProof = { ...redactor.deep(proof), ...(challenge ? { nonceChallenge: true } : {}) };
  return { ...exchange, request: { ...exchange.request, dpopProof } };
}
