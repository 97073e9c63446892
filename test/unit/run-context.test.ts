/**
 * One run's FlowContext (services/run-context.ts) and its end (services/run-result.ts): `ctx.send` adds the
 * profile's transport, the deadline and the abort signal to every request; the GET warning is kept for the
 * run; the TestRun masks the profile's secrets, typed secret values and the flow's secret values.
 */
import { describe, expect, it } from 'vitest';
import { flowSecrets, profileView } from '../helpers/profile-views';
import type { Exchange, TestProgress } from '../../src-shared/test-run';
import type { HttpClient, HttpRequest } from '../../src-main/http/recording-client';
import { REDACTED } from '../../src-main/http/redact';
import { TOKEN_CONTENT_TYPES } from '../../src-shared/token-content-types';
import { createRunContext } from '../../src-main/services/run-context';
import { toTestRun } from '../../src-main/services/run-result';

const view = (fields: Record<string, unknown>) => profileView(fields, false);
const noSecrets = flowSecrets;

/** An HttpClient that records what it is asked to send and answers with an empty exchange. */
function capturing(): HttpClient & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    send: async (req) => {
      sent.push(req);
      return {
        step: req.step,
        request: { method: req.method, url: req.url, headers: req.headers, body: req.body ?? null },
        response: null,
        durationMs: 0,
      };
    },
  };
}

describe('createRunContext', () => {
  it('ctx.send carries the step, the request, the profile’s CA bundle and proxy, the deadline and the signal', async () => {
    const http = capturing();
    const signal = new AbortController().signal;
    const profile = view({ grantType: 'client_credentials', caBundle: 'PEM', proxyUrl: 'http://proxy.test:3128' });
    const { ctx } = createRunContext({
      profile,
      secrets: noSecrets(),
      options: { timeoutMs: 1234 },
      http,
      signal,
      progress: () => {},
      now: () => new Date(0),
    });
    const exchange = await ctx.send('token', {
      method: 'POST',
      url: 'https://idp.test/token',
      headers: { a: 'b' },
      body: 'x=1',
    });
    expect(exchange.step).toBe('token');
    expect(http.sent).toEqual([
      {
        step: 'token',
        method: 'POST',
        url: 'https://idp.test/token',
        headers: { a: 'b' },
        body: 'x=1',
        tls: { ca: 'PEM' },
        proxyUrl: 'http://proxy.test:3128',
        timeoutMs: 1234,
        signal,
      },
    ]);
  });

  it('warns once, in the run (not again as progress), when the token call is a GET; a POST has no warning', () => {
    const progress: [TestProgress['step'], string][] = [];
    const start = (method: string) =>
      createRunContext({
        profile: view({ grantType: 'client_credentials', tokenRequest: { method, contentType: 'form' } }),
        secrets: noSecrets(),
        options: {},
        http: capturing(),
        signal: new AbortController().signal,
        progress: (step, message) => progress.push([step, message]),
        now: () => new Date(0),
      });
    const get = start('GET');
    expect(get.warnings).toHaveLength(1);
    expect(get.warnings[0]).toMatch(/^The token call uses GET, .* RFC 6749 §3\.2 requires POST$/);
    expect(progress).toEqual([]);
    expect(start('POST').warnings).toEqual([]);
  });

  it('warns of each content type no token endpoint standard uses (RSS, CSV, Multipart/Related, Oracle ADF), not of the others', () => {
    const warned = (method: string, contentType: string) =>
      createRunContext({
        profile: view({ grantType: 'client_credentials', tokenRequest: { method, contentType } }),
        secrets: noSecrets(),
        options: {},
        http: capturing(),
        signal: new AbortController().signal,
        progress: () => undefined,
        now: () => new Date(0),
      }).warnings;
    const byType = Object.fromEntries(TOKEN_CONTENT_TYPES.map((t) => [t, warned('POST', t)]));
    for (const t of ['json', 'xml', 'form', 'text', 'twitter-json', 'multipart']) expect(byType[t]).toEqual([]);
    expect(byType.csv).toEqual([
      'The token call is sent as CSV (text/csv, a header row and a row of values), a type no token endpoint ' +
        'standard uses; RFC 6749 §4 specifies application/x-www-form-urlencoded (URL Encoded JSON)',
    ]);
    for (const t of ['rss', 'multipart-related', 'oracle-adf'])
      expect(byType[t]).toEqual([expect.stringMatching(/^The token call is sent as .* RFC 6749 §4 specifies/)]);
    // With GET the body is not sent: only the GET warning.
    expect(warned('GET', 'csv')).toEqual([expect.stringMatching(/^The token call uses GET/)]);
  });
});

describe('toTestRun', () => {
  it('masks stored secrets, typed secret values and flow secret values; keeps textbox values', () => {
    const profile = view({
      grantType: 'password',
      idpFormFields: [
        { key: 'pin', title: 'PIN', fieldType: 'password', dataType: 'string' },
        { key: 'realm', title: 'Realm', fieldType: 'textbox', dataType: 'string' },
      ],
    });
    const body = 'client_secret_value typed-pw 9876 realm-visible the-code';
    const exchange: Exchange = {
      step: 'token',
      request: { method: 'POST', url: 'https://idp.test/token', headers: {}, body },
      response: null,
      durationMs: 1,
    };
    const run = toTestRun(
      {
        exchanges: [exchange],
        secretValues: ['the-code'],
        error: { code: 'network', message: 'failed near typed-pw' },
      },
      {
        profile,
        secrets: noSecrets({ clientSecret: 'client_secret_value' }),
        formValues: { password: 'typed-pw', pin: '9876', realm: 'realm-visible' },
        startedAt: new Date('2025-01-01T00:00:00Z'),
        started: performance.now(),
      },
    );
    expect(run).toMatchObject({
      ok: false,
      profile: 'p',
      profileId: 'id-1',
      grantType: 'password',
      startedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(run.exchanges[0]!.request.body).toBe(`${REDACTED} ${REDACTED} ${REDACTED} realm-visible ${REDACTED}`);
    expect(run.error?.message).toBe(`failed near ${REDACTED}`);
  });
});
