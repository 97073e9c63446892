/**
 * The token view's token tools (docs/architecture.md, "Token tools"): Introspect (RFC 7662), Revoke (RFC 7009) and
 * UserInfo (OIDC Core §5.3) on the held token, each enabled when a token is held and its URL is set; the run opens
 * in the Test panel like Refresh now's. Which token Introspect and Revoke send is picked when a refresh token is held.
 */
import { useState } from 'react';
import type { ProfileView } from '../../../../src-shared/profile';
import type { TokenState } from '../../../../src-shared/test-run';
import { TOKEN_TOOL_INFO, TOKEN_TOOLS, type TokenHint } from '../../../../src-shared/token-tools';
import { useTestStore } from '../test-store';
import { useTokenEntry } from './token-store';

/** The three buttons (and the token picker) for `profile`'s held `token`. */
export function TokenToolButtons({ profile, token }: { profile: ProfileView; token: TokenState }) {
  const entry = useTokenEntry(profile.id);
  const runTool = useTestStore((s) => s.tokenTool);
  const [which, setWhich] = useState<TokenHint>('access_token');
  const sent: TokenHint = token.hasRefreshToken ? which : 'access_token';
  return (
    <div className="token-tools" role="group" aria-label="Token tools">
      {token.hasRefreshToken ? (
        <select
          className="input token-tools__which"
          aria-label="Token to introspect or revoke"
          value={sent}
          onChange={(e) => setWhich(e.target.value as TokenHint)}
        >
          <option value="access_token">Access token</option>
          <option value="refresh_token">Refresh token</option>
        </select>
      ) : null}
      {TOKEN_TOOLS.map((tool) => {
        const { field, label, title } = TOKEN_TOOL_INFO[tool];
        const set = !!profile[field];
        return (
          <button
            key={tool}
            type="button"
            className="button button--small"
            disabled={entry.busy !== null || !set}
            title={set ? undefined : `Set the ${label} in the profile's Endpoints (Token tools) first.`}
            onClick={() => void runTool(profile.id, tool, tool === 'userinfo' ? undefined : sent)}
          >
            {entry.busy === tool ? `${title}…` : title}
          </button>
        );
      })}
    </div>
  );
}
