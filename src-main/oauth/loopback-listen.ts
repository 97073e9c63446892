/**
 * Binding the loopback callback server (RFC 8252 §7.3, §8.3; docs/security.md, "OAuth defences"): loopback
 * addresses only — 127.0.0.1, and ::1 too for the host name `localhost` — never another interface.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../src-shared/errors';
import type { CallbackHost } from '../../src-shared/callback';

/** Closes `server`, cutting connections still open after 250 ms; resolves once the port is released. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    // Pages go out with `Connection: close`; a socket still open shortly after (a browser's speculative
    // preconnect that never sent a request) is cut.
    const force = setTimeout(() => server.closeAllConnections(), 250);
    server.close(() => (clearTimeout(force), resolve()));
    server.closeIdleConnections();
  });
}

/**
 * Binds 127.0.0.1 on `port` (0: OS-chosen), and for `localhost` also ::1 on the same port (a browser may
 * resolve the name to either); a machine without an IPv6 loopback keeps 127.0.0.1 alone. An OS-chosen port
 * taken on ::1 is chosen again (a few tries).
 */
export async function listenAll(
  host: CallbackHost,
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ servers: Server[]; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const first = createServer(handler);
    await listen(first, port, '127.0.0.1');
    const chosen = (first.address() as AddressInfo).port;
    if (host !== 'localhost') return { servers: [first], port: chosen };
    const second = createServer(handler);
    try {
      await listen(second, chosen, '::1');
      return { servers: [first, second], port: chosen };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { servers: [first], port: chosen };
      await closeServer(first);
      if (port !== 0 || attempt >= 4) throw err;
    }
  }
}

function listen(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' && port !== 0) {
        reject(
          new AppError(
            'conflict',
            `Callback port ${port} on ${address} is already in use by another program; close it, or clear or change the Callback Port`,
            { issues: [{ path: 'callbackPort', message: `Port ${port} is in use` }] },
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new AppError(
            'invalid_request',
            `Callback port ${port} may not be opened on this machine; choose another Callback Port`,
            { issues: [{ path: 'callbackPort', message: `Port ${port} is not allowed` }] },
          ),
        );
      } else reject(err);
    });
    server.listen(port, address, () => {
      // Later server errors (e.g. out of file descriptors on accept) must not crash the app; the wait times out.
      server.on('error', () => {});
      resolve();
    });
  });
}
