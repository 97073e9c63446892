/**
 * The recording HTTP client (DESIGN.md §5.4): every token and check request goes through `send`, which
 * never throws for network trouble; it returns one Exchange with what was sent, what came back (or why
 * nothing did) and the duration. Redirects are never followed (SECURITY.md N9); bodies are capped.
 */
import type { ClientRequest } from 'node:http';
import type { Readable } from 'node:stream';
import type { AxiosError, AxiosStatic } from 'axios';
import type { ErrorCode } from '../../src-shared/errors';
import type { Exchange, ExchangeStep, HeaderMap } from '../../src-shared/test-run';
import { USER_AGENT } from '../version';

/** Default total deadline of one request: connect, headers and body (ms). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default cap on a recorded response body (bytes). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface HttpRequest {
  step: ExchangeStep;
  method: string;
  url: string;
  headers: HeaderMap;
  body?: string | null;
  /** Total deadline in ms (default 30 s). */
  timeoutMs?: number;
  /** Cap on the recorded body in bytes (default 5 MB); the rest is not read. */
  maxBodyBytes?: number;
  /** Aborts the request: the exchange ends with error `cancelled`. */
  signal?: AbortSignal;
  /** Per-profile TLS: extra CAs (PEM) and a client certificate (mTLS). Never disables verification. */
  tls?: TlsOptions;
  /** An http(s) proxy for this request; otherwise HTTPS_PROXY / NO_PROXY apply. */
  proxyUrl?: string;
}

/** TLS options of one request (node:tls names). */
export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  /** PKCS#12 bytes. */
  pfx?: Buffer;
  passphrase?: string;
}

export interface HttpClient {
  send(request: HttpRequest): Promise<Exchange>;
}

/** The axios-backed recording client. axios loads on the first request, not at start-up. */
export function createRecordingClient(): HttpClient {
  return { send };
}

let axiosModule: Promise<AxiosStatic> | undefined;
const loadAxios = () => (axiosModule ??= import('axios').then((m) => m.default));

async function send(req: HttpRequest): Promise<Exchange> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
  const started = performance.now();
  const body = req.body ?? null;
  const recordedRequest = (sent?: ClientRequest) => ({
    method: req.method.toUpperCase(),
    url: req.url,
    headers: sent ? wireHeaders(sent) : { ...req.headers },
    body,
  });
  const elapsed = () => round(performance.now() - started);

  try {
    const axios = await loadAxios();
    const res = await axios.request<Readable>({
      method: req.method,
      url: req.url,
      // Our own User-Agent unless the profile sets one, so IdP logs show who called.
      headers: Object.keys(req.headers).some((h) => h.toLowerCase() === 'user-agent') ? req.headers : { 'user-agent': USER_AGENT, ...req.headers },
      data: body ?? undefined,
      // Send the body as recorded: axios's default would re-serialise or trim a string sent as JSON.
      transformRequest: [(data: unknown) => data],
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'stream',
      decompress: true,
      signal,
    });
    const { text, truncated } = await readCapped(res.data, cap, signal);
    return {
      step: req.step,
      request: recordedRequest(res.request as ClientRequest),
      response: {
        status: res.status,
        statusText: res.statusText ?? '',
        headers: flattenHeaders(res.headers as Record<string, unknown>),
        body: text.length > 0 ? text : null,
        ...(truncated ? { truncated: true } : {}),
      },
      durationMs: elapsed(),
      ...(truncated ? { error: { code: 'body_too_large' as const, message: `The response body is larger than ${formatBytes(cap)}; only the first ${formatBytes(cap)} were read` } } : {}),
    };
  } catch (err) {
    const sent = (err as AxiosError).request as ClientRequest | undefined;
    const cancelled = req.signal?.aborted ?? false;
    const timedOut = !cancelled && deadline.signal.aborted;
    return {
      step: req.step,
      request: recordedRequest(sent && typeof sent.getHeaders === 'function' ? sent : undefined),
      response: null,
      durationMs: elapsed(),
      error: classifyNetworkError(err, req.url, { cancelled, timedOut, timeoutMs }),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a response stream up to `cap` bytes, then stops reading. Rejects when `signal` aborts. */
async function readCapped(stream: Readable, cap: number, signal: AbortSignal): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (size + buf.length > cap) {
        chunks.push(buf.subarray(0, cap - size));
        size = cap;
        truncated = true;
        break;
      }
      chunks.push(buf);
      size += buf.length;
    }
  } finally {
    stream.destroy();
  }
  if (signal.aborted && !truncated) throw Object.assign(new Error('aborted'), { code: 'ERR_CANCELED' });
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|EPROTO$)/;

/** Maps a Node / axios network failure to our code and a message a user can act on (no stack traces). */
export function classifyNetworkError(
  err: unknown,
  url: string,
  ctx: { cancelled: boolean; timedOut: boolean; timeoutMs: number },
): { code: ErrorCode; message: string } {
  const target = describeTarget(url);
  if (ctx.cancelled) return { code: 'cancelled', message: 'Cancelled before the server answered' };
  if (ctx.timedOut) return { code: 'timeout', message: `No complete response from ${target} within ${ctx.timeoutMs / 1000} s` };
  const e = err as { code?: string; message?: string; errors?: { code?: string }[]; cause?: { code?: string } };
  const code = e.code ?? e.errors?.[0]?.code ?? e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return { code: 'connection_refused', message: `Connection refused by ${target}: nothing is listening there` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code: 'dns', message: `Cannot resolve the host of ${target}` };
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return { code: 'timeout', message: `Connecting to ${target} timed out` };
  if (TLS_CODES.test(code)) return { code: 'tls', message: `TLS handshake with ${target} failed (${code}): ${firstLine(e.message)}` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return { code: 'network', message: `${target} closed the connection before the response was complete (${code})` };
  if (code === 'ERR_INVALID_URL') return { code: 'network', message: `Not a valid URL: ${target}` };
  return { code: 'network', message: `Request to ${target} failed${code ? ` (${code})` : ''}: ${firstLine(e.message)}` };
}

function describeTarget(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function wireHeaders(req: ClientRequest): HeaderMap {
  return flattenHeaders(req.getHeaders() as Record<string, unknown>);
}

function flattenHeaders(headers: Record<string, unknown>): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function firstLine(message: string | undefined): string {
  return (message ?? 'unknown error').split('\n')[0]!.slice(0, 300);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB` : `${n} bytes`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
