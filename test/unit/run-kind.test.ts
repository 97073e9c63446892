/**
 * The History table's "what" column: a Test, a Refresh now, or one of the token tools (RFC 7662, RFC 7009,
 * OIDC Core §5.3), told apart by the steps of the run's exchanges.
 */
import { describe, expect, it } from 'vitest';
import type { ExchangeStep } from '../../src-shared/exchange-steps';
import type { TestRun } from '../../src-shared/test-run';
import type { TokenTool } from '../../src-shared/token-tools';
import { runKind } from '../../src-renderer/features/test-panel/run/run-history';

const run = (...steps: ExchangeStep[]) => ({ exchanges: steps.map((step) => ({ step })) }) as unknown as TestRun;
const toolRun = (tool: TokenTool, step: ExchangeStep) =>
  ({ ...run(step), tool: { tool, which: 'access_token' } }) as TestRun;

describe('runKind', () => {
  it.each([
    [['token'], 'Test'],
    [['discovery', 'token', 'check'], 'Test'],
    [[], 'Test'],
    [['refresh'], 'Refresh'],
    [['refresh', 'refresh'], 'Refresh'],
    [['refresh', 'check'], 'Test'],
  ] as [ExchangeStep[], string][])('%j is a %s', (steps, kind) => {
    expect(runKind(run(...steps))).toBe(kind);
  });

  it.each([
    ['introspect', 'introspection', 'Introspect'],
    ['revoke', 'revocation', 'Revoke'],
    ['userinfo', 'userinfo', 'UserInfo'],
  ] as [TokenTool, ExchangeStep, string][])('a %s run is labelled by its tool', (tool, step, kind) => {
    expect(runKind(toolRun(tool, step))).toBe(kind);
    // The step alone does not make a tool run: a Test is never labelled as one.
    expect(runKind(run(step))).toBe('Test');
  });
});
