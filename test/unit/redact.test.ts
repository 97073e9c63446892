import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import { sanitizeForLog } from '../../src-main/http/log-text';
import { createRedactor, isSensitiveKey, REDACTED } from '../../src-main/http/redact';
import { basicAuthorization } from '../../src-main/oauth/token-request';

const SECRET = 'S3cr3t value+/é';

describe('Redactor.headers', () => {
  const r = createRedactor();

  it('keeps the scheme of Authorization and hides the credentials', () => {
    expect(r.headers({ authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' })).toEqual({
      authorization: `Basic ${REDACTED}`,
    });
    expect(r.headers({ Authorization: 'bearer eyJhbGciOi.x.y' })).toEqual({ Authorization: `bearer ${REDACTED}` });
    expect(r.headers({ 'proxy-authorization': 'Digest username="u", response="abc"' })).toEqual({
      'proxy-authorization': `Digest ${REDACTED}`,
    });
  });

  it('hides the whole value of an Authorization header with an unknown scheme', () => {
    expect(r.headers({ authorization: 'SSWS 00abcdef' })).toEqual({ authorization: REDACTED });
  });

  it('hides cookies and API keys, whatever the case of the name', () => {
    expect(r.headers({ Cookie: 'sid=abc; csrf=def', 'set-cookie': 'sid=abc; HttpOnly', 'X-API-Key': 'k-123' })).toEqual(
      {
        Cookie: REDACTED,
        'set-cookie': REDACTED,
        'X-API-Key': REDACTED,
      },
    );
  });

  it('leaves ordinary headers as they are', () => {
    const headers = {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer realm="x", error="invalid_token"',
      'retry-after': '30',
    };
    expect(r.headers(headers)).toEqual(headers);
  });

  it('redacts sensitive query parameters of a Location header', () => {
    const out = r.headers({ location: 'http://127.0.0.1:5000/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz' });
    expect(out.location).toBe(`http://127.0.0.1:5000/callback?code=${REDACTED}&state=xyz`);
  });
});

describe('Redactor.body', () => {
  const r = createRedactor();

  it('redacts secrets in a form body and keeps the other parameters', () => {
    const body =
      'grant_type=client_credentials&client_id=app&client_secret=abc%20def&code=c0de&code_verifier=v3r&password=pw&refresh_token=rt&scope=a+b';
    const out = new URLSearchParams(r.body(body)!);
    expect(Object.fromEntries(out)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'app',
      client_secret: REDACTED,
      code: REDACTED,
      code_verifier: REDACTED,
      password: REDACTED,
      refresh_token: REDACTED,
      scope: 'a b',
    });
  });

  it('redacts tokens in a JSON body, at any depth, and keeps token_type and expires_in', () => {
    const body = JSON.stringify({
      access_token: 'at-1',
      refresh_token: 'rt-"quoted"-1',
      id_token: 'idt',
      token_type: 'Bearer',
      expires_in: 3600,
      nested: { client_secret: 'cs', password: 'pw', name: 'kept' },
    });
    expect(JSON.parse(r.body(body)!)).toEqual({
      access_token: REDACTED,
      refresh_token: REDACTED,
      id_token: REDACTED,
      token_type: 'Bearer',
      expires_in: 3600,
      nested: { client_secret: REDACTED, password: REDACTED, name: 'kept' },
    });
  });

  it('redacts credentials a server echoes back as JSON headers', () => {
    const echoed = JSON.stringify({
      headers: {
        authorization: basicAuthorization('app', 'pw-123'),
        cookie: 'sid=1',
        'x-api-key': 'k',
        accept: 'application/json',
      },
    });
    expect(JSON.parse(r.body(echoed)!)).toEqual({
      headers: { authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' },
    });
  });

  it('redacts secrets in an XML body', () => {
    expect(r.body('<r><access_token>at</access_token><token_type>Bearer</token_type></r>')).toBe(
      `<r><access_token>${REDACTED}</access_token><token_type>Bearer</token_type></r>`,
    );
  });

  it('keeps null as null', () => {
    expect(r.body(null)).toBeNull();
  });
});

describe('Redactor.url', () => {
  const r = createRedactor();

  it('redacts sensitive query parameters and keeps the rest readable', () => {
    expect(r.url('https://app.example/cb?code=abc&state=s1&access_token=t')).toBe(
      `https://app.example/cb?code=${REDACTED}&state=s1&access_token=${REDACTED}`,
    );
  });

  it('redacts a password embedded in the URL', () => {
    const out = r.url('https://user:hunter22@idp.example/token');
    expect(out).not.toContain('hunter22');
    expect(out).toContain('user:');
  });
});

describe('Redactor: known secret values', () => {
  const r = createRedactor([SECRET]);

  it.each([
    ['plain', SECRET],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2)],
    ['base64', Buffer.from(SECRET).toString('base64')],
  ])('masks the %s form wherever it appears', (_form, encoded) => {
    const out = r.text(`error: the server saw "${encoded}" here`);
    expect(out).toBe(`error: the server saw "${REDACTED}" here`);
  });

  it('masks a secret inside an ordinary header value and a non-sensitive body field', () => {
    expect(r.headers({ 'x-debug': `secret=${SECRET}` })).toEqual({ 'x-debug': `secret=${REDACTED}` });
    expect(r.body(JSON.stringify({ message: `bad ${SECRET}` }))).toBe(JSON.stringify({ message: `bad ${REDACTED}` }));
  });

  it('ignores values too short to mask without destroying the text', () => {
    expect(createRedactor(['ab', '']).text('about a tab')).toBe('about a tab');
  });
});

