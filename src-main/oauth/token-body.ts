/**
 * The body of a token or refresh request in each of Kore's ten content types (src-shared/token-content-types.ts,
 * whose help sentences say exactly this): the parameters form-encoded (RFC 6749 Appendix B), as JSON or XML
 * (repeated keys become arrays), as multipart (RFC 7578, RFC 2387) or as CSV (RFC 4180).
 */
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import { AppError } from '../../src-shared/errors';
import { TOKEN_CONTENT_TYPE_INFO, type TokenContentType } from '../../src-shared/token-content-types';

/** A request body and the Content-Type header that goes with it. */
export interface EncodedBody {
  contentType: string;
  body: string;
}

/**
 * `params` encoded as `type`, with its Content-Type (a multipart boundary is random). Throws
 * AppError('invalid_request') when a key cannot be an XML element name (XML and RSS).
 */
export function encodeBody(type: TokenContentType, params: [string, string][]): EncodedBody {
  const mediaType = TOKEN_CONTENT_TYPE_INFO[type].mediaType;
  const form = () => new URLSearchParams(params).toString();
  switch (type) {
    case 'form':
    case 'text':
      return { contentType: mediaType, body: form() };
    case 'json':
    case 'oracle-adf':
      return { contentType: mediaType, body: JSON.stringify(grouped(params)) };
    case 'twitter-json':
      return { contentType: mediaType, body: asciiJson(JSON.stringify(grouped(params))) };
    case 'xml':
    case 'rss':
      return { contentType: mediaType, body: xmlDocument(params) };
    case 'csv':
      return { contentType: mediaType, body: csv(params) };
    case 'multipart': {
      const boundary = newBoundary();
      const parts = params.map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${multipartName(k)}"\r\n\r\n${v}\r\n`,
      );
      return { contentType: `${mediaType}; boundary=${boundary}`, body: `${parts.join('')}--${boundary}--\r\n` };
    }
    case 'multipart-related': {
      const boundary = newBoundary();
      const root = 'application/x-www-form-urlencoded';
      return {
        contentType: `${mediaType}; type="${root}"; boundary=${boundary}`,
        body: `--${boundary}\r\nContent-Type: ${root}\r\n\r\n${form()}\r\n--${boundary}--\r\n`,
      };
    }
  }
}

const newBoundary = () => `authbench-${randomBytes(12).toString('hex')}`;

/** An XML 1.0 element name we are willing to emit (ASCII subset; `xml…` names are reserved). */
const XML_NAME = /^(?!xml)[A-Za-z_][A-Za-z0-9._-]*$/i;

function xmlDocument(params: [string, string][]): string {
  for (const [k] of params) {
    if (!XML_NAME.test(k))
      throw new AppError('invalid_request', `"${k}" cannot be sent as XML: it is not a valid XML element name`, {
        issues: [{ path: 'tokenRequest.contentType', message: `Not an XML name: ${k}` }],
      });
  }
  const xml = new XMLBuilder({ processEntities: true }).build({ request: grouped(params) }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Parameters as one object for JSON / XML; a repeated key (e.g. two `resource` values, RFC 8707) becomes an array. */
function grouped(params: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** JSON text with `/` as `\/` and every character outside printable ASCII, and `<`, `>`, `&`, `'`, as `\uXXXX`. */
function asciiJson(json: string): string {
  return json
    .replace(/\//g, '\\/')
    .replace(/[^\x20-\x7e]|[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** RFC 4180: a header row of names, a row of values, CRLF line ends; a field with `,` `"` CR or LF is quoted. */
function csv(params: [string, string][]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const row = (cells: string[]) => cells.map(field).join(',');
  return `${row(params.map(([k]) => k))}\r\n${row(params.map(([, v]) => v))}\r\n`;
}

/** A multipart field name escaped as browsers do (WHATWG HTML form-data encoding): `"` and CR / LF percent-encoded. */
function multipartName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
