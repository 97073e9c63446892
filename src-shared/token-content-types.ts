/**
 * The ten content types Kore offers for a token request ("Token URL Content Type": JSON, RSS, XML, URL Encoded
 * JSON, CSV, Text, Twitter Encoded JSON, Multipart/Form-data, Multipart/Related, Oracle ADF), each stored as a
 * short stable code, with the media type Authbench sends, the help sentence the editor shows and, for a type no
 * token endpoint standard uses, the warning a Test adds (docs/architecture.md, "Data model"). Kore's labels and
 * the media types are accepted as aliases of the codes on input. Pure TS: shared by main, the CLI and the UI.
 */
import { z } from 'zod';

/** The stored codes, in the order of Kore's dropdown; the first five are the codes of earlier versions. */
export const TOKEN_CONTENT_TYPES = [
  'json',
  'rss',
  'xml',
  'form',
  'csv',
  'text',
  'twitter-json',
  'multipart',
  'multipart-related',
  'oracle-adf',
] as const;
export type TokenContentType = (typeof TOKEN_CONTENT_TYPES)[number];

/** What one code means: Kore's label, the media type sent (RFC 9110 §8.3), the editor's help and a Test warning. */
export interface TokenContentTypeInfo {
  /** Kore's label in its dropdown, e.g. "URL Encoded JSON". */
  kore: string;
  /** The media type of the Content-Type header sent (a multipart boundary is added at send time). */
  mediaType: string;
  /** One sentence: how the parameters are encoded, with an example body. */
  help: string;
  /** Set for a type no token endpoint standard uses: the run's warning. */
  warning?: string;
}

const nonStandard = (label: string, sent: string) =>
  `The token call is sent as ${label} (${sent}), a type no token endpoint standard uses; ` +
  'RFC 6749 §4 specifies application/x-www-form-urlencoded (URL Encoded JSON)';

/** Each code's label, media type, help sentence and warning. */
export const TOKEN_CONTENT_TYPE_INFO: Readonly<Record<TokenContentType, TokenContentTypeInfo>> = {
  json: {
    kore: 'JSON',
    mediaType: 'application/json',
    help: 'Sent as application/json: {"grant_type":"client_credentials","scope":"read"}; a repeated key becomes an array.',
  },
  rss: {
    kore: 'RSS',
    mediaType: 'application/rss+xml',
    help: 'Sent as application/rss+xml with the XML body of the XML type: <request><grant_type>client_credentials</grant_type>…</request>. RSS is a feed format, so a Test warns.',
    warning: nonStandard('RSS', 'application/rss+xml with an XML <request> body'),
  },
  xml: {
    kore: 'XML',
    mediaType: 'application/xml',
    help: 'Sent as application/xml: <?xml version="1.0" encoding="UTF-8"?><request><grant_type>client_credentials</grant_type><scope>read</scope></request>.',
  },
  form: {
    kore: 'URL Encoded JSON',
    mediaType: 'application/x-www-form-urlencoded',
    help: 'Sent as application/x-www-form-urlencoded: grant_type=client_credentials&scope=read, the encoding RFC 6749 specifies (Appendix B).',
  },
  csv: {
    kore: 'CSV',
    mediaType: 'text/csv',
    help: 'Sent as text/csv (RFC 4180): a header row of parameter names and one row of values, grant_type,scope then client_credentials,read. A Test warns.',
    warning: nonStandard('CSV', 'text/csv, a header row and a row of values'),
  },
  text: {
    kore: 'Text',
    mediaType: 'text/plain; charset=utf-8',
    help: 'Sent as text/plain; charset=utf-8 with a form-encoded body: grant_type=client_credentials&scope=read.',
  },
  'twitter-json': {
    kore: 'Twitter Encoded JSON',
    mediaType: 'application/json',
    help: 'Sent as application/json with "/" written \\/ and <, >, &, \' and every character beyond ASCII as \\uXXXX, the same values to any JSON parser: {"redirect_uri":"https:\\/\\/app\\/cb"}.',
  },
  multipart: {
    kore: 'Multipart/Form-data',
    mediaType: 'multipart/form-data',
    help: 'Sent as multipart/form-data (RFC 7578): one part per parameter, each headed Content-Disposition: form-data; name="grant_type".',
  },
  'multipart-related': {
    kore: 'Multipart/Related',
    mediaType: 'multipart/related',
    help: 'Sent as multipart/related (RFC 2387) with one root part holding the form-encoded parameters, grant_type=client_credentials&scope=read. A Test warns.',
    warning: nonStandard('Multipart/Related', 'multipart/related, the form-encoded parameters as its root part'),
  },
  'oracle-adf': {
    kore: 'Oracle ADF',
    mediaType: 'application/vnd.oracle.adf.resourceitem+json',
    help: 'Sent as application/vnd.oracle.adf.resourceitem+json (Oracle ADF REST) with the JSON body {"grant_type":"client_credentials","scope":"read"}. A Test warns.',
    warning: nonStandard('Oracle ADF', 'application/vnd.oracle.adf.resourceitem+json with a JSON body'),
  },
};

/** Lower case, trimmed, inner spaces collapsed, parameters of a media type dropped (`; charset=utf-8`). */
function normalize(name: string): string {
  return name.split(';')[0]!.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Every name a code is known by; the first code to claim a name keeps it (`application/json` is `json`). */
const ALIASES: ReadonlyMap<string, TokenContentType> = (() => {
  const map = new Map<string, TokenContentType>();
  const names = TOKEN_CONTENT_TYPES.flatMap((code) => {
    const info = TOKEN_CONTENT_TYPE_INFO[code];
    return [code, info.kore, info.mediaType].map((name) => [name, code] as const);
  });
  const extra = [
    ['text/xml', 'xml'],
    ['url encoded', 'form'],
    ['urlencoded', 'form'],
  ] as const;
  for (const [name, code] of [...names, ...extra]) if (!map.has(normalize(name))) map.set(normalize(name), code);
  return map;
})();

/**
 * The code for `name`: a code, Kore's label or a media type, in any case and with any parameters
 * (`Multipart/Form-data`, `application/json; charset=utf-8`); undefined for anything else.
 */
export function tokenContentTypeCode(name: string): TokenContentType | undefined {
  return ALIASES.get(normalize(name));
}

const ACCEPTED = TOKEN_CONTENT_TYPES.map((c) => TOKEN_CONTENT_TYPE_INFO[c].kore).join(', ');

/**
 * The profile field: a code, or Kore's label or media type turned into its code; anything else is refused.
 * Typed as taking a code, so the editor's draft holds one; at run time any value reaches the check.
 */
export const tokenContentType = z.preprocess(
  (value: TokenContentType): unknown => (typeof value === 'string' ? (tokenContentTypeCode(value) ?? value) : value),
  z.enum(TOKEN_CONTENT_TYPES, { error: () => `Unknown content type; use one of ${ACCEPTED}, or its media type` }),
);
