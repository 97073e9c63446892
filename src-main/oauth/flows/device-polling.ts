/**
 * Polling the token endpoint for a device code (RFC 8628 §3.4, §3.5): every `interval` seconds until the answer
 * is not `authorization_pending` / `slow_down` (each `slow_down` adds 5 s), the device code expires, or the run
 * is cancelled. Only the first `authorization_pending` and first `slow_down` answers and the final poll are
 * recorded as exchanges; the rest are counted (TestRun.polls), so a long wait does not store dozens of
 * identical exchanges.
 */
import type { DevicePolls, Exchange, TestError } from '../../../src-shared/test-run';
import type { OutgoingRequest } from '../flow';

/** RFC 8628 §3.5: what `slow_down` adds to the interval (s). */
export const SLOW_DOWN_STEP_S = 5;

/** What the polling loop needs: the request, the run's clock, sending, waiting and the hook for a new interval. */
export interface PollInput {
  /** Builds the token request of one poll (afresh each time: a client assertion's `jti` is single-use). */
  request: () => Promise<OutgoingRequest>;
  intervalS: number;
  expiresAt: Date;
  /** The `expires_in` the IdP gave (s), for the message when the code expires unapproved. */
  expiresIn: number;
  send(request: OutgoingRequest): Promise<Exchange>;
  sleep(ms: number): Promise<void>;
  now(): Date;
  signal?: AbortSignal;
  /** Told the new interval after a `slow_down`. */
  onInterval(intervalS: number): void;
}

/** How polling ended: the recorded polls, the counts, and the final exchange to interpret, or an error of our own. */
export interface PollResult {
  exchanges: Exchange[];
  polls: DevicePolls;
  /** The answer that ended the polling (a token or an error other than pending / slow_down). */
  final?: Exchange;
  /** Cancelled, or the device code expired while still pending. */
  error?: TestError;
}

/** The RFC 6749 §5.2 `error` of a recorded answer, when its body is a JSON object with one. */
export function oauthErrorOf(exchange: Exchange): string | undefined {
  const body = exchange.response?.body;
  if (!body) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    const error = (value as { error?: unknown } | null)?.error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until an answer ends it (see the file comment); never throws for network trouble. */
export async function pollForToken(input: PollInput): Promise<PollResult> {
  const exchanges: Exchange[] = [];
  const polls: DevicePolls = { count: 0, pending: 0, slowDown: 0, intervalS: input.intervalS };
  let unrecorded: Exchange | undefined;
  const cancelled = (): PollResult => ({
    exchanges: unrecorded ? [...exchanges, unrecorded] : exchanges,
    polls,
    error: { code: 'cancelled', message: 'The Test was cancelled while waiting for approval of the user code' },
  });
  for (;;) {
    await input.sleep(polls.intervalS * 1000);
    if (input.signal?.aborted) return cancelled();
    // One poll after expiry still goes out, so the IdP's own `expired_token` is what the run shows.
    const expired = input.now().getTime() >= input.expiresAt.getTime();
    const exchange = await input.send(await input.request());
    polls.count += 1;
    if (exchange.error?.code === 'cancelled') {
      unrecorded = exchange;
      return cancelled();
    }
    const error = oauthErrorOf(exchange);
    if (error !== 'authorization_pending' && error !== 'slow_down') {
      return { exchanges: [...exchanges, exchange], polls, final: exchange };
    }
    const firstOfKind = error === 'slow_down' ? polls.slowDown === 0 : polls.pending === 0;
    if (error === 'slow_down') {
      polls.slowDown += 1;
      polls.intervalS += SLOW_DOWN_STEP_S;
      input.onInterval(polls.intervalS);
    } else polls.pending += 1;
    if (firstOfKind) {
      exchanges.push(exchange);
      unrecorded = undefined;
    } else unrecorded = exchange;
    if (expired) {
      return {
        exchanges: unrecorded ? [...exchanges, unrecorded] : exchanges,
        polls,
        error: {
          code: 'timeout',
          message: `The device code expired (expires_in ${input.expiresIn} s) before the user code was approved`,
          diagnosis: 'Nobody approved the user code at the verification URL before the device code expired.',
          hint: 'Run the Test again and enter the user code at the verification URL promptly.',
        },
      };
    }
  }
}
