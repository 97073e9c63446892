/**
 * The token exchange grant's token-endpoint errors (RFC 8693 §2.2.2) in the user's terms: `invalid_target` (an
 * audience or resource the IdP refuses) and, for a token-exchange profile, `invalid_request` (the subject or actor
 * token, or a token type, was not accepted).
 */
import type { CauseFacts, Diagnosis } from './causes';

/** The profile's audiences and resources, for the hint. */
function targets(facts: CauseFacts): string {
  const p = facts.profile;
  if (p?.grantType !== 'token_exchange') return '';
  const named = [...p.tokenExchange.audiences, ...p.tokenExchange.resources].map((t) => `"${t.slice(0, 120)}"`);
  return named.length > 0 ? ` (the profile asks for ${named.join(', ')})` : '';
}

/** RFC 8693 §2.2.2 `error` → diagnosis. */
export const TOKEN_EXCHANGE_ERRORS = {
  invalid_target: (facts: CauseFacts): Diagnosis => ({
    diagnosis: `The IdP refused the audience or resource the token was asked for${targets(facts)} (RFC 8693 §2.2.2, invalid_target).`,
    hint: 'Check the Audience and Resource rows of the Token Exchange section against the targets the IdP knows for this client; remove the ones it does not.',
  }),
  invalid_request: (): Diagnosis => ({
    diagnosis:
      'The IdP did not accept the token exchange request: the subject or actor token is invalid or expired, its token type does not match it, or a parameter is missing (RFC 8693 §2.2.2).',
    hint: 'Test the profile the subject token comes from again (or paste a fresh token), check Subject Token Type and Actor Token Type, and read the error description.',
  }),
} satisfies Record<string, (facts: CauseFacts) => Diagnosis>;
