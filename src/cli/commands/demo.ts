import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { DemoStore } from '../../demo/build-demo-store.js';
import { CliError } from '../errors.js';
import { parsePositiveInt } from '../options.js';

interface DemoCliOptions {
  home?: string;
  port: number;
  host: string;
  serve: boolean;
  fresh?: boolean;
}

/**
 * `marsad demo`: build (or reuse) the demo store in its own home — the synthetic reports of
 * examples/demo, the Idlib example agreement, the monitor — and serve the dashboard on it.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('build a demo store from the synthetic reports of examples/demo and the Idlib example agreement ' +
      '(in its own folder, never your store) and serve the dashboard on it')
    .option('--home <dir>', 'the demo\'s own Marsad home (default: $MARSAD_HOME/demo)')
    .option('--port <n>', 'port to serve on', parsePort, 8080)
    .option('--host <addr>', 'address to listen on (loopback unless you choose otherwise)', '127.0.0.1')
    .option('--no-serve', 'build the demo store and print the key, but do not start the server')
    .option('--fresh', 'rebuild the demo store from scratch (the demo\'s store, agreement and key; the gazetteer stays)')
    .action(async (opts: DemoCliOptions) => runDemo(opts));
}

/** 0 asks the system for a free port. */
function parsePort(value: string): number {
  const n = value.trim() === '0' ? 0 : parsePositiveInt(value);
  if (n > 65535) throw new InvalidArgumentError(`"${value}" is not a port (0-65535)`);
  return n;
}

async function runDemo(opts: DemoCliOptions): Promise<void> {
  const { buildDemoStore, DemoError } = await import('../../demo/build-demo-store.js');
  let demo: DemoStore;
  try {
    demo = await buildDemoStore({
      ...(opts.home ? { home: resolve(opts.home) } : {}),
      fresh: opts.fresh === true,
      log: (line) => process.stderr.write(`marsad demo: ${line}\n`),
    });
  } catch (err) {
    if (err instanceof DemoError) throw new CliError(err.message);
    throw err;
  }
  process.stdout.write(describe(demo));
  for (const e of demo.ingest.errors) process.stderr.write(`marsad demo: ${e.input}: ${e.message}\n`);
  if (!opts.serve) {
    process.stdout.write(`\nserve it with: marsad demo${opts.home ? ` --home ${opts.home}` : ''}\n`);
    return;
  }

  const { startServer } = await import('../../api/server.js');
  // The demo's reads are public (synthetic data, loopback by default); reviewing needs the key.
  let running: { url: string; close(): Promise<void> };
  try {
    running = await startServer({ storeConfig: demo.storeConfig, home: demo.home, publicReads: true, port: opts.port, host: opts.host });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e?.code === 'EADDRINUSE') throw new CliError(`${opts.host}:${opts.port} is in use: give another --port (the demo store is built)`);
    if (e?.code === 'EADDRNOTAVAIL') throw new CliError(`--host ${opts.host} is not an address of this machine`);
    throw err;
  }
  process.stdout.write(`\ndashboard: ${running.url}\n` +
    `analyst key (review): ${demo.key}\n` +
    '  (API: Authorization: Bearer <key>; Ctrl-C stops the server)\n');
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(done, (err: unknown) => {
        process.stderr.write(`marsad demo: closing the server: ${err instanceof Error ? err.message : String(err)}\n`);
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function describe(d: DemoStore): string {
  const row = (label: string, value: string | number): string => `  ${label.padEnd(22)}${String(value)}\n`;
  const added = d.ingest.added > 0 ? `${d.ingest.added} added` : 'nothing new';
  return `demo store ${d.storeConfig.path}\n` +
    row('reports (synthetic)', `${d.ingest.read} read, ${added}`) +
    row('documents', `${d.counts.documents} (${d.counts.duplicates} near-copies)`) +
    row('events', d.counts.events) +
    row('incidents', d.counts.incidents) +
    row('violations', `${d.violations.violations} in ${d.violations.incidents} incidents (idlib-sochi-2018)`) +
    row('control changes', d.controlChanges) +
    row('analyst', `${d.user}${d.keyCreated ? ' (new key)' : ''}`) +
    row('key', d.key);
}
