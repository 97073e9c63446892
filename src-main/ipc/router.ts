/**
 * The IPC router (docs/architecture.md, "The IPC contract"): validates a request against the contract,
 * calls its handler, and always returns the `{ok, value} | {ok: false, error}` envelope. Unknown channels, malformed payloads and
 * unexpected throws all become error envelopes; nothing is thrown across the process boundary.
 */
import { AppError, type Envelope } from '../../src-shared/errors';
import { contract, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '../../src-shared/ipc';
import { parseOrThrow } from '../../src-shared/validate';

/** One handler per channel: a channel without a handler is a compile error. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

/** The handlers of some channels `C` (one domain's slice); slices are joined into {@link Handlers} in handlers/. */
export type HandlerSlice<C extends Channel> = Pick<Handlers, C>;

/** Answers raw IPC calls with envelopes; `channels` lists the channels it has handlers for. */
export interface Router {
  /** Handles one raw call (`channel` and `payload` are untrusted). */
  handle(channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
  readonly channels: readonly Channel[];
}

/** `log` receives unexpected errors (already reduced to a message: secrets are never logged here). */
export function createRouter(handlers: Handlers, log: (message: string) => void = () => {}): Router {
  return {
    channels: Object.keys(handlers) as Channel[],
    async handle(channel, payload) {
      try {
        if (!isChannel(channel)) {
          throw new AppError('invalid_request', `Unknown channel ${JSON.stringify(describe(channel)).slice(0, 80)}`);
        }
        const request = parseOrThrow(contract[channel].request, payload);
        const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(request) };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err.toData() };
        log(`internal error on ${describe(channel)}: ${(err as Error)?.message ?? String(err)}`);
        return { ok: false, error: { code: 'internal', message: 'Internal error; see the log for details' } };
      }
    },
  };
}

/** A channel name for a message: the string itself, else its type (an object's own `toString` may throw). */
function describe(channel: unknown): string {
  return typeof channel === 'string' ? channel : `(${channel === null ? 'null' : typeof channel})`;
}
