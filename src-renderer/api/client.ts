/**
 * The renderer's one door to main: calls `window.authbench.invoke`, unwraps the result envelope and
 * throws a typed {@link ClientError} on failure. Stores call this module; components never do.
 */
import type { ErrorCode, FieldIssue } from '../../src-shared/errors';
import type { Channel, EventName, Events, RequestOf, ResponseOf } from '../../src-shared/ipc';

/** A failed call: the contract's error code, a human message, and field issues (`details.issues`) when any. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

function bridge() {
  if (!window.authbench)
    throw new ClientError('internal', 'The Authbench bridge is missing: the window was not opened by the app.');
  return window.authbench;
}

/** Calls `channel` with `request`; resolves with the value or throws ClientError (never a raw error). */
export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  let envelope: Awaited<ReturnType<Window['authbench']['invoke']>>;
  try {
    envelope = await bridge().invoke(channel, request);
  } catch (err) {
    if (err instanceof ClientError) throw err;
    throw new ClientError('internal', `The app did not answer ${channel}: ${(err as Error)?.message ?? String(err)}`);
  }
  if (envelope.ok) return envelope.value as ResponseOf<C>;
  const issues = Array.isArray(envelope.error.details?.issues) ? envelope.error.details.issues : [];
  throw new ClientError(envelope.error.code, envelope.error.message, issues);
}

/** Subscribes to an event main pushes; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, listener);
}

/** Any thrown value as a ClientError, so stores keep one error shape. */
export function toClientError(err: unknown): ClientError {
  if (err instanceof ClientError) return err;
  return new ClientError('internal', (err as Error)?.message ?? String(err));
}