describe('Redactor.exchange', () => {
  it('redacts the request, the response and the error message', () => {
    const e: Exchange = {
      step: 'token',
      request: {
        method: 'POST',
        url: 'https://idp.example/token?client_secret=q',
        headers: { authorization: 'Basic abc' },
        body: 'client_secret=x&grant_type=client_credentials',
      },
      response: {
        status: 200,
        statusText: 'OK',
        headers: { 'set-cookie': 'a=b' },
        body: '{"access_token":"at","token_type":"Bearer"}',
      },
      durationMs: 1,
      error: { code: 'network', message: `failed near ${SECRET}` },
    };
    const out = createRedactor([SECRET]).exchange(e);
    expect(out.request).toEqual({
      method: 'POST',
      url: `https://idp.example/token?client_secret=${REDACTED}`,
      headers: { authorization: `Basic ${REDACTED}` },
      body: `client_secret=${REDACTED}&grant_type=client_credentials`,
    });
    expect(out.response).toEqual({
      status: 200,
      statusText: 'OK',
      headers: { 'set-cookie': REDACTED },
      body: `{"access_token":"${REDACTED}","token_type":"Bearer"}`,
    });
    expect(out.error).toEqual({ code: 'network', message: `failed near ${REDACTED}` });
  });
});

describe('isSensitiveKey', () => {
  it.each([
    'client_secret',
    'password',
    'code',
    'code_verifier',
    'client_assertion',
    'access_token',
    'refresh_token',
    'id_token',
    'Authorization',
  ])('is true for %s', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
  });

  it.each(['token_type', 'expires_in', 'scope', 'state', 'client_id', 'grant_type', 'error_code'])(
    'is false for %s',
    (key) => {
      expect(isSensitiveKey(key)).toBe(false);
    },
  );
});

describe('sanitizeForLog', () => {
  it('replaces CR, LF and other control characters with spaces', () => {
    expect(sanitizeForLog('a\r\nb\u0000c\u001bd\u007f')).toBe('a  b c d ');
  });
});

describe('redactor on numeric JSON secrets', () => {
  it('masks a numeric password or PIN, keeps other numbers', () => {
    const out = createRedactor().body('{"password": 123456, "expires_in": 3600}');
    expect(out).toBe('{"password": "[redacted]", "expires_in": 3600}');
  });
});
