import { startServer } from '../../api/server.js';

/**
 * The API server of the load test, in a process of its own: the load generator and the server
 * must not share one event loop, or each would slow the other and the figures would measure both.
 * Started by bench-server.ts with the store path and home as its one argument (JSON); reports its
 * URL over IPC and stops when the parent disconnects.
 */

interface ServeArgs {
  path: string;
  home: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ServeArgs;
const server = await startServer({
  storeConfig: { kind: 'sqlite', path: args.path },
  home: args.home,
  // Measured: the query and the API around it, not the per-key rate limit nor the dashboard.
  rateLimit: false,
  webRoot: null,
  port: 0,
  host: '127.0.0.1',
});
process.send?.({ url: server.url });
// CPU time used so far, asked for around each measured row: unlike latency on a shared machine,
// the server's CPU per request does not depend on what else runs.
process.on('message', (m: unknown) => {
  if ((m as { cpu?: unknown } | null)?.cpu === true) {
    const u = process.cpuUsage();
    process.send?.({ cpuMs: (u.user + u.system) / 1000 });
  }
});
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
