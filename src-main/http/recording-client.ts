/**
 * The recording HTTP client (docs/architecture.md, "A Test, step by step"): every token and check request
 * goes through `send`, which never throws for network trouble; it returns one Exchange with what was sent,
 * what came back (or why nothing did, network-errors.ts) and the duration. Redirects are never followed
 * (docs/security.md, "OAuth defences"); bodies are capped. Each request carries its profile's TLS options
 * (an https.Agent of its own) and proxy (proxy.ts).
 */
import type { ClientRequest } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import type { AxiosError, AxiosStatic } from 'axios';
import type { ErrorCode } from '../../src-shared/errors';
import type { Exchange, ExchangeStep, HeaderMap } from '../../src-shared/test-run';
import { USER_AGENT } from '../version';
import type { ProxyChoice } from './proxy';
import type { TlsOptions } from './tls';

/** Default total deadline of one request: connect, headers and body (ms). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default cap on a recorded response body (bytes). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** One request to send and record: the step it belongs to, what to send, and its limits and connection options. */
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
  /** An http(s) proxy for this request; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply (proxy.ts). */
  proxyUrl?: string;
}

export type { TlsOptions } from './tls';

/** Sends a request and records it as an Exchange; never throws for network or TLS trouble. */
export interface HttpClient {
  send(request: HttpRequest): Promise<Exchange>;
}

/**
 * The axios-backed recording client. axios, and the proxy, TLS and error modules, load on the first request,
 * not at start-up: a command that sends nothing loads none of them (docs/architecture.md, "The CLI").
 */
export function createRecordingClient(): HttpClient {
  return { send };
}

interface SendModules {
  axios: AxiosStatic;
  proxy: typeof import('./proxy');
  tls: typeof import('./tls');
  errors: typeof import('./network-errors');
}

let sendModules: Promise<SendModules> | undefined;
const loadSendModules = () =>
  (sendModules ??= Promise.all([import('axios'), import('./proxy'), import('./tls'), import('./network-errors')]).then(
    ([axios, proxy, tls, errors]) => ({ axios: axios.default, proxy, tls, errors }),
  ));

async function send(req: HttpRequest): Promise<Exchange> {
  // Loaded before the clock starts: the first request's durationMs is the exchange, not the module load.
  const { axios, proxy: proxies, tls, errors } = await loadSendModules();
  const { classifyNetworkError, firstLine } = errors;
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

  let agent: HttpsAgent | undefined;
  let proxy: ProxyChoice;
  try {
    agent = /^https:/i.test(req.url) ? tls.httpsAgentFor(req.tls) : undefined;
    proxy = URL.canParse(req.url) ? proxies.resolveProxy(req.url, req.proxyUrl) : null;
  } catch (err) {
    clearTimeout(timer);
    // Nothing was sent: the profile's certificates or proxy cannot be used as configured.
    const code: ErrorCode = err instanceof tls.TlsConfigError ? 'tls' : 'network';
    const message =
      err instanceof tls.TlsConfigError
        ? err.message
        : `The proxy URL cannot be used: ${firstLine((err as Error).message)}`;
    return {
      step: req.step,
      request: recordedRequest(),
      response: null,
      durationMs: elapsed(),
      error: { code, message },
    };
  }
  let responded = false;
  try {
    const res = await axios.request<Readable>({
      method: req.method,
      url: req.url,
      // Our own User-Agent unless the profile sets one, so IdP logs show who called.
      headers: Object.keys(req.headers).some((h) => h.toLowerCase() === 'user-agent')
        ? req.headers
        : { 'user-agent': USER_AGENT, ...req.headers },
      data: body ?? undefined,
      // Send the body as recorded: axios's default would re-serialise or trim a string sent as JSON.
      transformRequest: [(data: unknown) => data],
      maxRedirects: 0,
      // node:http(s) itself: axios's fetch adapter would load Node's undici (electron.vite.config.ts, AXIOS_EDITS).
      adapter: 'http',
      validateStatus: () => true,
      responseType: 'stream',
      decompress: true,
      signal,
      // The proxy is decided here (profile, then environment); axios must not read the environment again.
      proxy: proxy ? axiosProxy(proxy.url) : false,
      ...(agent ? { httpsAgent: agent } : {}),
    });
    responded = true;
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
      ...(truncated
        ? {
            error: {
              code: 'body_too_large' as const,
              message: `The response body is larger than ${formatBytes(cap)}; only the first ${formatBytes(cap)} were read`,
            },
          }
        : {}),
    };
  } catch (err) {
    const sent = (err as AxiosError).request as ClientRequest | undefined;
    const cancelled = req.signal?.aborted ?? false;
    const timedOut = !cancelled && deadline.signal.aborted;
    const clientCert = !!(req.tls?.cert || req.tls?.pfx);
    return {
      step: req.step,
      request: recordedRequest(sent && typeof sent.getHeaders === 'function' ? sent : undefined),
      response: null,
      durationMs: elapsed(),
      error: classifyNetworkError(err, req.url, {
        cancelled,
        timedOut,
        timeoutMs,
        clientCert,
        responded,
        proxy: proxy && describeProxy(proxy),
      }),
    };
  } finally {
    clearTimeout(timer);
    agent?.destroy();
  }
}

/** axios's proxy option for a proxy URL; https targets are tunnelled with CONNECT, http ones forwarded. */
function axiosProxy(url: URL): {
  protocol: string;
  host: string;
  port: number;
  auth?: { username: string; password: string };
} {
  return {
    protocol: url.protocol.replace(/:$/, ''),
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    ...(url.username
      ? { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } }
      : {}),
  };
}

/** "the proxy host:port (from HTTPS_PROXY)" — never its credentials. */
function describeProxy(choice: NonNullable<ProxyChoice>): string {
  return `the proxy ${choice.url.host} (${choice.source === 'profile' ? "the profile's Proxy URL" : 'from the environment'})`;
}

/** Reads a response stream up to `cap` bytes, then stops reading. Rejects when `signal` aborts. */
async function readCapped(
  stream: Readable,
  cap: number,
  signal: AbortSignal,
): Promise<{ text: string; truncated: boolean }> {
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

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB` : `${n} bytes`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
