/**
 * The ten token-request content types (src-main/oauth/token-body.ts, src-shared/token-content-types.ts): the
 * exact bytes and Content-Type of each, and the editor's help sentence quoting what the code sends.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { encodeBody } from '../../src-main/oauth/token-body';
import {
  TOKEN_CONTENT_TYPE_INFO,
  TOKEN_CONTENT_TYPES,
  type TokenContentType,
} from '../../src-shared/token-content-types';

const CC: [string, string][] = [
  ['grant_type', 'client_credentials'],
  ['scope', 'read'],
];
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const FORM = 'grant_type=client_credentials&scope=read';

/** The exact body of CC in each type (multipart boundaries as B), and the Content-Type (boundary as B). */
const EXPECTED: Record<TokenContentType, { type: string; body: string }> = {
  json: { type: 'application/json', body: '{"grant_type":"client_credentials","scope":"read"}' },
  rss: {
    type: 'application/rss+xml',
    body: `${XML_DECL}<request><grant_type>client_credentials</grant_type><scope>read</scope></request>`,
  },
  xml: {
    type: 'application/xml',
    body: `${XML_DECL}<request><grant_type>client_credentials</grant_type><scope>read</scope></request>`,
  },
  form: { type: 'application/x-www-form-urlencoded', body: FORM },
  csv: { type: 'text/csv', body: 'grant_type,scope\r\nclient_credentials,read\r\n' },
  text: { type: 'text/plain; charset=utf-8', body: FORM },
  'twitter-json': { type: 'application/json', body: '{"grant_type":"client_credentials","scope":"read"}' },
  multipart: {
    type: 'multipart/form-data; boundary=B',
    body:
      '--B\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nclient_credentials\r\n' +
      '--B\r\nContent-Disposition: form-data; name="scope"\r\n\r\nread\r\n--B--\r\n',
  },
  'multipart-related': {
    type: 'multipart/related; type="application/x-www-form-urlencoded"; boundary=B',
    body: `--B\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n${FORM}\r\n--B--\r\n`,
  },
  'oracle-adf': {
    type: 'application/vnd.oracle.adf.resourceitem+json',
    body: '{"grant_type":"client_credentials","scope":"read"}',
  },
};

/** The part of each help sentence's example that the encoded CC body (or, for Twitter, the redirect) holds. */
const QUOTED: Record<TokenContentType, string[]> = {
  json: ['{"grant_type":"client_credentials","scope":"read"}'],
  rss: ['<request><grant_type>client_credentials</grant_type>'],
  xml: ['<request><grant_type>client_credentials</grant_type><scope>read</scope></request>'],
  form: [FORM],
  csv: ['grant_type,scope', 'client_credentials,read'],
  text: [FORM],
  'twitter-json': ['{"redirect_uri":"https:\\/\\/app\\/cb"}'],
  multipart: ['Content-Disposition: form-data; name="grant_type"'],
  'multipart-related': [FORM],
  'oracle-adf': ['{"grant_type":"client_credentials","scope":"read"}'],
};

const withBoundary = (s: string, boundary: string | undefined) => (boundary ? s.split(boundary).join('B') : s);

describe('encodeBody: each of Kore’s ten content types', () => {
  it('has ten codes, Kore’s labels in Kore’s order', () => {
    expect(TOKEN_CONTENT_TYPES.map((t) => TOKEN_CONTENT_TYPE_INFO[t].kore)).toEqual([
      'JSON',
      'RSS',
      'XML',
      'URL Encoded JSON',
      'CSV',
      'Text',
      'Twitter Encoded JSON',
      'Multipart/Form-data',
      'Multipart/Related',
      'Oracle ADF',
    ]);
  });

  it.each(TOKEN_CONTENT_TYPES)('%s: exact Content-Type and bytes', (type) => {
    const encoded = encodeBody(type, CC);
    const boundary = /boundary=(authbench-[0-9a-f]{24})$/.exec(encoded.contentType)?.[1];
    expect(Boolean(boundary)).toBe(type.startsWith('multipart'));
    expect(withBoundary(encoded.contentType, boundary)).toBe(EXPECTED[type].type);
    expect(withBoundary(encoded.body, boundary)).toBe(EXPECTED[type].body);
    expect(encoded.contentType.startsWith(TOKEN_CONTENT_TYPE_INFO[type].mediaType)).toBe(true);
  });

  it.each(TOKEN_CONTENT_TYPES)('%s: the help sentence names the media type and quotes the body sent', (type) => {
    const { help, mediaType } = TOKEN_CONTENT_TYPE_INFO[type];
    expect(help.startsWith(`Sent as ${mediaType}`)).toBe(true);
    const body = encodeBody(type, type === 'twitter-json' ? [['redirect_uri', 'https://app/cb']] : CC).body;
    for (const fragment of QUOTED[type]) {
      expect(help).toContain(fragment);
      expect(body).toContain(fragment);
    }
    expect(help.includes('A Test warns') || help.includes('a Test warns')).toBe(
      TOKEN_CONTENT_TYPE_INFO[type].warning !== undefined,
    );
  });

  it("Twitter Encoded JSON escapes /, non-ASCII and <>&' as \\uXXXX and still parses to the same values", () => {
    const params: [string, string][] = [
      ['redirect_uri', 'https://app.example/cb?a=1&b=<2>'],
      ['password', "pä\u00df'😀\\/\n"],
    ];
    const { body } = encodeBody('twitter-json', params);
    expect(body).toMatch(/^[\x20-\x7e]+$/);
    expect(body.replace(/\\\//g, '')).not.toMatch(/[<>&'/]/);
    expect(body).toContain('https:\\/\\/app.example\\/cb?a=1\\u0026b=\\u003c2\\u003e');
    expect(body).toContain('\\u00e4\\u00df\\u0027\\ud83d\\ude00');
    expect(JSON.parse(body)).toEqual(Object.fromEntries(params));
  });

  it('CSV quotes a value holding a comma, a quote or a line break (RFC 4180 §2)', () => {
    const { body } = encodeBody('csv', [
      ['grant_type', 'password'],
      ['password', 'a,b"c\r\nd'],
    ]);
    expect(body).toBe('grant_type,password\r\npassword,"a,b""c\r\nd"\r\n');
  });

  it('RSS and XML refuse a key that is not an XML element name; repeated keys become arrays', () => {
    for (const type of ['rss', 'xml'] as const) {
      expect(() => encodeBody(type, [['a b', 'x']])).toThrowError(/not a valid XML element name/);
      const twice = encodeBody(type, [
        ['resource', 'https://a/'],
        ['resource', 'https://b/'],
      ]).body;
      expect(new XMLParser().parse(twice).request.resource).toEqual(['https://a/', 'https://b/']);
    }
    for (const type of ['json', 'twitter-json', 'oracle-adf'] as const) {
      const twice = encodeBody(type, [
        ['resource', 'a'],
        ['resource', 'b'],
      ]).body;
      expect(JSON.parse(twice).resource).toEqual(['a', 'b']);
    }
  });
});
