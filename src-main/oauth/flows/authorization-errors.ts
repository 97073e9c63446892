/**
 * What a failed sign-in means for the user: the authorization endpoint's errors (RFC 6749 §4.1.2.1,
 * OpenID Connect Core §3.1.2.6) and the callbacks the loopback server refused, each as a TestError with
 * a diagnosis and a hint.
 */
import { callbackChoice, registerAdvice } from '../../../src-shared/callback';
import type { TestError } from '../../../src-shared/test-run';
import { diagnose } from '../diagnose';
import { matchCatalogue } from '../diagnosis/catalogue';
import { describeCause, type CauseFacts } from '../diagnosis/causes';
import { parRequiredDiagnosis, saysParRequired } from '../diagnosis/par-causes';
import type { CallbackOutcome } from '../loopback-server';

type Diagnosis = Pick<TestError, 'diagnosis' | 'hint'>;

const AUTHORIZE_ERRORS: Record<string, Diagnosis> = {
  access_denied: {
    diagnosis: 'The sign-in was declined: the user cancelled or refused consent, or the IdP denied this user access.',
    hint: 'Run the Test again and approve the request; if the IdP refuses without asking, check that this user may use the application.',
  },
  invalid_request: {
    diagnosis: 'The IdP says the authorization request is malformed or misses a parameter.',
    hint: 'Read the error description. Most often the redirect URI is not registered: register the Callback URL the profile shows.',
  },
  unauthorized_client: {
    diagnosis: 'The IdP does not allow this client to use the authorization-code flow.',
    hint: "Enable the authorization-code grant for this client in the IdP's application settings.",
  },
  unsupported_response_type: {
    diagnosis: 'The IdP does not allow response_type=code for this client.',
    hint: "Enable the authorization-code grant for this client in the IdP's application settings.",
  },
  invalid_scope: {
    diagnosis: 'The IdP refused the requested scope.',
    hint: 'Correct or remove the Scope values; ask the IdP administrator which scopes this client may request.',
  },
  login_required: {
    diagnosis: 'The IdP needs the user to sign in, but the request asked it not to prompt.',
    hint: 'Remove prompt=none from the Additional Fields.',
  },
  consent_required: {
    diagnosis: 'The IdP needs the user to consent, but the request asked it not to prompt.',
    hint: 'Remove prompt=none from the Additional Fields, or grant consent for this client at the IdP.',
  },
};

/**
 * The TestError for a callback that did not bring a usable code (`issuer`: what was expected, as a phrase:
 * `"https://idp"` or `an issuer at https://idp`; `waited`: e.g. "5 min").
 */
