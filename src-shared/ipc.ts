/**
 * THE contract between renderer and main (docs/architecture.md, "The IPC contract"): channel -> { request, response } zod schemas, and
 * the event names main may push. The router, the preload and the renderer client are all typed from it.
 * Requests are `.strict()`: unknown keys (including `__proto__`) are rejected.
 */
import type { DpopKeyInfo } from './dpop-profile';
import { z } from 'zod';
import { profileOverrides } from './profile-overrides';
import type { Channel, EventName } from './channels';
import {
  LIMITS,
  profileInput,
  profileName,
  secretsPatch,
  TENANT_PATTERN,
  type ProfileSummary,
  type ProfileView,
} from './profile';
import { EXPORT_FORMATS, IMPORT_CHOICES, type ExportResult, type ImportPreview, type ImportReport } from './transfer';
import type { DiscoveryResult } from './discovery';
import type { PasteCallbackResult } from './callback';
import type { TestProgress, TestRun, TokenState } from './test-run';
import { BATCH_CONCURRENCY, type BatchProgress } from './batch';
import { appSettings, type AppSettings } from './token-expiry';
import { TOKEN_HINTS } from './token-tools';

const id = z.string().uuid();
/** A token tool's request: the profile and which held token (default the access token; RFC 7662 §2.1, RFC 7009 §2.1). */
const tokenTool = z.object({ profileId: id, which: z.enum(TOKEN_HINTS).optional() }).strict();

/** A response is produced by our own code; its schema documents the type rather than re-validating it. */
const out = <T>() => z.custom<T>(() => true);

