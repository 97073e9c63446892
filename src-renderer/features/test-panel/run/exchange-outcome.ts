/**
 * How an exchange ended, for its status line and its timeline row: the HTTP status with a tone, the
 * error code when no response arrived, or — for the authorization request, which the system browser
 * sends rather than Authbench — "sent to the browser" (RFC 8252 §4.1: its answer comes as the callback).
 */
import { formatStatus } from '../../../../src-shared/format';
import type { Exchange } from '../../../../src-shared/test-run';

/** The outcome text and its tone (a CSS modifier of `.http-status`). */
export interface ExchangeOutcome {
  text: string;
  tone: 'ok' | 'redirect' | 'error' | 'neutral';
}

/** The outcome of one exchange. */
export function exchangeOutcome(exchange: Exchange): ExchangeOutcome {
  const { response, error } = exchange;
  if (response) {
    const text = formatStatus(response.status, response.statusText);
    if (error) return { text, tone: 'error' };
    if (response.status >= 200 && response.status < 300) return { text, tone: 'ok' };
    return { text, tone: response.status >= 300 && response.status < 400 ? 'redirect' : 'error' };
  }
  // A Test the user cancelled did not fail: no alarm colour (as its verdict).
  if (error) return { text: error.code, tone: error.code === 'cancelled' ? 'neutral' : 'error' };
  return exchange.step === 'authorize'
    ? { text: 'sent to the browser', tone: 'neutral' }
    : { text: 'no response', tone: 'error' };
}
