import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP server on 127.0.0.1 (a free port) for network tests: routes by path, records every
 * request, and closes its open sockets on close() so a test that leaves a request hanging
 * (the timeout tests) does not hold the run open.
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  origin: string;
  port: number;
  url(path: string): string;
  route(path: string, handler: Handler): void;
  requests: IncomingMessage[];
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<LocalServer> {
  const table = new Map(Object.entries(routes));
  const requests: IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests.push(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = table.get(path) ?? [...table.entries()].find(([k]) => k.endsWith('*') && path.startsWith(k.slice(0, -1)))?.[1];
    if (!handler) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void table.set(path, handler),
    requests,
    hits: (path) => requests.filter((r) => (r.url ?? '').split('?')[0] === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
