import type { FastifyInstance } from 'fastify';
import type { ChangeFeed, FeedMessage } from '../change-feed.js';
import { noQuery, parse } from '../schemas.js';
import { routeOptions } from './route-options.js';

/**
 * GET /api/stream: server-sent events `incident` and `alert`, a comment line as heartbeat so
 * proxies keep the connection, and the listener removed when the client goes away.
 */
export function registerStreamRoute(app: FastifyInstance, feed: ChangeFeed, heartbeatMs: number): void {
  app.get('/api/stream', routeOptions({
    summary: 'Server-sent events: `incident` (new or changed incident: id and summary) and `alert`', tags: ['stream'], access: 'read', query: noQuery, queryKey: true,
  }), async (req, res) => {
    parse(noQuery, req.query, 'query');
    res.hijack();
    const raw = res.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': marsad stream\nretry: 3000\n\n');
    const send = (m: FeedMessage): void => {
      raw.write(`event: ${m.type}\nid: ${m.type}:${m.data.id}\ndata: ${JSON.stringify(m.data)}\n\n`);
    };
    let closed = false;
    let unsubscribe: (() => void) | null = null;
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    const cleanup = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe?.();
    };
    req.raw.on('close', cleanup);
    raw.on('close', cleanup);
    try {
      unsubscribe = await feed.subscribe(send);
    } catch (err) {
      // The headers are sent: the only way left to say it failed is to end the stream.
      req.log.error({ err }, 'live stream could not start');
      cleanup();
      raw.end();
      return;
    }
    if (closed) unsubscribe();
    else raw.write(': ready\n\n');
  });
}
