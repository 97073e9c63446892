/**
 * What a token tool run found, under the verdict (docs/architecture.md, "Token tools"): an introspection's
 * `active`, `exp`, `scope`, `client_id`, `sub` (RFC 7662 §2.2), a revocation's outcome and what became of the held
 * token (RFC 7009 §2.2), or the UserInfo claims (OIDC Core §5.3.2). Already redacted by main; React escapes text.
 */
import type { TestRun } from '../../../../src-shared/test-run';
import { TOKEN_TOOL_INFO } from '../../../../src-shared/token-tools';
import { ClaimsTable } from '../token/claims-table';
import { localDateTime } from '../token/token-time';

/** The findings of `run.tool`; nothing for a Test or a failed tool run. */
export function ToolFindings({ run }: { run: TestRun }) {
  const tool = run.tool;
  if (!tool || !run.ok) return null;
  const which = tool.which === 'refresh_token' ? 'refresh token' : 'access token';
  return (
    <div className="verdict__source tool-findings" aria-label={`${TOKEN_TOOL_INFO[tool.tool].title} result`}>
      {tool.active !== undefined ? (
        <dl className="facts">
          <dt>Token</dt>
          <dd>{which}</dd>
          <dt>Active</dt>
          <dd>
            <strong>{tool.active ? 'Yes' : 'No'}</strong>
            {tool.active ? null : <span className="muted"> (expired, revoked, or unknown to the IdP)</span>}
          </dd>
          {tool.exp !== undefined ? (
            <>
              <dt>Expires (exp)</dt>
              <dd>{localDateTime(new Date(tool.exp * 1000).toISOString())}</dd>
            </>
          ) : null}
          {tool.scope !== undefined ? (
            <>
              <dt>Scope</dt>
              <dd>
                <code>{tool.scope}</code>
              </dd>
            </>
          ) : null}
          {tool.clientId !== undefined ? (
            <>
              <dt>client_id</dt>
              <dd>
                <code>{tool.clientId}</code>
              </dd>
            </>
          ) : null}
          {tool.sub !== undefined ? (
            <>
              <dt>sub</dt>
              <dd>
                <code>{tool.sub}</code>
              </dd>
            </>
          ) : null}
          {tool.cnfJkt !== undefined ? (
            <>
              <dt>cnf.jkt</dt>
              <dd>
                <code className="dpop-thumbprint">{tool.cnfJkt}</code>
                {tool.heldJkt === undefined ? null : tool.heldJkt === tool.cnfJkt ? (
                  <span className="muted"> ✓ the profile&apos;s DPoP key</span>
                ) : (
                  <span className="form-field__warning"> not the key the token was obtained with</span>
                )}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {tool.revoked ? (
        <p>
          <strong>Revoked the {which}.</strong> The held token is marked unusable; run Test to obtain a new one.
        </p>
      ) : null}
      {tool.claims ? <ClaimsTable caption="UserInfo claims" values={tool.claims} /> : null}
    </div>
  );
}
