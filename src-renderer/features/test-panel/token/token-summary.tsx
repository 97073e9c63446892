/**
 * What a successful token response said, without the tokens themselves (they stay in main): type,
 * lifetime, granted scope, whether a refresh token is held, a token exchange's issued token type (RFC 8693 §2.2.1),
 * and the decoded (unverified) JWT claims.
 */
import { formatLifetime } from '../../../../src-shared/format';
import type { TokenSummary as Summary } from '../../../../src-shared/test-run';
import { ClaimsTable } from './claims-table';
import { VerificationTables } from './verification-table';

/** The token summary of a passed Test (`title` names the section, default "Token"). */
export function TokenSummary({ token, title = 'Token' }: { token: Summary; title?: string }) {
  return (
    <section className="token-summary" aria-labelledby="token-summary-title">
      <h3 id="token-summary-title" className="subsection-title">
        {title}
      </h3>
      <dl className="facts">
        <dt>Token type</dt>
        <dd>{token.tokenType}</dd>
        {token.issuedTokenType ? (
          <>
            <dt>Issued token type</dt>
            <dd>
              <code>{token.issuedTokenType}</code>
            </dd>
          </>
        ) : null}
        <dt>Expires in</dt>
        <dd>
          {token.expiresIn === undefined ? <span className="muted">not stated</span> : formatLifetime(token.expiresIn)}
        </dd>
        <dt>Scope</dt>
        <dd>
          {token.scope ? (
            <code>{token.scope}</code>
          ) : (
            <span className="muted">not stated (the requested scope applies)</span>
          )}
        </dd>
        <dt>Refresh token</dt>
        <dd>{token.hasRefreshToken ? 'Held' : 'None'}</dd>
      </dl>
      {token.claims ? (
        <div className="token-view__jwt">
          <ClaimsTable caption="JWT claims (decoded, not verified)" values={token.claims} />
        </div>
      ) : (
        <p className="muted small">The access token is opaque (not a JWT): no claims to decode.</p>
      )}
      <VerificationTables verification={token.verification} />
    </section>
  );
}
