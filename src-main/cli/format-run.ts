/**
 * A TestRun for a person in a terminal: verdict, each exchange, the token summary or the diagnosis. Every
 * string an IdP or a profile controls goes through forTerminal: control characters (C0, C1: terminal
 * escapes) stripped and the length clipped (docs/security.md, "Hostile input").
 */
import { describePolls } from '../../src-shared/format';
import { describeOverrides } from '../../src-shared/profile-overrides';
import { describeTokenSource } from '../../src-shared/token-source';
import type { TestRun, TokenCheck } from '../../src-shared/test-run';
import { forTerminal as t } from '../http/log-text';

/** The lines of `run`, ending with a newline; `color` adds ANSI colours to the verdict and warnings. */
export function formatRun(run: TestRun, { color }: { color: boolean }): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(
    `${run.ok ? paint('32', 'PASS') : paint('31', 'FAIL')}  ${t(run.profile)} (${run.grantType}) in ${Math.round(run.durationMs)} ms`,
  );
  for (const e of run.exchanges) {
    // The authorize step is the URL handed to the browser: it has no HTTP response of its own.
    const opened = e.step === 'authorize' && !e.response && !e.error;
    const status = e.response
      ? t(`${e.response.status} ${e.response.statusText}`.trim(), 200)
      : opened
        ? 'opened in the browser'
        : `no response (${e.error?.code ?? 'error'})`;
    lines.push(
      `  ${`[${e.step}]`.padEnd(9)} ${e.request.method} ${t(e.request.url)} -> ${status}  (${e.durationMs} ms)`,
    );
    for (const a of e.request.assertions ?? []) lines.push(`            ${t(a.parameter, 100)} ${jwtLine(a)}`);
    const proof = e.request.dpopProof;
    if (proof)
      lines.push(
        `            DPoP proof ${jwtLine(proof)}${proof.jkt ? ` jkt=${t(proof.jkt, 100)}` : ''}${proof.nonceChallenge ? ' (answered use_dpop_nonce: retried with the nonce)' : ''}`,
      );
  }
  if (run.polls) lines.push(`  polls     ${describePolls(run.polls)}`);
  if (run.tokenSource) lines.push(`  ${'source'.padEnd(9)} ${t(describeTokenSource(run))}`);
  if (run.overrides) lines.push(`  override  ${t(describeOverrides(run.overrides))} (not saved)`);
  for (const w of run.warnings ?? []) lines.push(`  ${paint('33', 'warning')}   ${t(w)}`);
  if (run.token) {
    const tk = run.token;
    lines.push(
      `  token     ${t(tk.tokenType, 100)}${tk.expiresIn !== undefined ? `, expires in ${tk.expiresIn} s` : ''}${tk.scope ? `, scope "${t(tk.scope, 500)}"` : ''}${tk.hasRefreshToken ? ', refresh token held' : ''}`,
    );
    if (tk.issuedTokenType) lines.push(`  issued    ${t(tk.issuedTokenType, 200)} (issued_token_type)`);
    if (tk.claims) {
      const shown = ['iss', 'sub', 'aud', 'client_id', 'scope', 'exp'].filter((k) => tk.claims![k] !== undefined);
      lines.push(`  claims    ${shown.map((k) => `${k}=${t(JSON.stringify(tk.claims![k]), 300)}`).join(' ')}`);
    }
    // Each failed check is also one warning line above (oauth/verify-step.ts): here, one tally per token.
    for (const [name, checks] of [
      ['ID token', tk.verification?.idToken],
      ['access token', tk.verification?.accessToken],
    ] as const)
      if (checks) lines.push(`  verified  ${name}: ${tally(checks)}`);
  }
  if (run.error) {
    const e = run.error;
    lines.push(`  error     [${e.code}] ${t(e.message)}`);
    if (e.oauthError)
      lines.push(
        `  idp       ${t(e.oauthError, 200)}${e.oauthErrorDescription ? `: ${t(e.oauthErrorDescription)}` : ''}`,
      );
    if (e.diagnosis) lines.push(`  why       ${t(e.diagnosis)}`);
    if (e.hint) lines.push(`  try       ${t(e.hint)}`);
    if (e.variant) lines.push(`  variant   ${t(setOptions(e.variant.overrides))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A decoded JWT (its signature is never kept) as one line: `alg`, `kid`, then the claims that tell it apart. */
function jwtLine(jwt: { header: Record<string, unknown>; claims: Record<string, unknown> }): string {
  const show = (v: unknown) => t(typeof v === 'string' ? v : JSON.stringify(v), 300);
  const header = ['alg', 'kid'].filter((k) => jwt.header[k] !== undefined).map((k) => `${k}=${show(jwt.header[k])}`);
  const claims = ['iss', 'sub', 'aud', 'htm', 'htu', 'exp', 'ath', 'nonce']
    .filter((k) => jwt.claims[k] !== undefined)
    .map((k) => `${k}=${show(jwt.claims[k])}`);
  return [...header, ...claims].join(' ');
}

/** "8 pass, 1 fail (signature), 1 n/a" of a token's checks. */
function tally(checks: readonly TokenCheck[]): string {
  const of = (result: TokenCheck['result']) => checks.filter((c) => c.result === result);
  const failed = of('fail');
  return [
    `${of('pass').length} pass`,
    `${failed.length} fail${failed.length ? ` (${failed.map((c) => c.check).join(', ')})` : ''}`,
    `${of('n/a').length} n/a`,
  ].join(', ');
}

/** The `--set` options that run a variant, e.g. `--set clientAuthMethod=client_secret_post`. */
function setOptions(overrides: Record<string, unknown>): string {
  return Object.entries(overrides)
    .map(([k, v]) => (typeof v === 'string' ? `--set ${k}=${v}` : `--set '${k}=${JSON.stringify(v)}'`))
    .join(' ');
}
