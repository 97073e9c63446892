/**
 * The name of each exchange step as the timeline and the exchange cards show it, keyed by the
 * `ExchangeStep` union so a new step is a compile error until it is named. The texts are the shared
 * STEP_LABELS ones (src-shared/format.ts, which the CLI prints), repeated here because that table is
 * keyed by plain strings.
 */
import type { ExchangeStep } from '../../../../src-shared/test-run';

/** Step -> its label, e.g. `token` -> "Token request". */
export const EXCHANGE_STEP_LABELS: Record<ExchangeStep, string> = {
  discovery: 'Discovery',
  authorize: 'Authorization request',
  callback: 'Callback',
  token: 'Token request',
  refresh: 'Refresh',
  check: 'Authorization check',
};
