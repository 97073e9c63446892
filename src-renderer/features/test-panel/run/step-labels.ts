/**
 * The name of each exchange step as the timeline and the exchange cards show it: the shared table the CLI
 * prints too, keyed by the `ExchangeStep` union so a new step is a compile error until it is named.
 */
export { STEP_LABELS as EXCHANGE_STEP_LABELS } from '../../../../src-shared/format';
