/**
 * Network failures in words a user can act on: a Node / axios error becomes one of our error codes
 * (src-shared/errors.ts) and a message naming the host (and the proxy), never a stack trace.
 */
import type { ErrorCode } from '../../src-shared/errors';
import { describeTlsFailure } from './tls';

/** Maps a Node / axios network failure to our code and a message a user can act on (no stack traces). */
export function classifyNetworkError(
  err: unknown,
  url: string,
  ctx: {
    cancelled: boolean;
    timedOut: boolean;
    timeoutMs: number;
    clientCert?: boolean;
    responded?: boolean;
    proxy?: string | null;
  },
): { code: ErrorCode; message: string } {
  const target = describeTarget(url);
  if (ctx.cancelled) return { code: 'cancelled', message: 'Cancelled before the server answered' };
  if (ctx.timedOut)
    return { code: 'timeout', message: `No complete response from ${target} within ${ctx.timeoutMs / 1000} s` };
  const e = err as {
    code?: string;
    message?: string;
    errors?: { code?: string }[];
    cause?: { code?: string; cert?: { subjectaltname?: string } };
  };
  const code = e.code ?? e.errors?.[0]?.code ?? e.cause?.code ?? '';
  const via = ctx.proxy ? ` through ${ctx.proxy}` : '';
  if (ctx.proxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    return {
      code: code === 'ECONNREFUSED' ? 'connection_refused' : 'dns',
      message: `Cannot reach ${ctx.proxy} (${code}) to call ${target}`,
    };
  }
  if (code === 'ECONNREFUSED')
    return { code: 'connection_refused', message: `Connection refused by ${target}: nothing is listening there` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { code: 'dns', message: `Cannot resolve the host of ${target}` };
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED')
    return { code: 'timeout', message: `Connecting to ${target}${via} timed out` };
  const tlsMessage = describeTlsFailure(code, e.message ?? '', target, {
    clientCert: !!ctx.clientCert,
    responded: !!ctx.responded,
    altNames: e.cause?.cert?.subjectaltname,
  });
  if (tlsMessage) return { code: 'tls', message: `${tlsMessage}${via}` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return {
      code: 'network',
      message: `${target}${via} closed the connection before the response was complete (${code})`,
    };
  if (code === 'ERR_INVALID_URL') return { code: 'network', message: `Not a valid URL: ${target}` };
  return {
    code: 'network',
    message: `Request to ${target}${via} failed${code ? ` (${code})` : ''}: ${firstLine(e.message)}`,
  };
}

function describeTarget(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The first line of an error message, at most 300 characters ("unknown error" when there is none). */
export function firstLine(message: string | undefined): string {
  return (message ?? 'unknown error').split('\n')[0]!.slice(0, 300);
}
