/**
 * Turns a classified failure into a human diagnosis and a hint: what most likely went wrong, in the user's terms
 * (Kore's field labels), and what to try next. It reads the evidence in order: the IdP's own words against the
 * vendor catalogue (diagnosis/catalogue.ts), clock skew for a grant a skewed clock breaks, the RFC 6749 §5.2
 * `error`, then our error code with the failing answer's headers and body (diagnosis/answer.ts).
 */
import type { ProfileInput } from '../../src-shared/profile';
import type { Exchange, TestError } from '../../src-shared/test-run';
import { httpDiagnosis, invalidAnswerDiagnosis, retryAfterHint } from './diagnosis/answer';
import { assertionDiagnosis } from './diagnosis/assertion-causes';
import { matchCatalogue } from './diagnosis/catalogue';
import { describeCause, type Diagnosis } from './diagnosis/causes';
import { dateHeaderSkew, describeSkew } from './diagnosis/clock-skew';
import { dpopDiagnosis } from './diagnosis/dpop-causes';
import { clip } from './diagnosis/evidence';
import { OAUTH_ERRORS, transportDiagnosis } from './diagnosis/oauth-errors';
import { withVariant } from './diagnosis/variants';

/** What the diagnosis may read besides the error: the failing exchange, the profile, the authorize redirect_uri. */
export interface DiagnosisFacts {
  exchange?: Exchange;
  /** The profile as tested (holds no secret values). */
  profile?: ProfileInput;
  /** The `redirect_uri` the authorization request sent (RFC 6749 §4.1.1). */
  redirectUri?: string;
  /** The run's clock (FlowContext `now`). */
  now?: Date;
}

type DiagnosedError = Pick<TestError, 'code' | 'oauthError' | 'status'> &
  Partial<Pick<TestError, 'oauthErrorDescription' | 'message'>>;

/** diagnoseCause's answer plus the variant its hint names, when one (diagnosis/variants.ts). */
export const diagnose = withVariant(diagnoseCause);

/** Diagnosis and hint for a TestError, from the IdP's words and the failing exchange (see the file comment). */
function diagnoseCause(error: DiagnosedError, facts: DiagnosisFacts = {}): Diagnosis {
  const now = facts.now ?? new Date();
  const assertion = assertionDiagnosis({
    ...facts,
    now,
    oauthError: error.oauthError,
    description: error.oauthErrorDescription,
  });
  if (assertion) return assertion;
  const dpop = dpopDiagnosis({ ...facts, now, oauthError: error.oauthError, description: error.oauthErrorDescription });
  if (dpop) return dpop;
  const extra = vendorFields(facts.exchange);
  const known = matchCatalogue(error.oauthErrorDescription, error.oauthError, extra.code, extra.summary);
  if (known) {
    const d = describeCause(known.cause, known.vendor, facts);
    const wait = error.status === 429 ? retryAfterHint(facts.exchange, now) : undefined;
    return wait ? { ...d, hint: wait } : d;
  }
  const skew = dateHeaderSkew(facts.exchange, now);
  if (skew && error.oauthError === 'invalid_grant')
    return {
      diagnosis: `The IdP refused the grant, and ${describeSkew(skew)}: a clock that far off makes codes, assertions and tokens look expired or not yet valid.`,
      hint: "Synchronise this machine's clock (NTP), or ask the IdP's administrator to fix the server's clock, then test again.",
    };
  if (error.oauthError) return oauthDiagnosis(error, facts);
  if (error.code === 'http_error') {
    // A body without RFC 6749 §5.2 fields may still say something (Okta's errorCode / errorSummary, a message).
    const base = httpDiagnosis(error.status, facts.exchange, now);
    const words = [extra.code, extra.summary && `"${clip(extra.summary)}"`].filter(Boolean).join(' ');
    return words ? { ...base, diagnosis: `${base.diagnosis} The IdP says: ${words}.` } : base;
  }
  if (error.code === 'invalid_response') return invalidAnswerDiagnosis(facts.exchange, error.message ?? '');
  return transportDiagnosis(error.code, error.message);
}

function oauthDiagnosis(error: DiagnosedError, facts: DiagnosisFacts): Diagnosis {
  const name = error.oauthError!;
  // hasOwn: the IdP chooses `error`, and "constructor" or "__proto__" must not reach Object.prototype.
  const known = Object.hasOwn(OAUTH_ERRORS, name) ? OAUTH_ERRORS[name]!(facts) : undefined;
  const base = known ?? {
    diagnosis: `The IdP refused the request with "${clip(name, 60)}".`,
    hint: 'Read the error description and compare the profile with the IdP configuration.',
  };
  const in2xx = error.status !== undefined && error.status >= 200 && error.status < 300;
  const said = error.oauthErrorDescription ? ` The IdP says: "${clip(error.oauthErrorDescription)}".` : '';
  const odd = in2xx
    ? ` (The error came inside an HTTP ${error.status} answer; RFC 6749 §5.2 sends errors as 400.)`
    : '';
  return { ...base, diagnosis: `${base.diagnosis}${said}${odd}` };
}

/** Okta-style `errorCode` / `errorSummary` (or a bare `message`) of a JSON error body, when present. */
function vendorFields(exchange: Exchange | undefined): { code?: string; summary?: string } {
  const body = exchange?.response?.body;
  if (!body || !/^\s*\{/.test(body) || body.length > 100_000) return {};
  try {
    const v = JSON.parse(body) as Record<string, unknown>;
    const str = (x: unknown) => (typeof x === 'string' && x.length > 0 ? x : undefined);
    const code = str(v.errorCode);
    const summary = str(v.errorSummary) ?? str(v.message);
    return { ...(code ? { code } : {}), ...(summary ? { summary } : {}) };
  } catch {
    return {};
  }
}
