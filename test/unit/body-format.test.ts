/** Bodies and URLs as the exchange views show them: pretty by content type, raw when they do not parse, never expanded. */
import { describe, expect, it } from 'vitest';
import {
  bodyKind,
  bodyKindLabel,
  formatBody,
  formParameters,
  mediaType,
  queryParameters,
} from '../../src-shared/body-format';
import { formatXml } from '../../src-shared/xml-format';

describe('mediaType and bodyKind', () => {
  it('drops charset and other parameters and lower-cases the type', () => {
    expect(mediaType('Application/JSON; charset=UTF-8')).toBe('application/json');
    expect(mediaType(undefined)).toBe('');
    expect(bodyKind('x', 'application/x-www-form-urlencoded;charset=utf-8')).toBe('form');
    expect(bodyKind('x', 'text/html; charset=utf-8')).toBe('html');
    expect(bodyKind('x', 'application/problem+json')).toBe('json');
    expect(bodyKind('x', 'application/soap+xml; charset=utf-8')).toBe('xml');
    expect(bodyKind('x', 'text/xml')).toBe('xml');
  });

  it('sniffs the kind when the content type says nothing useful', () => {
    expect(bodyKind(' {"a":1}', 'text/plain')).toBe('json');
    expect(bodyKind('<?xml version="1.0"?><a/>', undefined)).toBe('xml');
    expect(bodyKind('<!DOCTYPE html><html></html>', '')).toBe('html');
    expect(bodyKind('hello', undefined)).toBe('text');
    expect(bodyKindLabel('text', 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(bodyKindLabel('text', undefined)).toBe('Text');
    expect(bodyKindLabel('html', 'text/html')).toBe('HTML (shown as text)');
  });
});

describe('formatBody', () => {
  it('indents JSON by two spaces, with a charset parameter in the type', () => {
    const out = formatBody('{"access_token":"[redacted]","expires_in":3600}', 'application/json; charset=utf-8');
    expect(out).toEqual({
      kind: 'json',
      text: '{\n  "access_token": "[redacted]",\n  "expires_in": 3600\n}',
      pretty: true,
    });
  });

  it('leaves invalid or truncated JSON exactly as received', () => {
    const body = '{"access_token":"abc","token_type":"Bea';
    expect(formatBody(body, 'application/json')).toEqual({ kind: 'json', text: body, pretty: false });
  });

  it('writes a form body one decoded key = value per line, repeated keys kept', () => {
    const body =
      'grant_type=client_credentials&scope=read+write%20admin&resource=a&resource=b&client_secret=[redacted]';
    expect(formatBody(body, 'application/x-www-form-urlencoded').text).toBe(
      [
        'grant_type = client_credentials',
        'scope = read write admin',
        'resource = a',
        'resource = b',
        'client_secret = [redacted]',
      ].join('\n'),
    );
  });

  it('shows HTML as the text it is: no change, no parsing', () => {
    const body = '<!DOCTYPE html><html><body><script>alert(1)</script><h1>Sign in</h1></body></html>';
    expect(formatBody(body, 'text/html; charset=utf-8')).toEqual({ kind: 'html', text: body, pretty: false });
  });

  it('returns XML raw (the XML formatter is loaded apart) and plain text unchanged', () => {
    expect(formatBody('<a><b>1</b></a>', 'application/xml')).toEqual({
      kind: 'xml',
      text: '<a><b>1</b></a>',
      pretty: false,
    });
    expect(formatBody('ok', 'text/plain')).toEqual({ kind: 'text', text: 'ok', pretty: false });
  });
});

describe('formatXml', () => {
  it('indents elements by two spaces and keeps the declaration on its own line', () => {
    expect(
      formatXml(
        '<?xml version="1.0"?><OAuth><access_token>[redacted]</access_token><expires_in>600</expires_in></OAuth>',
      ),
    ).toBe(
      '<?xml version="1.0"?>\n<OAuth>\n  <access_token>[redacted]</access_token>\n  <expires_in>600</expires_in>\n</OAuth>',
    );
  });

  it('keeps attributes, comments and CDATA', () => {
    const out = formatXml('<a id="1" note=\'x &amp; y\'><!-- why --><b><![CDATA[<raw> & text]]></b><c/></a>');
    expect(out).toBe(
      '<a id="1" note="x &amp; y">\n  <!-- why -->\n  <b><![CDATA[<raw> & text]]>\n  </b>\n  <c/>\n</a>',
    );
  });

  it('never expands entities of an XXE-ish DOCTYPE: the DOCTYPE stays verbatim, &xxe; stays as written', () => {
    const doctype = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">]>';
    const out = formatXml(`<?xml version="1.0"?>${doctype}<foo><bar>&xxe;&lol;</bar></foo>`);
    expect(out).toBe(`<?xml version="1.0"?>\n${doctype}\n<foo>\n  <bar>&xxe;&lol;</bar>\n</foo>`);
    expect(out).not.toContain('root:');
  });

  it('returns null for XML that is not well-formed or empty, so the view shows it raw', () => {
    expect(formatXml('<a><b></a>')).toBeNull();
    expect(formatXml('<a><b>')).toBeNull();
    expect(formatXml('<?xml version="1.0"?>')).toBeNull();
    expect(formatXml('not xml')).toBeNull();
  });
});

describe('queryParameters and formParameters', () => {
  it('lists query parameters decoded, in order, repeated keys kept', () => {
    expect(
      queryParameters(
        'https://idp.example/authorize?scope=openid+profile%20email&state=a%26b&x=1&x=2&code=[redacted]#frag',
      ),
    ).toEqual([
      ['scope', 'openid profile email'],
      ['state', 'a&b'],
      ['x', '1'],
      ['x', '2'],
      ['code', '[redacted]'],
    ]);
  });

  it('is empty without a query, and copes with a URL that does not parse', () => {
    expect(queryParameters('https://idp.example/token')).toEqual([]);
    expect(queryParameters('/relative?a=%20b&flag')).toEqual([
      ['a', ' b'],
      ['flag', ''],
    ]);
    expect(queryParameters('not a url')).toEqual([]);
  });

  it('decodes a form body, tolerating a leading ? and a malformed escape', () => {
    expect(formParameters('?a=1&b=%ZZ')).toEqual([
      ['a', '1'],
      ['b', '%ZZ'],
    ]);
  });
});