export const contract = {
  'profiles:list': { request: z.object({}).strict(), response: out<ProfileSummary[]>() },
  'profiles:get': { request: z.object({ id }).strict(), response: out<ProfileView>() },
  /** The profile's DPoP public key thumbprint (RFC 7638) and algorithm, never the key (src-shared/dpop-profile.ts). */
  'profiles:dpop-key': { request: z.object({ id }).strict(), response: out<DpopKeyInfo>() },
  /** Replaces the profile's DPoP key with a new one for its algorithm (tokens bound to the old one are not reused). */
  'profiles:dpop-new-key': { request: z.object({ id }).strict(), response: out<DpopKeyInfo>() },
  'profiles:create': {
    request: z.object({ profile: profileInput, secrets: secretsPatch.default({}) }).strict(),
    response: out<ProfileView>(),
  },
  /**
   * When an endpoint or the proxy moves to another origin, main deletes the stored secrets and token not set
   * in `secrets`, unless `keepSecretsForNewOrigin` (sent only after the user confirmed) keeps them.
   */
  'profiles:update': {
    request: z
      .object({
        id,
        profile: profileInput,
        secrets: secretsPatch.default({}),
        keepSecretsForNewOrigin: z.boolean().default(false),
      })
      .strict(),
    response: out<ProfileView>(),
  },
  'profiles:delete': { request: z.object({ id }).strict(), response: out<{ deleted: true }>() },
  /**
   * A copy under a new name; secrets are copied only when asked. With `deleteOriginal` main then deletes the
   * original (row, runs, keychain entries, held token) in the same call — only once the copy exists.
   */
  'profiles:duplicate': {
    request: z
      .object({
        id,
        name: profileName,
        copySecrets: z.boolean().default(false),
        deleteOriginal: z.boolean().default(false),
      })
      .strict(),
    response: out<DuplicateResult>(),
  },
  /**
   * Main shows the open dialog, reads the file (at most 10 MB) and holds it: the preview names the clashes and
   * says which entries carry secrets, never their values.
   */
  'profiles:import': { request: z.object({}).strict(), response: out<ImportPreview | { cancelled: true }>() },
  /** Applies the held import with one choice per clashing entry (none = skip): carried secrets go to the keychain. */
  'profiles:import-apply': {
    request: z
      .object({
        importId: id,
        choices: z
          .array(z.object({ index: z.number().int().min(0), choice: z.enum(IMPORT_CHOICES) }).strict())
          .max(100_000)
          .default([]),
      })
      .strict(),
    response: out<ImportReport>(),
  },
  /** Main shows the save dialog and writes the file, so secrets never pass through the window. */
  'profiles:export': {
    request: z
      .object({
        ids: z.array(id).min(1).max(100_000),
        includeSecrets: z.boolean().default(false),
        format: z.enum(EXPORT_FORMATS).default('authbench'),
      })
      .strict(),
    response: out<ExportResult | { cancelled: true }>(),
  },
  /**
   * Reads the IdP's metadata at `issuer` (OIDC Discovery 1.0 §4, RFC 8414 §3), `{tenant}` rendered with `tenant`;
   * with `profileId`, through that saved profile's CA bundle, client certificate and proxy.
   */
  'profiles:discover': {
    request: z
      .object({
        issuer: z.string().trim().min(1, 'Required').max(LIMITS.url),
        tenant: z.string().regex(TENANT_PATTERN, 'Letters, digits, ".", "_" and "-" only (1–128)').optional(),
        profileId: id.optional(),
      })
      .strict(),
    response: out<DiscoveryResult>(),
  },
  'test:run': {
    request: z
      .object({
        profileId: id,
        /** Replaces `{tenant}` in the profile's URLs. */
        tenant: z.string().regex(TENANT_PATTERN, 'Letters, digits, ".", "_" and "-" only (1–128)').optional(),
        /** Values typed at Test time: `username`, `password` and IDP form field keys (password grant). */
        formValues: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/), z.string().max(LIMITS.password)).optional(),
        /** Per-request deadline (ms). */
        timeoutMs: z.number().int().min(1000).max(600_000).optional(),
        /** Non-secret fields for this run only, never saved (src-shared/profile-overrides.ts). */
        overrides: profileOverrides.optional(),
        /** "Sign in again": a pre-authorize authorization-code Test signs in through the browser, not with the held token. */
        signIn: z.boolean().optional(),
      })
      .strict(),
    response: out<TestRun>(),
  },
  'test:cancel': { request: z.object({ profileId: id }).strict(), response: out<{ cancelled: boolean }>() },
  /**
   * Opens the system browser again on the authorization URL main holds while the profile's Test waits for the
   * sign-in (the renderer never sends a URL); `not_found` when no sign-in of that profile is waiting.
   */
  'test:open-browser': { request: z.object({ profileId: id }).strict(), response: out<{ opened: true }>() },
  /**
   * The URL the browser was redirected to, pasted by the user when it cannot reach the loopback callback: main
   * handles it like a callback of the waiting sign-in (state, iss, error checked); the reply never holds the code.
   */
  'test:paste-callback': {
    request: z.object({ profileId: id, url: z.string().max(8192) }).strict(),
    response: out<PasteCallbackResult>(),
  },
  /**
   * "Test all": starts the Tests of `profileIds` (or of every profile with `all`) with at most `concurrency` at once;
   * giving both is `invalid_request`; answers at once, then `test:batch-progress` events carry the outcomes and, last, the summary.
   */
  'tests:run-batch': {
    request: z
      .object({
        profileIds: z.array(id).min(1).max(100_000).optional(),
        all: z.literal(true).optional(),
        concurrency: z.number().int().min(BATCH_CONCURRENCY.min).max(BATCH_CONCURRENCY.max).optional(),
      })
      .strict(),
    response: out<{ batchId: string; total: number }>(),
  },
  /** Cancels a running batch: its running Tests are aborted, the rest reported cancelled. */
  'tests:cancel-batch': { request: z.object({ batchId: id }).strict(), response: out<{ cancelled: boolean }>() },
  /** The newest stored (redacted) runs of a profile, newest first. */
  'runs:list': {
    request: z.object({ profileId: id, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    response: out<TestRun[]>(),
  },
  /** Main shows the save dialog and writes the (redacted) run as a HAR 1.2 file, to share a reproduction. */
  'runs:save-har': {
    request: z.object({ runId: id }).strict(),
    response: out<{ path: string } | { cancelled: true }>(),
  },
  /**
   * Main shows the save dialog and writes the run's requests as a sh script of curl commands, each secret a
   * `$VARIABLE` the reader sets (the run is already redacted).
   */
  'runs:save-curl': {
    request: z.object({ runId: id }).strict(),
    response: out<{ path: string } | { cancelled: true }>(),
  },
  /** Main shows the save dialog and writes the run's support bundle (versions, profile without secrets, run). */
  'runs:save-bundle': {
    request: z.object({ runId: id }).strict(),
    response: out<{ path: string } | { cancelled: true }>(),
  },
  /** What is known of the profile's stored token (never the token itself); null when none is held. */
  'tokens:get': { request: z.object({ profileId: id }).strict(), response: out<TokenState | null>() },
  /** Refreshes the stored token now (RFC 6749 §6); the exchange is returned as a run. */
  'tokens:refresh': { request: z.object({ profileId: id }).strict(), response: out<TestRun>() },
  /** Forgets the stored token locally (keychain entry removed; nothing is revoked at the IdP). */
  'tokens:forget': { request: z.object({ profileId: id }).strict(), response: out<{ forgotten: boolean }>() },
  /** Introspects the held token (RFC 7662) at the profile's Introspection URL; the exchange is returned as a run. */
  'tokens:introspect': { request: tokenTool, response: out<TestRun>() },
  /** Revokes the held token (RFC 7009) and marks it unusable; the exchange is returned as a run. */
  'tokens:revoke': { request: tokenTool, response: out<TestRun>() },
  /** Calls UserInfo (OIDC Core §5.3) with the held access token; the exchange is returned as a run. */
  'tokens:userinfo': { request: tokenTool, response: out<TestRun>() },
  /** The app settings (defaults where none is stored). */
  'settings:get': { request: z.object({}).strict(), response: out<AppSettings>() },
  /** Changes the given settings (the expiry warning lead, 1–720 h; notifications on or off) and returns them all. */
  'settings:update': { request: appSettings.partial().strict(), response: out<AppSettings>() },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

/**
 * The copy made by `profiles:duplicate`; `deleteOriginalError` is set only when the original was to be
 * deleted and could not be after the copy was made (a sentence for the user saying what is left).
 */
export type DuplicateResult = ProfileView & { deleteOriginalError?: string };

export { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName, type Channel, type EventName } from './channels';
export type Contract = typeof contract;

/** The request a caller passes (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** The request after validation (defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** Payload of each event main pushes to the renderer. */
export interface Events extends Record<EventName, unknown> {
  'test:progress': TestProgress;
  'token:refreshed': { profileId: string; token: TokenState };
  'test:batch-progress': BatchProgress;
}

/** What the preload exposes as `window.authbench`. */
export interface AuthbenchBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<import('./errors').Envelope<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
