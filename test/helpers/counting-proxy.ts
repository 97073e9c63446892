/**
 * A loopback reverse proxy in front of a real IdP that counts the requests in flight (and the most at once), and
 * can hold each one `delayMs` before forwarding it: how a batch test sees its concurrency bound and cancels a
 * batch against a slow IdP. Binds 127.0.0.1 on port 0; `close()` it when done.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** `http://127.0.0.1:<port>`: the IdP's paths are forwarded as they are. */
  url: string;
  /** Requests received so far, in flight now, and the most in flight at once. */
  readonly started: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** How long (ms) each request is held before it is forwarded. */
  delayMs: number;
  reset(): void;
  close(): Promise<void>;
}

/** Starts a counting proxy to `target` (an `http://127.0.0.1:<port>` origin). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  let started = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    started += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      inFlight -= 1;
    };
    res.on('close', end);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const timer = setTimeout(() => {
        const upstream = request(
          { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      }, proxy.delayMs);
      res.on('close', () => clearTimeout(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: CountingProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get started() {
      return started;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    delayMs: 0,
    reset() {
      started = 0;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
