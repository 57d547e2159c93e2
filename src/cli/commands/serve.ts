import { resolve } from 'node:path';
import type { Command } from 'commander';
import { marsadHome } from '../../config/home.js';
import { CliError } from '../errors.js';
import { parsePositiveInt } from '../options.js';
import { STORE_OPTION_HELP } from '../store-options.js';

interface ServeOptions {
  port: number;
  host: string;
  publicReads?: boolean;
  store?: string;
  home?: string;
  webRoot?: string;
  web?: boolean;
  tileUrl?: string;
  rateLimit: number;
}

function parsePort(value: string): number {
  const n = value === '0' ? 0 : parsePositiveInt(value);
  if (n > 65535) throw new CliError(`--port ${value}: use 0-65535`);
  return n;
}

/** `marsad serve [--port 8080] [--host 127.0.0.1] [--public-reads]`: the API and the dashboard. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (/api, docs at /api/docs) and the dashboard until Ctrl-C')
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option('--host <address>', 'address to listen on (0.0.0.0 opens it to the network)', '127.0.0.1')
    .option('--public-reads', 'let requests without an API key read (writes always need a key)')
    .option('--store <spec>', STORE_OPTION_HELP)
    .option('--home <dir>', 'Marsad home: agreements and gazetteer (default: $MARSAD_HOME or ~/.marsad)')
    .option('--web-root <dir>', 'serve the dashboard from this folder (default: the built dist/web)')
    .option('--no-web', 'serve the API only')
    .option('--tile-url <template>', 'map tiles for the dashboard, e.g. https://tile.example/{z}/{x}/{y}.png (default: offline basemap)')
    .option('--rate-limit <n>', 'requests per minute per API key (or per address without one)', parsePositiveInt, 600)
    .action(async (opts: ServeOptions) => {
      const [{ startServer }, { resolveStoreConfig }] = await Promise.all([
        import('../../api/server.js'),
        import('../../store/open-store.js'),
      ]);
      const home = opts.home ? resolve(opts.home) : marsadHome();
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        const storeConfig = resolveStoreConfig(opts.store ?? (opts.home ? `sqlite:${resolve(home, 'marsad.db')}` : undefined));
        server = await startServer({
          storeConfig, home, port: opts.port, host: opts.host, publicReads: opts.publicReads === true,
          ...(opts.web === false ? { webRoot: null } : opts.webRoot ? { webRoot: resolve(opts.webRoot) } : {}),
          tileUrl: opts.tileUrl ?? null,
          rateLimit: { max: opts.rateLimit, timeWindowMs: 60_000 },
        });
      } catch (err) {
        if (err instanceof Error && ['StoreInputError', 'StoreStateError', 'CoordinationStorageError'].includes(err.name)) throw new CliError(err.message);
        if (err instanceof Error && 'code' in err && (err as { code: unknown }).code === 'EADDRINUSE') {
          throw new CliError(`port ${opts.port} on ${opts.host} is in use: choose another with --port`);
        }
        throw err;
      }
      process.stderr.write(`marsad: serving ${server.url}/ (API ${server.url}/api, docs ${server.url}/api/docs)${opts.publicReads ? ', public reads on' : ''}\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stderr.write('marsad: stopping\n');
      await server.close();
    });
}
