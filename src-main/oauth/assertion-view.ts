/**
 * The assertions a recorded request carried (RFC 7523 §2.1 `assertion`, §2.2 `client_assertion`), found by their
 * parameter name in any of the token request's encodings (form, query, JSON, XML, multipart), for two uses: the
 * run shows each decoded (header and claims, never the signature), and the runner masks each by value.
 */
import type { DecodedAssertion, RecordedRequest } from '../../src-shared/test-run';
import { decodeForDisplay } from './jwt';

/** A compact JWS (RFC 7515 §7.1) right after an `assertion` / `client_assertion` name and its delimiters. */
const ASSERTION =
  /\b(client_assertion|assertion)\b[^A-Za-z0-9_-]{1,40}([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g;

/** The assertions (parameter and compact JWT) in `request`'s URL and body, in order, each once. */
export function findAssertions(request: Pick<RecordedRequest, 'url' | 'body'>): { parameter: string; jwt: string }[] {
  const found = new Map<string, string>();
  for (const text of [request.url, request.body ?? ''])
    for (const m of text.matchAll(ASSERTION)) if (!found.has(m[2]!)) found.set(m[2]!, m[1]!);
  return [...found].map(([jwt, parameter]) => ({ parameter, jwt }));
}

/** The decoded header and claims of each assertion of `request` that decodes; empty when none. */
export function decodeAssertions(request: Pick<RecordedRequest, 'url' | 'body'>): DecodedAssertion[] {
  return findAssertions(request).flatMap(({ parameter, jwt }) => {
    const { header, claims } = decodeForDisplay(jwt);
    return header && claims ? [{ parameter, header, claims }] : [];
  });
}
