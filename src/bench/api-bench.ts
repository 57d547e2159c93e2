/**
 * `npm run bench:api`: requests/s and p50/p95/p99 latency of GET /api/incidents on a store of
 * 100,000 incidents (by default), the real server on loopback, autocannon bounded in time, beside
 * GET /api/health in the same run. Target: p95 < 100 ms.
 *
 *   node dist/bench/api-bench.js [--incidents N] [--seconds N] [--connections N] [--seed N]
 *     [--cache DIR] [--rebuild] [--json PATH]
 *
 * The store is built once (a few minutes for 100,000) and kept in DIR (default
 * $TMPDIR/marsad-bench-api) for the next runs; --rebuild makes it again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, runApiBench } from './api/run.js';

const USAGE = 'usage: node dist/bench/api-bench.js [--incidents N] [--seconds N] [--connections N] [--seed N] [--cache DIR] [--rebuild] [--json PATH]';

function int(name: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(v)}\n${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      incidents: { type: 'string' }, seconds: { type: 'string' }, connections: { type: 'string' }, seed: { type: 'string' },
      cache: { type: 'string' }, rebuild: { type: 'boolean' }, json: { type: 'string' },
    },
    strict: true,
  });
  const log = (line: string): void => void process.stderr.write(`api-bench: ${line}\n`);
  const report = await runApiBench({
    incidents: int('incidents', values.incidents, 100_000, 1, 10_000_000),
    // Bounded: a load test that runs away on a shared machine is worse than none.
    seconds: int('seconds', values.seconds, 10, 1, 120),
    connections: int('connections', values.connections, 10, 1, 200),
    seed: int('seed', values.seed, 20190405, 0, 2 ** 31 - 1),
    cacheDir: resolve(values.cache ?? join(tmpdir(), 'marsad-bench-api')),
    rebuild: values.rebuild === true,
    progress: log,
  });
  process.stdout.write(formatReport(report));
  if (values.json) {
    const path = resolve(values.json);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`api-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
