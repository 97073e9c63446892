/**
 * The device authorization grant's token-endpoint errors (RFC 8628 §3.5) in the user's terms: a denied approval,
 * an expired device code, and the polling answers when one ends a Test (they normally only keep it polling).
 */
import type { Diagnosis } from './causes';

/** RFC 8628 §3.5 `error` → diagnosis. */
export const DEVICE_ERRORS: Record<string, () => Diagnosis> = {
  access_denied: () => ({
    diagnosis: 'The approval was refused: the person at the verification URL denied or aborted it (RFC 8628 §3.5).',
    hint: 'Run the Test again and approve the request at the verification URL, signed in as a user the IdP lets use this client.',
  }),
  expired_token: () => ({
    diagnosis: 'The device code expired before the user code was approved (RFC 8628 §3.5).',
    hint: 'Run the Test again and enter the user code at the verification URL before the time shown runs out.',
  }),
  authorization_pending: () => ({
    diagnosis: 'The IdP is still waiting for the user code to be approved (RFC 8628 §3.5).',
    hint: 'Approve the request at the verification URL; a device-code Test keeps polling while this is the answer.',
  }),
};
