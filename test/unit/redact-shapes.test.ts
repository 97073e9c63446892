/** The redactor by name on parsed structure, and by value in every wire form (docs/security.md, "The redactor"). */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import { forTerminal, sanitizeForLog } from '../../src-main/http/log-text';
import { createRedactor, isSensitiveHeader, REDACTED } from '../../src-main/http/redact';
import { basicAuthorization } from '../../src-main/oauth/token-request';

const V = 'Zq9-opaque-value-77';
const r = createRedactor();

describe('Redactor by name: shapes the snake_case matcher missed', () => {
  it.each([
    ['camelCase accessToken', { accessToken: V }],
    ['camelCase refreshToken', { refreshToken: V }],
    ['camelCase clientSecret', { clientSecret: V }],
    ['an object under token', { token: { value: V } }],
    ['an array under password', { password: [V, 'x'] }],
    ['a kebab-case key', { 'Access-Token': V }],
    ['a nested camelCase key', { data: [{ idToken: V }] }],
  ])('masks the whole value of %s', (_shape, value) => {
    const out = r.body(JSON.stringify(value))!;
    expect(out).not.toContain(V);
    expect(out).toContain(REDACTED);
  });

  it('keeps the exact bytes of the JSON text outside the masked values', () => {
    expect(r.body('{\n  "accessToken" : { "v": [1, 2] },\n  "expires_in": 12345678901234567890\n}')).toBe(
      `{\n  "accessToken" : "${REDACTED}",\n  "expires_in": 12345678901234567890\n}`,
    );
  });

  it.each([
    ['a namespaced element', `<r xmlns:ns="urn:x"><ns:password>${V}</ns:password></r>`],
    ['an element with attributes', `<r><access_token type="x">${V}</access_token></r>`],
    ['CDATA', `<r><refresh_token><![CDATA[${V}]]></refresh_token></r>`],
    ['a sensitive attribute', `<cred user="u" password="${V}"/>`],
    ['an HTML form input', `<html><form><input type="hidden" name="code" value="${V}"></form></html>`],
    ['an HTML input, value first', `<input value='${V}' name="access_token">`],
  ])('masks %s in markup', (_shape, body) => {
    const out = r.body(body)!;
    expect(out).not.toContain(V);
    expect(out).toContain(REDACTED);
  });

  it('masks a sensitive multipart part and keeps the others', () => {
    const body = [
      '--XyZ',
      'Content-Disposition: form-data; name="grant_type"',
      '',
      'client_credentials',
      '--XyZ',
      'Content-Disposition: form-data; name="client_secret"',
      '',
      V,
      '--XyZ--',
      '',
    ].join('\r\n');
    const out = r.body(body, 'multipart/form-data; boundary=XyZ')!;
    expect(out).not.toContain(V);
    expect(out).toContain('client_credentials');
    expect(r.body(body)).not.toContain(V);
  });

  it('masks tokens in a Location fragment and a URL inside text or JSON', () => {
    const location = `https://app.example/cb#access_token=${V}&token_type=bearer&state=s`;
    expect(r.headers({ location }).location).toBe(
      `https://app.example/cb#access_token=${REDACTED}&token_type=bearer&state=s`,
    );
    expect(r.text(`redirected to ${location}`)).not.toContain(V);
    expect(r.body(JSON.stringify({ next: location }))).not.toContain(V);
    expect(r.body(JSON.stringify({ echoed: `grant_type=x&client_secret=${V}` }))).not.toContain(V);
  });

  it.each(['x-auth-token', 'api-key', 'ocp-apim-subscription-key', 'X-Amz-Security-Token', 'private-token'])(
    'masks the header %s',
    (name) => {
      expect(isSensitiveHeader(name)).toBe(true);
      expect(r.headers({ [name]: V })).toEqual({ [name]: REDACTED });
    },
  );

  it('keeps ordinary names', () => {
    const body = JSON.stringify({ token_type: 'Bearer', expires_in: 10, tokenEndpoint: 'https://i/t', keyId: 'k1' });
    expect(r.body(body)).toBe(body);
    expect(isSensitiveHeader('keep-alive')).toBe(false);
  });
});

