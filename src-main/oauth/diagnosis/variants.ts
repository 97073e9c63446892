/**
 * The one change a failure's hint names, as a Test to run again with it (docs/architecture.md, "Variants"): the
 * other client authentication after `invalid_client` (RFC 6749 §2.3.1), the scope named by `invalid_scope`
 * dropped (§5.2), PKCE on when the IdP requires it (RFC 7636 §4.4.1), POST after a 405 at the token URL (§3.2),
 * a form body (URL Encoded JSON, §4) after a 415 or an IdP that names the content type it wants.
 */
import { FIELD_LABELS, type ProfileInput } from '../../../src-shared/profile';
import type { ProfileOverrides, Variant } from '../../../src-shared/profile-overrides';
import type { Exchange, TestError } from '../../../src-shared/test-run';

/** What a variant reads: the failure, the failing exchange and the profile as tested (no secret in it). */
interface VariantFacts {
  exchange?: Exchange;
  profile?: ProfileInput;
}

type Failure = Pick<TestError, 'code' | 'oauthError' | 'status'> & Partial<Pick<TestError, 'oauthErrorDescription'>>;

/**
 * The suggested variant of a failed Test, or undefined when the failure names no single change to try; the
 * other Client Authentication only when the `hint` names it (a known wrong secret is not fixed by switching).
 */
export function suggestVariant(error: Failure, facts: VariantFacts, hint?: string): Variant | undefined {
  const p = facts.profile;
  if (!p) return undefined;
  const said = error.oauthErrorDescription ?? '';
  // Only the two secret methods are alternatives of each other (RFC 6749 §2.3.1); JWT and TLS methods are not.
  if (
    error.oauthError === 'invalid_client' &&
    ['client_secret_basic', 'client_secret_post'].includes(p.clientAuthMethod)
  ) {
    const other = p.clientAuthMethod === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic';
    if (hint !== undefined && !hint.includes(other)) return undefined;
    return variant({ clientAuthMethod: other }, `${FIELD_LABELS.clientAuthMethod} = ${other}`);
  }
  if (error.oauthError === 'invalid_scope') {
    const named = p.scopes.filter((s) => s.key === 'scope' && s.value && mentions(said, s.value));
    if (named.length === 1)
      return variant({ scopes: p.scopes.filter((s) => s !== named[0]) }, `without the scope ${named[0]!.value}`);
  }
  if ('pkce' in p && !p.pkce.enabled && /pkce|code_challenge|proof key/i.test(said))
    return variant({ pkce: { enabled: true, method: 'S256' } }, 'PKCE on (S256)');
  if (error.status === 405 && facts.exchange?.step === 'token' && p.tokenRequest.method !== 'POST')
    return variant({ tokenRequest: { ...p.tokenRequest, method: 'POST' } }, 'the token request sent as POST');
  const bodyRefused = error.status === 415 || /x-www-form-urlencoded|content[- ]type/i.test(said);
  if (bodyRefused && facts.exchange?.request.body && p.tokenRequest.contentType !== 'form')
    return variant(
      { tokenRequest: { ...p.tokenRequest, contentType: 'form' } },
      'the token request as URL Encoded JSON',
    );
  return undefined;
}

/**
 * `diagnose` with the suggested variant added to its answer: wraps a diagnosis function of the same shape.
 */
export function withVariant<E extends Failure, F extends VariantFacts, D extends object>(
  fn: (error: E, facts?: F) => D & { hint?: string },
): (error: E, facts?: F) => D & Pick<TestError, 'variant'> {
  return (error, facts) => {
    const d = fn(error, facts);
    const v = suggestVariant(error, facts ?? ({} as F), d.hint);
    return v ? { ...d, variant: v } : d;
  };
}

function variant(overrides: ProfileOverrides, what: string): Variant {
  return { label: what.startsWith('without') ? `Try ${what}` : `Try with ${what}`, overrides };
}

/** True when `text` names `scope` as a word (scopes hold `:`, `.`, `/`, so no \b). */
function mentions(text: string, scope: string): boolean {
  const escaped = scope.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'(,])${escaped}($|[\\s"'),.])`).test(text);
}
