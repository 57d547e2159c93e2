import type { AddressInfo } from 'node:net';
import { buildApp, type ApiOptions } from './app.js';

export interface ServerOptions extends ApiOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback: opening to a network is a deliberate choice). */
  host?: string;
}

/** Build the app and listen; close() stops listening and closes everything the app opened. */
export async function startServer(opts: ServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildApp(opts);
  try {
    await app.listen({ port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1' });
  } catch (err) {
    await app.close();
    throw err;
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { url: `http://${host}:${addr.port}`, close: () => app.close() };
}
