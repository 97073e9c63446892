/**
 * A scripted RFC 8628 IdP on loopback for device-code tests (docs/architecture.md, "How it is tested"): POST
 * /device answers a device authorization response (`interval` as asked), POST /token answers the next entry of
 * a script (`authorization_pending`, `slow_down`, … then a token, or the last entry forever). Records each
 * request's arrival time and body. Binds 127.0.0.1 on an OS-chosen port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The device code this IdP hands out: a secret a stored run must not contain. */
export const SCRIPTED_DEVICE_CODE = 'scripted-device-code-Zq81xV4w';

/** One answer of the token endpoint: an RFC 8628 §3.5 error, or `token`. */
export type ScriptStep = 'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'token';

/** A running scripted IdP. */
export interface DeviceIdp {
  url(path: string): string;
  /** Token requests received: arrival (ms, performance.now) and the form body. */
  polls: { at: number; body: string }[];
  close(): Promise<void>;
}

/** Starts the IdP with the token endpoint's `script` and the device response's `interval` (s; absent: none sent). */
export async function startDeviceIdp(script: ScriptStep[], options: { interval?: number } = {}): Promise<DeviceIdp> {
  const polls: DeviceIdp['polls'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const send = (status: number, value: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify(value));
      if (req.url === '/device')
        return send(200, {
          device_code: SCRIPTED_DEVICE_CODE,
          user_code: 'WDJB-MJHT',
          verification_uri: `http://127.0.0.1:${port}/verify`,
          verification_uri_complete: `http://127.0.0.1:${port}/verify?user_code=WDJB-MJHT`,
          expires_in: 1800,
          ...(options.interval !== undefined ? { interval: options.interval } : {}),
        });
      if (req.url !== '/token') return send(404, { error: 'not_found' });
      polls.push({ at: performance.now(), body });
      const step = script[Math.min(polls.length - 1, script.length - 1)]!;
      if (step === 'token')
        return send(200, { access_token: 'scripted-access-token', token_type: 'Bearer', expires_in: 60 });
      send(400, { error: step });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    polls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
