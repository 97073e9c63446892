/**
 * A small real HTTP proxy for tests on 127.0.0.1 (OS-chosen port): CONNECT tunnels for https targets and
 * absolute-URI forwarding for http targets. Every host is sent to 127.0.0.1 (same port), so a test can
 * use names DNS cannot resolve (`idp.authbench.test`, `acme.idp.authbench.test`) and a request that
 * arrives proves it went through the proxy. It records what it was asked for.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One request the proxy was asked to carry. */
export interface ProxyRecord {
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  proxyAuthorization?: string;
}

/** A running proxy: its URL, what it carried, and `close`. */
export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  records: ProxyRecord[];
  close(): Promise<void>;
}

/** Starts the proxy; `close` ends every tunnel. */
export async function startTestProxy(): Promise<TestProxy> {
  const records: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    records.push({
      method: req.method ?? '',
      target: req.url ?? '',
      ...(req.headers['proxy-authorization'] ? { proxyAuthorization: String(req.headers['proxy-authorization']) } : {}),
    });
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI expected');
      return;
    }
    const { 'proxy-authorization': _auth, ...headers } = req.headers;
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port || 80,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end('bad gateway'));
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    records.push({
      method: 'CONNECT',
      target: req.url ?? '',
      ...(req.headers['proxy-authorization'] ? { proxyAuthorization: String(req.headers['proxy-authorization']) } : {}),
    });
    const port = Number((req.url ?? '').split(':').pop());
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    records,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
