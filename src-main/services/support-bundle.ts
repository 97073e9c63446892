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
  /** The IdP's clock minus ours (ms), when the run measured it. */
  clockOffsetMs?: number;
  /** The profile's fields without secrets, as a native export carries them. */
  profile: ProfileInput;
  /** The stored run, already redacted. */
  run: TestRun;
  /** The discovery document and its lint, when known (not yet recorded). */
  discovery?: unknown;
}

/** The bundle of `run` (already redacted) and its profile's fields (no secrets); `now` for the createdAt. */
export function supportBundle(
  run: TestRun,
  profile: ProfileInput,
  appVersion: string,
  now = new Date(),
): SupportBundle {
  const offset = (run as TestRun & { clockOffsetMs?: unknown }).clockOffsetMs;
  return {
    format: SUPPORT_BUNDLE_FORMAT,
    app: { version: appVersion },
    os: { platform: platform(), release: release(), arch: arch() },
    versions: {
      node: process.versions.node,
      ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    },
    createdAt: now.toISOString(),
    ...(typeof offset === 'number' && Number.isFinite(offset) ? { clockOffsetMs: offset } : {}),
    profile,
    run,
  };
}
