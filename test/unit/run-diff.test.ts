/**
 * The comparison of two stored runs (src-shared/run-diff.ts): what changed per exchange and in the outcome,
 * what merely varies per run (Date, `state`, `jti`…), `[redacted]` kept, and properties: a run compared with
 * itself has no change, and swapping the runs swaps added and removed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRuns, durationKind, type DiffSection, type RunDiff } from '../../src-shared/run-diff';
import { diffBodies, diffHeaders, diffLines, flattenJson } from '../../src-shared/run-diff-values';
import type { Exchange, TestRun } from '../../src-shared/test-run';

const TOKEN_URL = 'https://idp.example/oauth/token';

function tokenExchange(
  over: Partial<Exchange> = {},
  status = 200,
  body = '{"token_type":"Bearer","expires_in":600}',
): Exchange {
  return {
    step: 'token',
    request: {
      method: 'POST',
      url: TOKEN_URL,
      headers: { authorization: 'Basic [redacted]', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=api%3Aread',
    },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Unauthorized',
      headers: { 'content-type': 'application/json', date: 'Wed, 02 Dec 2026 06:00:00 GMT' },
      body,
    },
    durationMs: 40,
    ...over,
  };
}

function run(id: string, exchanges: Exchange[], over: Partial<TestRun> = {}): TestRun {
  return {
    id,
    ok: true,
    profile: 'Orders',
    profileId: 'p1',
    grantType: 'client_credentials',
    startedAt: '2026-12-02T06:00:00.000Z',
    durationMs: 50,
    exchanges,
    ...over,
  };
}

const section = (d: RunDiff, step: number, title: string): DiffSection | undefined =>
  d.steps[step]!.sections.find((s) => s.title === title);
const item = (s: DiffSection | undefined, key: string) => s?.items.find((i) => i.key === key);

describe('diffRuns', () => {
  const passed = run('a', [tokenExchange()]);
  const failedExchange = tokenExchange({
    response: {
      status: 401,
      statusText: 'Unauthorized',
      headers: {
        'content-type': 'application/json',
        date: 'Wed, 02 Dec 2026 06:01:00 GMT',
        'www-authenticate': 'Basic',
      },
      body: '{"error":"invalid_client","error_description":"client authentication failed"}',
    },
  });
  const failed = run('b', [failedExchange], {
    ok: false,
    startedAt: '2026-12-02T06:01:00.000Z',
    error: {
      code: 'oauth_error',
      message: 'The IdP refused the client',
      oauthError: 'invalid_client',
      status: 401,
      diagnosis: 'The client secret is wrong',
    },
  });

  it('shows the status change, the error, and the Date header as varying', () => {
    const d = diffRuns(passed, failed);
    expect(item(section(d, 0, 'Response'), 'Status')).toEqual({
      key: 'Status',
      kind: 'changed',
      before: '200 OK',
      after: '401 Unauthorized',
    });
    expect(item(section(d, 0, 'Response headers'), 'date')?.kind).toBe('varies');
    expect(item(section(d, 0, 'Response headers'), 'www-authenticate')).toEqual({
      key: 'www-authenticate',
      kind: 'added',
      after: 'Basic',
    });
    expect(item(section(d, 0, 'Response body'), '$.error')).toEqual({
      key: '$.error',
      kind: 'added',
      after: '"invalid_client"',
    });
    expect(item(section(d, 0, 'Response body'), '$.token_type')?.kind).toBe('removed');
    expect(item(d.outcome, 'Verdict')).toMatchObject({ kind: 'changed', before: 'Passed', after: 'Failed' });
    expect(item(d.outcome, 'OAuth error')).toMatchObject({ kind: 'added', after: 'invalid_client' });
    expect(item(d.outcome, 'Diagnosis')).toMatchObject({ kind: 'added', after: 'The client secret is wrong' });
    expect(item(section(d, 0, 'Request headers'), 'authorization')).toMatchObject({
      kind: 'unchanged',
      before: 'Basic [redacted]',
      after: 'Basic [redacted]',
    });
    expect(section(d, 0, 'Request body')?.items.every((i) => i.kind === 'unchanged')).toBe(true);
    expect(d.steps[0]).toMatchObject({ step: 'token', label: 'Token request', presence: 'both' });
    expect(d.before.id).toBe('a');
    expect(d.after.id).toBe('b');
  });

  it('matches exchanges by step and order, and marks one only in a run', () => {
    const discovery: Exchange = {
      ...tokenExchange(),
      step: 'discovery',
      request: { ...tokenExchange().request, method: 'GET', body: null },
    };
    const d = diffRuns(
      run('a', [discovery, tokenExchange()]),
      run('b', [tokenExchange(), tokenExchange({ durationMs: 900 })]),
    );
    expect(d.steps.map((s) => [s.label, s.presence])).toEqual([
      ['Discovery', 'before'],
      ['Token request', 'both'],
      ['Token request #2', 'after'],
    ]);
    expect(d.steps[0]!.sections.flatMap((s) => s.items).every((i) => i.kind === 'removed')).toBe(true);
    expect(d.steps[2]!.sections.flatMap((s) => s.items).every((i) => i.kind === 'added')).toBe(true);
    expect(item(section(d, 2, 'Duration'), 'Duration')).toEqual({ key: 'Duration', kind: 'added', after: '900 ms' });
  });

  it('compares query parameters by name, volatile ones as varying', () => {
    const authorize = (query: string): Exchange => ({
      step: 'authorize',
      request: { method: 'GET', url: `https://idp.example/authorize?${query}`, headers: {}, body: null },
      response: null,
      durationMs: 0,
    });
    const d = diffRuns(
      run('a', [authorize('response_type=code&state=s1&nonce=n1&code_challenge=c1&scope=openid')]),
      run('b', [authorize('response_type=code&state=s2&nonce=n2&code_challenge=c2&scope=openid%20email&prompt=login')]),
    );
    const query = section(d, 0, 'Query parameters')!;
    expect(query.items.map((i) => [i.key, i.kind])).toEqual([
      ['response_type', 'unchanged'],
      ['state', 'varies'],
      ['nonce', 'varies'],
      ['code_challenge', 'varies'],
      ['scope', 'changed'],
      ['prompt', 'added'],
    ]);
    expect(item(section(d, 0, 'Request'), 'URL')).toMatchObject({
      kind: 'unchanged',
      after: 'https://idp.example/authorize',
    });
    expect(section(d, 0, 'Response')).toBeUndefined();
  });

  it('reports a changed error code of a failed exchange without response', () => {
    const refused = tokenExchange({ response: null, error: { code: 'network', message: 'refused' } });
    const d = diffRuns(run('a', [tokenExchange()]), run('b', [refused]));
    expect(section(d, 0, 'Response')!.items.map((i) => [i.key, i.kind])).toEqual([
      ['Status', 'removed'],
      ['Error', 'added'],
    ]);
  });
});

describe('values', () => {
  it('durations change only when one is twice the other and 250 ms apart', () => {
    expect(durationKind(40, 40)).toBe('unchanged');
    expect(durationKind(40, 70)).toBe('varies');
    expect(durationKind(40, 200)).toBe('varies');
    expect(durationKind(100, 900)).toBe('changed');
    expect(durationKind(900, 100)).toBe('changed');
  });

  it('headers: Date and request ids vary, others change', () => {
    const d = diffHeaders(
      { date: 'x', 'x-request-id': '1', server: 'a' },
      { date: 'y', 'x-request-id': '2', server: 'b' },
    );
    expect(d.map((i) => [i.key, i.kind])).toEqual([
      ['date', 'varies'],
      ['server', 'changed'],
      ['x-request-id', 'varies'],
    ]);
  });

  it('JSON bodies by key path, volatile keys (jti) varying, arrays by index', () => {
    const d = diffBodies('{"a":{"jti":"1","b":[1,2]},"e":{}}', '{"a":{"jti":"2","b":[1,3]},"e":[]}', [
      'application/json',
      'application/json',
    ]);
    expect(d.map((i) => [i.key, i.kind])).toEqual([
      ['$.a.jti', 'varies'],
      ['$.a.b[0]', 'unchanged'],
      ['$.a.b[1]', 'changed'],
      ['$.e', 'changed'],
    ]);
    expect(flattenJson({ x: null, y: [] })).toEqual([
      ['$.x', 'null'],
      ['$.y', '[]'],
    ]);
  });

  it('form bodies by parameter, repeated names by order; a code varies', () => {
    const form = 'application/x-www-form-urlencoded';
    const d = diffBodies('code=a&resource=x&resource=y', 'code=b&resource=x&resource=z', [form, form]);
    expect(d.map((i) => [i.key, i.kind])).toEqual([
      ['code', 'varies'],
      ['resource', 'unchanged'],
      ['resource #2', 'changed'],
    ]);
  });

  it('other bodies line by line, a truncated JSON too', () => {
    const d = diffBodies('<p>\nhello\n</p>', '<p>\nbye\n</p>\n', ['text/html', 'text/html']);
    expect(d.map((i) => [i.key, i.kind, i.before ?? i.after])).toEqual([
      ['line 1', 'unchanged', '<p>'],
      ['line 2', 'added', 'bye'],
      ['line 2', 'removed', 'hello'],
      ['line 3', 'unchanged', '</p>'],
      ['line 4', 'added', ''],
    ]);
    expect(diffBodies('{"a":', '{"a":', ['application/json', 'application/json'])).toEqual([
      { key: 'line 1', kind: 'unchanged', before: '{"a":', after: '{"a":' },
    ]);
    expect(diffBodies(null, 'x')).toEqual([{ key: 'body', kind: 'added', after: 'x' }]);
    expect(diffBodies(null, null)).toEqual([]);
  });

  it('long texts line by line at the same index', () => {
    const a = Array.from({ length: 500 }, (_, i) => `l${i}`);
    const b = [...a.slice(0, 499), 'changed', 'extra'];
    const d = diffLines(a.join('\n'), b.join('\n'));
    expect(d.filter((i) => i.kind !== 'unchanged').map((i) => [i.key, i.kind])).toEqual([
      ['line 500', 'changed'],
      ['line 501', 'added'],
    ]);
  });
});

describe('properties', () => {
  const text = fc.string({ maxLength: 12 });
  const headers = fc.dictionary(fc.constantFrom('date', 'server', 'content-type', 'x-request-id', 'etag'), text);
  const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
  const form = fc
    .array(fc.tuple(fc.constantFrom('state', 'scope', 'code', 'grant_type', 'resource'), text), { maxLength: 6 })
    .map((pairs) => new URLSearchParams(pairs).toString());
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 8 }).map((l) => l.join('\n'));
  const exchange: fc.Arbitrary<Exchange> = fc.record({
    step: fc.constantFrom('token', 'refresh', 'discovery'),
    request: fc.record({
      method: fc.constantFrom('GET', 'POST'),
      url: fc.constantFrom(TOKEN_URL, `${TOKEN_URL}?state=1&a=b`, `${TOKEN_URL}?a=c`),
      headers,
      body: fc.option(form, { nil: null }),
    }),
    response: fc.option(
      fc.record({
        status: fc.constantFrom(200, 400, 401),
        statusText: fc.constant(''),
        headers: headers.map((h) => ({ ...h, 'content-type': 'application/json' })),
        body: fc.option(fc.oneof(json, lines), { nil: null }),
      }),
      { nil: null },
    ),
    durationMs: fc.nat(2000),
  });
  const runs = fc
    .tuple(fc.array(exchange, { maxLength: 4 }), fc.boolean(), fc.nat(3000))
    .map(([exchanges, ok, durationMs]) =>
      run('r', exchanges, {
        ok,
        durationMs,
        ...(ok
          ? {}
          : { error: { code: 'oauth_error', message: 'refused', oauthError: 'invalid_client', status: 401 } }),
      }),
    );

  it('a run compared with itself has no change', () => {
    fc.assert(
      fc.property(runs, (r) => {
        const { counts } = diffRuns(r, structuredClone(r));
        expect(counts.added + counts.removed + counts.changed + counts.varies).toBe(0);
        expect(counts.unchanged).toBeGreaterThan(0);
      }),
    );
  });

  it('swapping the runs swaps added and removed, and keeps the other counts', () => {
    fc.assert(
      fc.property(runs, runs, (a, b) => {
        const ab = diffRuns(a, b).counts;
        const ba = diffRuns(b, a).counts;
        expect(ba).toEqual({ ...ab, added: ab.removed, removed: ab.added });
      }),
    );
  });
});
