/**
 * The Verification table of a Test's token (docs/architecture.md, "Token verification"): each check of the
 * access token and the ID token main ran against the IdP's JWKS, with ✓ (pass), ✗ (fail) or — (n/a) and why.
 */
import type { TokenCheck, TokenVerification } from '../../../../src-shared/test-run';

const MARKS: Record<TokenCheck['result'], { mark: string; text: string }> = {
  pass: { mark: '✓', text: 'pass' },
  fail: { mark: '✗', text: 'fail' },
  'n/a': { mark: '—', text: 'not applicable' },
};

function Checks({ caption, checks }: { caption: string; checks: TokenCheck[] }) {
  return (
    <table className="claims-table verification-table">
      <caption>{caption}</caption>
      <tbody>
        {checks.map((c) => (
          <tr key={c.check}>
            <th scope="row" className="claims-table__name">
              {c.check}
            </th>
            <td
              className={`verification-table__result verification-table__result--${c.result === 'n/a' ? 'na' : c.result}`}
            >
              <span aria-hidden="true">{MARKS[c.result].mark}</span>
              <span className="visually-hidden">{MARKS[c.result].text}</span>
            </td>
            <td className="verification-table__detail">{c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** True when every check says the token is not a JWT: one line says so instead of a table of dashes. */
function opaque(checks: TokenCheck[]): boolean {
  return checks.every((c) => c.result === 'n/a' && c.detail === 'not a JWT');
}

/** The verification of the ID token and the access token, one table each; nothing when there is none. */
export function VerificationTables({ verification }: { verification: TokenVerification | undefined }) {
  if (!verification) return null;
  return (
    <div className="token-view__jwt">
      {verification.idToken ? <Checks caption="Verification: ID token" checks={verification.idToken} /> : null}
      {!verification.accessToken ? null : opaque(verification.accessToken) ? (
        <p className="muted small">
          Verification: the access token is opaque (not a JWT), so there is nothing to check.
        </p>
      ) : (
        <Checks caption="Verification: access token" checks={verification.accessToken} />
      )}
    </div>
  );
}
