/**
 * `authbench token introspect|revoke|userinfo NAME [--refresh-token] [--json]`: runs a token tool (RFC 7662,
 * RFC 7009, OIDC Core §5.3) on the profile's held token and prints the run like `authbench test`, plus what the tool
 * found (docs/architecture.md, "Token tools"). Exit codes as for `test`: 0 passed, 1 failed, 2 usage, 3 environment.
 */
import type { TestRun } from '../../../src-shared/test-run';
import type { TokenTool, TokenToolResult } from '../../../src-shared/token-tools';
import { forTerminal as t } from '../../http/log-text';
import { withContext, type GlobalOptions } from '../context';
import { formatRun } from '../format-run';
import { EXIT, usageError } from '../output';

/** Options of `authbench token <tool>` as commander parses them. */
export interface TokenCliOptions {
  /** Send the held refresh token rather than the access token (introspect, revoke). */
  refreshToken?: boolean;
  json?: boolean;
  timeout: string;
}

/** Runs `tool` on profile `name`'s held token; sets process.exitCode 0 or 1. Throws AppError (exit 2 or 3) when it cannot start. */
export async function tokenTool(
  global: GlobalOptions,
  tool: TokenTool,
  name: string,
  opts: TokenCliOptions,
): Promise<void> {
  const timeoutSec = Number(opts.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec < 1 || timeoutSec > 600)
    throw usageError('--timeout must be a number of seconds between 1 and 600');
  if (tool === 'userinfo' && opts.refreshToken)
    throw usageError('--refresh-token does not apply to userinfo: UserInfo takes the access token (OIDC Core §5.3.1)');
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let run: TestRun;
  try {
    run = await withContext(global, async (ctx) => {
      const profile = await ctx.profiles.getByName(name);
      const { TokenTools } = await import('../../services/token-tools');
      const tools = new TokenTools({
        profiles: ctx.profiles,
        record: (r) => ctx.runs.record(r),
        http: ctx.http,
        tokens: ctx.tests.tokens,
      });
      return tools.run(profile.id, tool, {
        which: opts.refreshToken ? 'refresh_token' : 'access_token',
        timeoutMs: timeoutSec * 1000,
        signal: controller.signal,
      });
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(run, null, 2)}\n`
      : formatRun(run, { color: process.stdout.isTTY === true }) + toolLines(run.tool),
  );
  process.exitCode = run.ok ? EXIT.ok : EXIT.testFailed;
}

/** What the tool found, one line per fact (IdP-controlled strings through forTerminal). */
export function toolLines(tool: TokenToolResult | undefined): string {
  if (!tool) return '';
  const lines: string[] = [];
  if (tool.active !== undefined) {
    const facts = [
      `active=${tool.active}`,
      tool.exp !== undefined ? `exp=${tool.exp} (${new Date(tool.exp * 1000).toISOString()})` : '',
      tool.scope !== undefined ? `scope="${t(tool.scope, 500)}"` : '',
      tool.clientId !== undefined ? `client_id=${t(tool.clientId, 200)}` : '',
      tool.sub !== undefined ? `sub=${t(tool.sub, 200)}` : '',
    ].filter(Boolean);
    lines.push(`  ${tool.which.padEnd(9)} ${facts.join(' ')}`);
  }
  if (tool.revoked) lines.push(`  revoked   the ${tool.which.replace('_', ' ')}; the held token is marked unusable`);
  if (tool.claims)
    for (const [k, v] of Object.entries(tool.claims).slice(0, 50))
      lines.push(`  claim     ${t(k, 100)}=${t(JSON.stringify(v), 300)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
