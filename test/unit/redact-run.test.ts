/**
 * Every string of a run that leaves the engine is redacted (docs/security.md, "The redactor"): progress and
 * warnings as they are emitted (run-context.ts), every TestError field and the warnings of the TestRun
 * (run-result.ts), and a warning names the secrets too short to mask by value.
 */
import { describe, expect, it } from 'vitest';
import { flowSecrets, profileView } from '../helpers/profile-views';
import type { TestProgress } from '../../src-shared/test-run';
import type { HttpClient } from '../../src-main/http/recording-client';
import { REDACTED } from '../../src-main/http/redact';
import type { FlowSecrets } from '../../src-main/oauth/flow';
import { createRunContext } from '../../src-main/services/run-context';
import { toTestRun } from '../../src-main/services/run-result';

const USERNAME = 'keychain-held-user@example.test';
const PASSWORD = 'keychain-held-password';
const CLIENT_SECRET = 'client-secret-value-9';

const view = (fields: Record<string, unknown>) => profileView(fields, true);
const secrets = flowSecrets;
const http: HttpClient = { send: () => Promise.reject(new Error('not used')) };

describe('progress and warnings of a run', () => {
  it('masks a keychain-held username and password in progress and warnings as they are emitted', () => {
    const progress: TestProgress['message'][] = [];
    const { ctx, warnings } = createRunContext({
      profile: view({ grantType: 'password', authorizationMode: 'pre_authorize' }),
      secrets: secrets({ username: USERNAME, password: PASSWORD, clientSecret: CLIENT_SECRET }),
      options: {},
      http,
      signal: new AbortController().signal,
      progress: (_step, message) => progress.push(message),
      now: () => new Date(0),
    });
    ctx.onStep('token', `Requesting a token for ${USERNAME} from idp.test`);
    ctx.warn(
      `The IdP said ${encodeURIComponent(PASSWORD)} and ${Buffer.from(`c:${CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(progress[0]).toBe(`Requesting a token for ${REDACTED} from idp.test`);
    expect(warnings).toEqual([`The IdP said ${REDACTED} and ${REDACTED}`]);
    expect(progress.join('\n')).not.toContain(USERNAME);
  });
});

describe('toTestRun', () => {
  const facts = (over: Partial<FlowSecrets>) => ({
    profile: view({ grantType: 'client_credentials' }),
    secrets: secrets(over),
    formValues: {},
    startedAt: new Date(0),
    started: performance.now(),
  });

  it('masks secrets in every TestError field', () => {
    const run = toTestRun(
      {
        exchanges: [],
        error: {
          code: 'oauth_error',
          message: `m ${CLIENT_SECRET}`,
          oauthError: `e ${CLIENT_SECRET}`,
          oauthErrorDescription: `d ${CLIENT_SECRET}`,
          oauthErrorUri: `https://idp.test/e?x=${CLIENT_SECRET}&access_token=t0k3n`,
          diagnosis: `why ${CLIENT_SECRET}`,
          hint: `try ${CLIENT_SECRET}`,
          details: { issues: [{ path: 'x', message: `i ${CLIENT_SECRET}` }] },
        },
      },
      facts({ clientSecret: CLIENT_SECRET }),
    );
    const text = JSON.stringify(run);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain('t0k3n');
    expect(run.error?.hint).toBe(`try ${REDACTED}`);
    expect(run.error?.oauthError).toBe(`e ${REDACTED}`);
  });

  it('warns about secrets too short to mask by value, naming the stored field, never the value', () => {
    const run = toTestRun({ exchanges: [], secretValues: ['xy'] }, facts({ clientSecret: 'a1b' }));
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings![0]).toMatch(/clientSecret, 1 other secret value; check the exchanges/);
    expect(toTestRun({ exchanges: [] }, facts({ clientSecret: CLIENT_SECRET })).warnings).toBeUndefined();
  });
});

describe('formatRun (CLI)', () => {
  it('strips terminal escapes (C0, C1) from what the IdP controls and clips its length', async () => {
    const { formatRun } = await import('../../src-main/cli/format-run');
    const run = toTestRun(
      {
        exchanges: [
          {
            step: 'token',
            request: { method: 'POST', url: 'https://idp.test/token', headers: {}, body: null },
            response: { status: 400, statusText: 'Bad\u001b]52;c;ZXZpbA==\u0007', headers: {}, body: null },
            durationMs: 1,
          },
        ],
        error: {
          code: 'oauth_error',
          message: 'refused',
          oauthError: 'invalid\u009b2Jclient',
          oauthErrorDescription: `\u001b[2J${'d'.repeat(10_000)}`,
        },
      },
      {
        profile: view({ grantType: 'client_credentials' }),
        secrets: secrets(),
        formValues: {},
        startedAt: new Date(0),
        started: performance.now(),
      },
    );
    const out = formatRun(run, { color: false });
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out).toContain('invalid 2Jclient');
    expect(out.length).toBeLessThan(3000);
  });
});
