/**
 * Property: the redactor removes any known secret from any exchange shape, in every wire form
 * (docs/security.md, "The redactor").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src-shared/test-run';
import { createRedactor, REDACTED } from '../../src-main/http/redact';
import { pairVariants, secretVariants } from '../../src-main/http/redact-values';
import { encodeFieldValue } from '../../src-main/oauth/templates';
import { basicAuthorization } from '../../src-main/oauth/token-request';

const CLIENT_ID = 'prop-client';
const printable = fc.string({
  unit: fc.mapToConstant({ num: 95, build: (v) => String.fromCharCode(0x20 + v) }),
  minLength: 4,
  maxLength: 24,
});

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const json = (s: string) => JSON.stringify(s).slice(1, -1);
const entities = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const ENCODINGS: Record<string, (s: string) => string> = {
  plain: (s) => s,
  json,
  jsonSlash: (s) => json(s).replace(/\//g, '\\/'),
  jsonUnicode: (s) => json(s).replace(/[<>&'/]/g, hex4),
  entities,
  xmlEntities: (s) => entities(s).replace(/&#39;/g, '&apos;'),
  percent: encodeURIComponent,
  // A `{{field}}` value in a URL (templates.ts encodeFieldValue): RFC 3986 unreserved only.
  percentStrict: encodeFieldValue,
  percentLower: (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  form: (s) => new URLSearchParams({ s }).toString().slice(2),
  base64: (s) => Buffer.from(s).toString('base64'),
  base64url: (s) => Buffer.from(s).toString('base64url'),
  basicPair: (s) => basicAuthorization(CLIENT_ID, s).slice(6),
  rawPair: (s) => Buffer.from(`${CLIENT_ID}:${s}`).toString('base64'),
};

const nest = (value: string, path: readonly string[]): unknown =>
  path.reduceRight<unknown>((inner, key, i) => (i % 2 ? [inner] : { [key]: inner }), value);

type Shape = (v: string, path: readonly string[]) => Exchange;
const exchange = (
  req: Partial<Exchange['request']>,
  res: Partial<NonNullable<Exchange['response']>> = {},
): Exchange => ({
  step: 'check',
  request: { method: 'POST', url: 'https://api.example/x', headers: {}, body: null, ...req },
  response: { status: 200, statusText: 'OK', headers: {}, body: null, ...res },
  durationMs: 1,
});
const SHAPES: Record<string, Shape> = {
  header: (v) => exchange({ headers: { 'x-debug': `seen ${v};` } }),
  sensitiveHeader: (v) => exchange({ headers: { authorization: `Bearer ${v}` } }),
  json: (v, path) => exchange({}, { body: JSON.stringify({ data: nest(v, path), ok: true }, null, 1) }),
  form: (v) => exchange({ body: `grant_type=x&note=${v}&scope=a` }),
  formEncoded: (v) => exchange({ body: `grant_type=x&note=${encodeURIComponent(v)}` }),
  xml: (v) => exchange({}, { body: `<r><note kind="x">${v}</note><ok/></r>` }),
  xmlAttribute: (v) => exchange({}, { body: `<r><note kind="${v}"/></r>` }),
  query: (v) => exchange({ url: `https://api.example/x?note=${v}&b=1` }),
  fragment: (v) => exchange({}, { headers: { location: `https://app.example/cb#note=${v}&state=1` } }),
  text: (v) => exchange({}, { statusText: `Bad ${v}`, body: `error near ${v} here` }),
};

function strings(e: Exchange): string[] {
  const { request, response } = e;
  return [
    request.url,
    request.body ?? '',
    ...Object.values(request.headers),
    response?.statusText ?? '',
    response?.body ?? '',
    ...Object.values(response?.headers ?? {}),
  ];
}

describe('redactor property', () => {
  it('no wire form of a known secret survives in any exchange shape', () => {
    fc.assert(
      fc.property(
        printable,
        fc.constantFrom(...Object.keys(ENCODINGS)),
        fc.constantFrom(...Object.keys(SHAPES)),
        fc.array(fc.constantFrom('a', 'items', 'meta', 'x'), { maxLength: 5 }),
        (secret, encoding, shape, path) => {
          const forms = [...secretVariants(secret), ...pairVariants(CLIENT_ID, secret)].filter((f) => f.length >= 4);
          const skeleton = strings(SHAPES[shape]!('\u0001', path)).join('\u0002');
          // A secret that is a piece of the fixed text (or of the mask itself) cannot be told apart from it.
          fc.pre(!forms.some((f) => skeleton.includes(f) || REDACTED.includes(f) || f.includes('\u0001')));
          const wire = ENCODINGS[encoding]!(secret);
          const e = SHAPES[shape]!(wire, path);
          const out = strings(createRedactor([secret], { pairs: [[CLIENT_ID, secret]] }).exchange(e)).join('\n');
          for (const form of forms) expect(out).not.toContain(form);
          // The form it was sent in, whether or not secretVariants knows it.
          if (wire.length >= 4 && !skeleton.includes(wire) && !REDACTED.includes(wire)) expect(out).not.toContain(wire);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
