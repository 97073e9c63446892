/**
 * One-off overrides of a Test (docs/architecture.md, "Variants"): a few non-secret profile fields merged over the
 * stored profile for one run, validated by the profile schema, never stored. Pure: used by main, the CLI and the UI.
 */
import { z } from 'zod';
import { originChanges, ORIGIN_FIELDS } from './endpoint-origins';
import type { ParMode } from './par-profile';
import { FIELD_LABELS, GRANT_SCHEMAS, profileInput, type ProfileInput } from './profile';

/** The fields a Test may override: non-secret, and no Name, Grant Type or proxy. */
export const OVERRIDE_FIELDS = [
  'clientAuthMethod',
  'scopes',
  'pkce',
  'tokenRequest',
  'tokenUrl',
  'refreshTokenUrl',
  'authorizationUrl',
  'deviceAuthorizationUrl',
  'pushedAuthorization',
  'pushedAuthorizationRequestUrl',
  'checkUrl',
  'additionalFields',
  'requestHeaders',
] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];

/** Overrides as sent over IPC: known field names only (values are checked after the merge); at most 64 KiB. */
export const profileOverrides = z
  .object(
    Object.fromEntries(OVERRIDE_FIELDS.map((f) => [f, z.unknown().optional()])) as Record<
      OverrideField,
      z.ZodOptional<z.ZodUnknown>
    >,
  )
  .strict()
  .refine((o) => JSON.stringify(o).length <= 65_536, 'The overrides are too large');

/** Some override fields with values of the profile's own types. */
export type ProfileOverrides = Partial<
  Pick<
    ProfileInput & {
      authorizationUrl: string;
      deviceAuthorizationUrl: string;
      pushedAuthorization: ParMode;
      pushedAuthorizationRequestUrl: string;
      pkce: { enabled: boolean; method: 'S256' | 'plain' };
      additionalFields: { key: string; value: string }[];
    },
    OverrideField
  >
>;

/** A Test variant a diagnosis suggests: the button's label and the overrides it runs with. */
export interface Variant {
  label: string;
  overrides: ProfileOverrides;
}

/** What a ProfileView adds to the fields a user edits. */
const VIEW_ONLY: readonly string[] = ['id', 'createdAt', 'updatedAt', 'secrets', 'status', 'statusReasons', 'lastTest'];

/** The outcome of mergeOverrides: the profile to test, or why the overrides are refused (a user-facing message). */
export type MergeResult<P> = { ok: true; profile: P } | { ok: false; message: string };

/**
 * `profile` with `overrides` merged over it (a group such as `tokenRequest` part by part) and validated by
 * `profileInput`; refused when a field is unknown or not of this grant, a value is invalid, or a URL that
 * receives a secret would change its origin (RFC 6454 §4).
 */
export function mergeOverrides<P extends ProfileInput>(profile: P, overrides: Record<string, unknown>): MergeResult<P> {
  const unknown = Object.keys(overrides).filter((k) => !(OVERRIDE_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) return { ok: false, message: `These fields cannot be overridden: ${unknown.join(', ')}` };
  // The grant's schema says which fields it has (a profile may lack an optional one); the strict schema would
  // refuse another grant's field without saying which.
  const shape = GRANT_SCHEMAS[profile.grantType].shape;
  const foreign = Object.keys(overrides).filter((k) => !(k in shape));
  if (foreign.length > 0)
    return { ok: false, message: `A ${profile.grantType} profile has no ${foreign.map(label).join(', ')}` };
  const input = editableFields(profile);
  const parsed = profileInput.safeParse({ ...input, ...mergeGroups(input, overrides) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${label(String(issue.path[0] ?? ''))}: ${issue.message}` };
  }
  const moved = originChanges(parFallback(profile), parsed.data);
  if (moved.length > 0) {
    const m = moved[0]!;
    return {
      ok: false,
      message: `An override may not move the ${ORIGIN_FIELDS[m.field]} to another host (${m.to}): the stored secrets would go there. Change the profile instead.`,
    };
  }
  return { ok: true, profile: { ...profile, ...parsed.data } };
}

/**
 * `profile` with its Pushed Authorization Request URL, when empty, at the Token Request URL: the flow pushes to the
 * metadata's endpoint only at that origin (docs/architecture.md, "Pushed authorization requests"), so an override
 * naming a PAR URL there sends the client authentication nowhere new.
 */
function parFallback<P extends ProfileInput>(profile: P): P {
  if (profile.grantType !== 'authorization_code' || profile.pushedAuthorizationRequestUrl) return profile;
  return { ...profile, pushedAuthorizationRequestUrl: profile.tokenUrl };
}

/** Overrides with a group's parts (`tokenRequest: { contentType }`) merged over the profile's own parts. */
function mergeGroups(input: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const group = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);
  return Object.fromEntries(
    Object.entries(overrides).map(([k, v]) => [k, group(v) && group(input[k]) ? { ...input[k], ...v } : v]),
  );
}

/** The fields a user edits of a profile view (id, timestamps, secret presence, status and last Test dropped). */
export function editableFields(profile: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(profile).filter(([k]) => !VIEW_ONLY.includes(k)));
}

/** "Client Authentication = client_secret_post, Scopes = read": the overrides as the run view and history show them. */
export function describeOverrides(overrides: Record<string, unknown>): string {
  return Object.entries(overrides)
    .map(([field, value]) => `${label(field)} = ${show(value)}`)
    .join(', ');
}

function label(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((r) => r && typeof r === 'object' && 'value' in r))
    return value.length === 0
      ? '(none)'
      : value
          .map((r: { key?: string; value: unknown }) => (r.key ? `${r.key}=${String(r.value)}` : String(r.value)))
          .join(' ');
  return JSON.stringify(value);
}