describe('Redactor by value: every encoding', () => {
  const secret = 'p@ss/wörd <&> "q" \'s\' + x';
  const red = createRedactor([secret], { pairs: [['my client', secret]] });
  const json = JSON.stringify(secret).slice(1, -1);
  const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  it.each([
    ['plain', secret],
    ['JSON-escaped', json],
    ['JSON with \\/', json.replace(/\//g, '\\/')],
    ['JSON with \\uXXXX', json.replace(/[^\x20-\x7e]/g, hex4)],
    ['JSON with \\uXXXX upper-case', json.replace(/[^\x20-\x7e]/g, (c) => hex4(c).toUpperCase().replace('\\U', '\\u'))],
    [
      'HTML entities',
      secret
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;'),
    ],
    [
      'XML entities',
      secret
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;'),
    ],
    ['lower-case percent-encoding', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['Basic of the form-encoded pair', basicAuthorization('my client', secret).slice(6)],
    ['base64 of the raw pair', Buffer.from(`my client:${secret}`).toString('base64')],
    ['base64url of the raw pair', Buffer.from(`my client:${secret}`).toString('base64url')],
  ])('masks the %s form in free text', (_form, encoded) => {
    expect(red.text(`seen: ${encoded} !`)).toBe(`seen: ${REDACTED} !`);
  });
});

describe('an uninterpretable 2xx token response', () => {
  const exchange = (body: string, step: Exchange['step'] = 'token'): Exchange => ({
    step,
    request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: null },
    response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body },
    durationMs: 1,
  });

  it('masks every long opaque string value', () => {
    const out = r.exchange(exchange(JSON.stringify({ tok: 'abcdefghijklmnop1234', kind: 'Bearer', n: 1 })));
    expect(JSON.parse(out.response!.body!)).toEqual({ tok: REDACTED, kind: 'Bearer', n: 1 });
    const text = r.exchange(exchange('result ok abcdefghijklmnop1234 done'));
    expect(text.response!.body).toBe(`result ok ${REDACTED} done`);
  });

  it('leaves an interpretable token response and other steps to the name rules', () => {
    const body = JSON.stringify({ access_token: 'a', token_type: 'Bearer', other: 'abcdefghijklmnop1234' });
    expect(JSON.parse(r.exchange(exchange(body)).response!.body!).other).toBe('abcdefghijklmnop1234');
    const check = JSON.stringify({ id: 'abcdefghijklmnop1234' });
    expect(r.exchange(exchange(check, 'check')).response!.body).toBe(check);
  });
});

describe('terminal output', () => {
  it('strips C0, C1 and bidi controls and clips the length', () => {
    expect(sanitizeForLog('a\u001b[31mb\u009b2Jc\u202ed')).toBe('a [31mb 2Jc d');
    expect(forTerminal('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('Redactor by name in text that does not parse', () => {
  it('masks members of truncated JSON and pairs in free text', () => {
    expect(r.body(`{"accessToken":"${V}","token_type":"Bea`)).toBe(`{"accessToken":"${REDACTED}","token_type":"Bea`);
    expect(r.body(`{"token_type":"Bearer","access_token":"${V}`)).not.toContain(V);
    expect(r.text(`see https://i.example/e?x=a b#access_token=${V}&state=1`)).not.toContain(V);
    expect(r.text(`failed: client_secret=${V}, retry`)).toBe(`failed: client_secret=${REDACTED}, retry`);
  });
});

describe('an IdP answering {"accessToken": …}', () => {
  it('is not a token response (RFC 6749 §5.1), and its token is masked in the run', async () => {
    const { interpretTokenExchange } = await import('../../src-main/oauth/token-response');
    const e: Exchange = {
      step: 'token',
      request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: null },
      response: {
        status: 200,
        statusText: 'OK',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessToken: V, tokenType: 'Bearer', expiresIn: 3600 }),
      },
      durationMs: 1,
    };
    const result = interpretTokenExchange(e);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/without an access_token .*"accessToken"/);
    expect(JSON.stringify(r.exchange(e))).not.toContain(V);
  });
});

describe('hostile bodies', () => {
  it('redacts JSON nested deeper than the stack without throwing', () => {
    const deep = `${'['.repeat(100_000)}{"access_token":"${V}"}${']'.repeat(100_000)}`;
    expect(r.body(deep)).not.toContain(V);
  });
});
