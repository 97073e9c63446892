/** A TestRun for a person in a terminal: verdict, each exchange, the token summary or the diagnosis. */
import type { TestRun } from '../../src-shared/test-run';
import { sanitizeForLog } from '../http/redact';

export function formatRun(run: TestRun, { color }: { color: boolean }): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(
    `${run.ok ? paint('32', 'PASS') : paint('31', 'FAIL')}  ${run.profile} (${run.grantType}) in ${Math.round(run.durationMs)} ms`,
  );
  for (const e of run.exchanges) {
    // The authorize step is the URL handed to the browser: it has no HTTP response of its own.
    const opened = e.step === 'authorize' && !e.response && !e.error;
    const status = e.response
      ? `${e.response.status} ${e.response.statusText}`.trim()
      : opened
        ? 'opened in the browser'
        : `no response (${e.error?.code ?? 'error'})`;
    lines.push(
      `  ${`[${e.step}]`.padEnd(9)} ${e.request.method} ${sanitizeForLog(e.request.url)} -> ${status}  (${e.durationMs} ms)`,
    );
  }
  for (const w of run.warnings ?? []) lines.push(`  ${paint('33', 'warning')}   ${sanitizeForLog(w)}`);
  if (run.token) {
    const t = run.token;
    lines.push(
      `  token     ${t.tokenType}${t.expiresIn !== undefined ? `, expires in ${t.expiresIn} s` : ''}${t.scope ? `, scope "${t.scope}"` : ''}${t.hasRefreshToken ? ', refresh token held' : ''}`,
    );
    if (t.claims) {
      const shown = ['iss', 'sub', 'aud', 'client_id', 'scope', 'exp'].filter((k) => t.claims![k] !== undefined);
      lines.push(`  claims    ${shown.map((k) => `${k}=${sanitizeForLog(JSON.stringify(t.claims![k]))}`).join(' ')}`);
    }
  }
  if (run.error) {
    const e = run.error;
    lines.push(`  error     [${e.code}] ${sanitizeForLog(e.message)}`);
    if (e.oauthError)
      lines.push(
        `  idp       ${e.oauthError}${e.oauthErrorDescription ? `: ${sanitizeForLog(e.oauthErrorDescription)}` : ''}`,
      );
    if (e.diagnosis) lines.push(`  why       ${e.diagnosis}`);
    if (e.hint) lines.push(`  try       ${e.hint}`);
  }
  return `${lines.join('\n')}\n`;
}
