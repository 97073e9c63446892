/**
 * The Token view (docs/architecture.md, "A Test, step by step"): what is known of the profile's token held
 * in the OS keychain — type, scope, a live expiry countdown, whether a refresh token is held, whether it
 * is still usable, and the decoded (unverified) JWT header and claims — with Refresh now and Forget token, and the token tools (Introspect, Revoke, UserInfo).
 * No token value ever reaches the renderer: `tokens:get` returns none.
 */
import { useEffect, useRef } from 'react';
import { canRegenerate, type ProfileView } from '../../../../src-shared/profile';
import type { TokenState, TokenVerification } from '../../../../src-shared/test-run';
import { ClaimsTable } from './claims-table';
import { DpopBindingRows, DpopWarnings, useDpopBinding, type DpopBinding } from './dpop-binding';
import { ForgetToken } from './forget-token';
import { TokenToolButtons } from './token-tool-buttons';
import { RefreshExpiry } from './refresh-expiry';
import { VerificationTables } from './verification-table';
import { useTestStore } from '../test-store';
import { expiryCountdown, localDateTime, useNow } from './token-time';
import { useTokenEntry, useTokenStore } from './token-store';
import './token-view.css';
import { isFocusLost } from '../../../components/focus';

function Expiry({ expiresAt }: { expiresAt: string | undefined }) {
  // Keyed by the expiry: a new token's countdown starts from a fresh clock reading.
  return expiresAt ? <Countdown key={expiresAt} expiresAt={expiresAt} /> : <NotStated />;
}

function NotStated() {
  return <span className="muted">not stated by the IdP</span>;
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(1000);
  const countdown = expiryCountdown(expiresAt, now);
  if (!countdown) return <NotStated />;
  return (
    <>
      <span className={`token-view__countdown${countdown.expired ? ' token-view__countdown--expired' : ''}`}>
        {countdown.text}
      </span>
      <span className="muted"> · {localDateTime(expiresAt)}</span>
    </>
  );
}

function TokenFacts({ token, dpop }: { token: TokenState; dpop: DpopBinding }) {
  return (
    <dl className="facts">
      <dt>Token type</dt>
      <dd>{token.tokenType}</dd>
      <dt>Scope</dt>
      <dd>
        {token.scope ? (
          <code>{token.scope}</code>
        ) : (
          <span className="muted">not stated (the requested scope applies)</span>
        )}
      </dd>
      <dt>Expiry</dt>
      <dd>
        <Expiry expiresAt={token.expiresAt} />
      </dd>
      <dt>Obtained</dt>
      <dd>{localDateTime(token.obtainedAt)}</dd>
      <dt>Refresh token</dt>
      <dd>
        {token.hasRefreshToken ? (
          'Held'
        ) : (
          <>
            None <span className="muted">(the IdP did not issue one)</span>
          </>
        )}
      </dd>
      {token.hasRefreshToken ? (
        <>
          <dt>Refresh token expiry</dt>
          <dd>
            <RefreshExpiry expiresAt={token.refreshExpiresAt} />
          </dd>
        </>
      ) : null}
      <dt>Usable</dt>
      <dd>
        {token.usable ? (
          'Yes'
        ) : (
          <span className="token-view__unusable">
            No: the IdP refused the refresh token (invalid_grant), or it was revoked. Run Test to obtain a new token.
          </span>
        )}
      </dd>
      <DpopBindingRows binding={dpop} />
    </dl>
  );
}

/** The stored-token section of a profile's Test panel, with the checks of the latest Test's token (`verification`). */
export function TokenView({ profile, verification }: { profile: ProfileView; verification?: TokenVerification }) {
  const entry = useTokenEntry(profile.id);
  const refreshToken = useTestStore((s) => s.refreshToken);
  const forget = useTokenStore((s) => s.forget);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { token } = entry;
  const dpop = useDpopBinding(profile, token);
  const held = useRef(token !== null);

  // After Forget the buttons are gone: move focus to the section, not to <body>.
  useEffect(() => {
    if (held.current && token === null && isFocusLost()) headingRef.current?.focus();
    held.current = token !== null;
  }, [token]);

  const refreshable = token !== null && ((token.hasRefreshToken && token.usable) || canRegenerate(profile));
  return (
    <section className="token-view" aria-labelledby="token-view-title">
      <div className="token-view__head">
        <h3 id="token-view-title" ref={headingRef} tabIndex={-1} className="subsection-title">
          Token
        </h3>
        {token ? <span className="token-view__where muted small">held in the OS keychain</span> : null}
        <span className="spacer" />
        {token ? (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => void refreshToken(profile.id)}
              disabled={entry.busy !== null || !refreshable}
              title={
                refreshable
                  ? undefined
                  : 'No usable refresh token is held and auto-refresh is off: run Test to obtain a new token.'
              }
            >
              {entry.busy === 'refresh' ? 'Refreshing…' : 'Refresh now'}
            </button>
            <ForgetToken
              profileName={profile.name}
              busy={entry.busy === 'forget'}
              error={entry.error?.message ?? null}
              onForget={() => forget(profile.id)}
            />
          </>
        ) : null}
      </div>
      {entry.error && entry.busy === null ? (
        <p className="form-field__error" role="alert">
          {entry.error.message}
        </p>
      ) : null}
      {token ? (
        <>
          <TokenToolButtons profile={profile} token={token} />
          <TokenFacts token={token} dpop={dpop} />
          <DpopWarnings binding={dpop} />
          {token.claims ? (
            <div className="token-view__jwt">
              <ClaimsTable caption="JWT claims (decoded, not verified)" values={token.claims} />
              {token.header ? <ClaimsTable caption="JWT header" values={token.header} /> : null}
            </div>
          ) : (
            <p className="muted small token-view__opaque">
              The access token is opaque (not a JWT): no claims to decode.
            </p>
          )}
          <VerificationTables verification={verification} />
        </>
      ) : (
        <p className="muted">No token is held. A passing Test stores the token it obtains in the OS keychain.</p>
      )}
    </section>
  );
}
