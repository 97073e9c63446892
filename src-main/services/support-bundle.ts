/**
 * The support bundle (docs/security.md, "The redactor"): one JSON document with what a vendor or a colleague
 * needs to read a failed Test — the app and OS versions, the profile without its secrets (the shape of the
 * `authbench.profiles/v1` export) and the redacted run. It never touches the keychain.
 */
import { arch, platform, release } from 'node:os';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';

/** The format tag of a bundle; a reader refuses other tags. */
export const SUPPORT_BUNDLE_FORMAT = 'authbench.support-bundle/v1';

/** The bundle document; optional fields are absent, never null. */
export interface SupportBundle {
  format: typeof SUPPORT_BUNDLE_FORMAT;
  app: { version: string };
  os: { platform: string; release: string; arch: string };
  versions: { node: string; electron?: string };
  /** ISO-8601 */
  createdAt: string;
  /**
   * The IdP's clock minus ours (ms, ±1000: `Date` has whole seconds), from the first response with a `Date`
   * header (RFC 9110 §6.6.1); absent when none had one.
   */
  clockOffsetMs?: number;
  /** The profile's fields without secrets, as a native export carries them. */
  profile: ProfileInput;
  /** The stored run, already redacted. */
  run: TestRun;
  /** The IdP's metadata as the run's discovery read it (OIDC Discovery 1.0 §4, RFC 8414 §3), when it did. */
  discovery?: { url: string; metadata: Record<string, unknown> };
}

/** The bundle of `run` (already redacted) and its profile's fields (no secrets); `now` for the createdAt. */
export function supportBundle(
  run: TestRun,
  profile: ProfileInput,
  appVersion: string,
  now = new Date(),
): SupportBundle {
  const offset = measuredClockOffsetMs(run);
  const discovery = discoveryDocument(run);
  return {
    format: SUPPORT_BUNDLE_FORMAT,
    app: { version: appVersion },
    os: { platform: platform(), release: release(), arch: arch() },
    versions: {
      node: process.versions.node,
      ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    },
    createdAt: now.toISOString(),
    ...(offset !== undefined ? { clockOffsetMs: offset } : {}),
    profile,
    run,
    ...(discovery ? { discovery } : {}),
  };
}

/**
 * `Date` of the first response that has one, minus the local time it arrived: the run's start plus the
 * durations of the exchanges up to it (they run one after another).
 */
export function measuredClockOffsetMs(run: TestRun): number | undefined {
  let arrivedAt = Date.parse(run.startedAt);
  for (const exchange of run.exchanges) {
    arrivedAt += exchange.durationMs;
    const date = exchange.response?.headers.date;
    const at = date ? Date.parse(date) : NaN;
    if (!Number.isNaN(at) && !Number.isNaN(arrivedAt)) return Math.round(at - arrivedAt);
  }
  return undefined;
}

/** The metadata document of the run's first successful discovery read (a JSON object from a well-known URL). */
export function discoveryDocument(run: TestRun): SupportBundle['discovery'] {
  for (const exchange of run.exchanges) {
    const { request, response } = exchange;
    if (exchange.step !== 'discovery' || !request.url.includes('/.well-known/') || response?.status !== 200) continue;
    try {
      const metadata: unknown = JSON.parse(response.body ?? '');
      if (metadata && typeof metadata === 'object' && !Array.isArray(metadata))
        return { url: request.url, metadata: metadata as Record<string, unknown> };
    } catch {
      // Not the metadata (a JWKS read is JSON too, but not at a well-known URL): look further.
    }
  }
  return undefined;
}
