/**
 * What a successful token response said, without the tokens themselves (they stay in main): type,
 * lifetime, granted scope, whether a refresh token is held, and the decoded (unverified) JWT claims.
 */
import { formatLifetime } from '../../../src-shared/format';
import type { TokenSummary as Summary } from '../../../src-shared/test-run';

/** The token summary of a passed Test. */
export function TokenSummary({ token }: { token: Summary }) {
  return (
    <section className="token-summary" aria-labelledby="token-summary-title">
      <h3 id="token-summary-title" className="subsection-title">
        Token
      </h3>
      <dl className="facts">
        <dt>Token type</dt>
        <dd>{token.tokenType}</dd>
        <dt>Expires in</dt>
        <dd>{token.expiresIn === undefined ? <span className="muted">not stated</span> : formatLifetime(token.expiresIn)}</dd>
        <dt>Scope</dt>
        <dd>{token.scope ? <code>{token.scope}</code> : <span className="muted">not stated (the requested scope applies)</span>}</dd>
        <dt>Refresh token</dt>
        <dd>{token.hasRefreshToken ? 'Held' : 'None'}</dd>
      </dl>
      {token.claims ? (
        <details className="claims" open>
          <summary>Decoded claims (not verified)</summary>
          <pre className="code-block">{JSON.stringify(token.claims, null, 2)}</pre>
        </details>
      ) : (
        <p className="muted small">The access token is opaque (not a JWT): no claims to decode.</p>
      )}
    </section>
  );
}