export function callbackError(
  outcome: Exclude<CallbackOutcome, { kind: 'code' }>,
  context: { issuer: string; waited: string } & CauseFacts,
): TestError {
  switch (outcome.kind) {
    case 'idp_error': {
      const known = Object.hasOwn(AUTHORIZE_ERRORS, outcome.error) ? AUTHORIZE_ERRORS[outcome.error] : undefined;
      const uri = safeErrorUri(outcome.uri);
      return {
        code: 'oauth_error',
        message: `The IdP refused the authorization request: error "${clip(outcome.error)}"`,
        oauthError: outcome.error,
        ...(outcome.description ? { oauthErrorDescription: outcome.description } : {}),
        ...(uri ? { oauthErrorUri: uri } : {}),
        ...authorizeDiagnosis(outcome.error, outcome.description, known, context),
      };
    }
    case 'state_mismatch':
      return {
        code: 'invalid_response',
        message: `${outcome.stateSent ? 'The callback’s state does not match this sign-in' : 'The callback carries no state'}; its code was not exchanged (RFC 9700 §4.7), and no valid callback came within ${context.waited} (${refusedCount(outcome.refused)})`,
        diagnosis:
          'The callback did not come from this sign-in: it may be forged, replayed from an earlier Test, or the IdP dropped the state parameter.',
        hint: 'Run the Test again and finish the sign-in in the browser tab it opens.',
      };
    case 'too_many_refused':
      return {
        code: 'invalid_response',
        message: `The sign-in was stopped after ${refusedCount(outcome.refused)} whose state did not match; no code was exchanged (RFC 9700 §4.7)`,
        diagnosis:
          'Something keeps sending forged or stale callbacks to the callback port, or the IdP does not return the state parameter.',
        hint: 'Run the Test again; if it repeats, check which program calls the callback URL, and that the IdP echoes state.',
      };
    case 'issuer_mismatch':
      return {
        code: 'invalid_response',
        message: `The callback names the issuer "${clip(outcome.received)}", but this profile expects ${context.issuer}; its code was not exchanged (RFC 9207)`,
        diagnosis:
          'Another authorization server answered (a mix-up), or the profile’s Issuer is not the IdP’s issuer identifier.',
        hint: 'If the named issuer is the right IdP, set the profile’s Issuer to exactly that value.',
      };
    case 'missing_code':
      return {
        code: 'invalid_response',
        message: 'The callback carries neither an authorization code nor an error (RFC 6749 §4.1.2)',
        diagnosis: 'The IdP redirected back without a result.',
        hint: 'Check that the IdP uses response_type=code with the query response mode for this client.',
      };
    case 'response_mode_ignored':
      return {
        code: 'invalid_response',
        message:
          'The IdP returned the code in the URL (query), not by form_post as this profile asks (response_mode=form_post); the code was not exchanged',
        diagnosis: 'The IdP ignored response_mode=form_post: it may not support the form_post response mode.',
        hint: 'Set the Response Mode to query, or allow form_post for this client at the IdP.',
      };
    case 'timeout':
      return {
        code: 'timeout',
        message: `No sign-in completed within ${context.waited}; the callback server was closed`,
        diagnosis: 'The sign-in in the browser was not finished in time.',
        hint: `Run the Test again and complete the sign-in in the browser tab it opens. If no tab opened, open the authorization URL shown with the Test yourself; if the browser cannot reach the callback, paste the address it ends at into “Paste the URL from the browser’s address bar” while the Test waits (CLI: authbench test --paste).${context.redirectUri ? ` If the browser showed an error such as "redirect_uri did not match": ${registerAdvice(callbackChoice(context.profile), context.redirectUri)}` : ''}`,
      };
    case 'cancelled':
      return {
        code: 'cancelled',
        message: 'The Test was cancelled while waiting for the sign-in; the callback server was closed',
      };
  }
}

/**
 * The diagnosis of an authorization error: the IdP's words against the vendor catalogue first, then the
 * RFC 6749 §4.1.2.1 code, with the IdP's description quoted; names the exact redirect_uri sent when it matters.
 */
function authorizeDiagnosis(
  error: string,
  description: string | undefined,
  known: Diagnosis | undefined,
  facts: CauseFacts,
): Diagnosis & Pick<TestError, 'variant'> {
  // RFC 9126 §5: an IdP that requires PAR refuses an authorization request that was not pushed.
  if (saysParRequired(description)) return parRequiredDiagnosis(facts.profile);
  const vendor = matchCatalogue(description, error);
  if (vendor) return describeCause(vendor.cause, vendor.vendor, facts);
  if (!known) return diagnose({ code: 'oauth_error', oauthError: error, oauthErrorDescription: description }, facts);
  const said = description ? ` The IdP says: "${clip(description)}".` : '';
  const hint =
    error === 'invalid_request' && facts.redirectUri
      ? `Read the error description. Most often the redirect URI is not registered. ${registerAdvice(callbackChoice(facts.profile), facts.redirectUri)}`
      : known.hint;
  return { diagnosis: `${known.diagnosis}${said}`, hint };
}

/** "1 refused callback", "10 refused callbacks". */
function refusedCount(n: number): string {
  return `${n} refused callback${n === 1 ? '' : 's'}`;
}

/** Keeps `error_uri` only when it is an http(s) URL: a `javascript:` link must never reach the UI. */
function safeErrorUri(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Values from the callback are the sender's: shown, but never at length. */
function clip(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
