/**
 * HAR 1.2 export of a redacted TestRun (http://www.softwareishard.com/blog/har-12-spec/), for sharing a
 * reproduction with an IdP vendor. Only redacted runs are passed in: HAR files never carry secrets.
 */
import type { Exchange, HeaderMap, TestRun } from '../../src-shared/test-run';

const toPairs = (h: HeaderMap) => Object.entries(h).map(([name, value]) => ({ name, value }));

/** The HAR document (`{ log: { version: '1.2', creator, entries } }`) of a run. */
export function toHar(run: TestRun, creatorVersion: string): object {
  let clock = Date.parse(run.startedAt);
  const entries = run.exchanges.map((e: Exchange) => {
    const startedDateTime = new Date(clock).toISOString();
    clock += e.durationMs;
    const url = safeUrl(e.request.url);
    return {
      startedDateTime,
      time: e.durationMs,
      _step: e.step,
      ...(e.error ? { _error: e.error } : {}),
      request: {
        method: e.request.method,
        url: e.request.url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: toPairs(e.request.headers),
        queryString: url ? [...url.searchParams].map(([name, value]) => ({ name, value })) : [],
        ...(e.request.body !== null
          ? { postData: { mimeType: e.request.headers['content-type'] ?? '', text: e.request.body } }
          : {}),
        headersSize: -1,
        bodySize: e.request.body === null ? 0 : Buffer.byteLength(e.request.body),
      },
      response: {
        status: e.response?.status ?? 0,
        statusText: e.response?.statusText ?? '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: toPairs(e.response?.headers ?? {}),
        content: {
          size: e.response?.body ? Buffer.byteLength(e.response.body) : 0,
          mimeType: e.response?.headers['content-type'] ?? '',
          ...(e.response?.body ? { text: e.response.body } : {}),
        },
        redirectURL: e.response?.headers.location ?? '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: e.durationMs, receive: 0 },
    };
  });
  return { log: { version: '1.2', creator: { name: 'Authbench', version: creatorVersion }, entries } };
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
