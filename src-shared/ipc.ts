/**
 * THE contract between renderer and main (STYLE.md): channel -> { request, response } zod schemas, and
 * the event names main may push. The router, the preload and the renderer client are all typed from it.
 * Requests are `.strict()`: unknown keys (including `__proto__`) are rejected.
 */
import { z } from 'zod';
import { CHANNEL_NAMES, type Channel, type EventName } from './channels';
import { profileInput, secretsPatch, type ProfileSummary, type ProfileView } from './profile';
import type { TestProgress, TestRun } from './test-run';

const id = z.string().uuid();

/** A response is produced by our own code; its schema documents the type rather than re-validating it. */
const out = <T>() => z.custom<T>(() => true);

export const contract = {
  'profiles:list': { request: z.object({}).strict(), response: out<ProfileSummary[]>() },
  'profiles:get': { request: z.object({ id }).strict(), response: out<ProfileView>() },
  'profiles:create': {
    request: z.object({ profile: profileInput, secrets: secretsPatch.default({}) }).strict(),
    response: out<ProfileView>(),
  },
  'profiles:update': {
    request: z.object({ id, profile: profileInput, secrets: secretsPatch.default({}) }).strict(),
    response: out<ProfileView>(),
  },
  'profiles:delete': { request: z.object({ id }).strict(), response: out<{ deleted: true }>() },
  'test:run': { request: z.object({ profileId: id, timeoutMs: z.number().int().min(1000).max(600_000).optional() }).strict(), response: out<TestRun>() },
  'test:cancel': { request: z.object({ profileId: id }).strict(), response: out<{ cancelled: boolean }>() },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName, type Channel, type EventName } from './channels';
export type Contract = typeof contract;
export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;

/** The request a caller passes (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** The request after validation (defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** Payload of each event main pushes to the renderer. */
export interface Events extends Record<EventName, unknown> {
  'test:progress': TestProgress;
}

/** What the preload exposes as `window.authbench`. */
export interface AuthbenchBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<import('./errors').Envelope<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
