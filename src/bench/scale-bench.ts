/**
 * `npm run bench:scale`: documents per second through the job queue with 1, 2 and 4 worker
 * processes against one PostgreSQL and one Redis, on the same generated corpus, and the
 * speed-up over one worker.
 *
 *   node dist/bench/scale-bench.js [--docs 3000] [--workers 1,2,4] [--concurrency 1,8] [--batch 1] [--json PATH]
 *
 * Every worker process of a series runs with the same --concurrency and --batch; a list of
 * concurrencies runs one series for each. The default runs two: `marsad worker`'s default
 * (one job at a time per process, where each added process adds a core's worth) and 8 (one
 * process overlapping its database latency, which on a small machine fills it alone, so that
 * adding processes adds little) — both speed-ups are printed, neither hides the other.
 *
 * For each worker count: a fresh store schema and queue prefix; the corpus is queued while the
 * queue is paused; the workers are started and have loaded their resources; then the queue is
 * resumed and the clock runs until every job is completed. Start-up is not measured (a worker
 * lives for days), extraction, storing, incidents and the queue's own round trips are. The
 * monitor is off (it runs once a batch settles, not per document).
 *
 * PostgreSQL: MARSAD_TEST_PG_URL if set, else a throwaway cluster (scripts/pg-test-server.sh,
 * fsync on). Redis: a throwaway redis-server (append-only, fsync per write). The corpus comes
 * from ../shared/eval (src/bench/corpus.ts) and the gazetteer from ../shared/data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot } from '../config/home.js';
import { importGazetteer } from '../geo/import/index.js';
import { readInputs } from '../ingest/read-inputs.js';
import { DEFAULT_WORKER_CONCURRENCY } from '../queue/document-worker.js';
import { openJobQueue } from '../queue/job-queue.js';
import { enqueueDocuments } from '../queue/producer.js';
import { resolveQueueConfig } from '../queue/config.js';
import { openStore } from '../store/open-store.js';
import { loadArabicWordList } from '../text/word-list.js';
import { writeCorpus } from './corpus.js';
import { ThrowawayRedis } from './scale/redis-server.js';
import { obtainPostgres } from './store/postgres-server.js';

interface Options {
  docs: number;
  workers: number[];
  /** One series of 1, 2, 4… workers per setting; every worker of a series runs with it. */
  concurrency: number[];
  batch: number;
  json: string | null;
}

const USAGE = 'usage: node dist/bench/scale-bench.js [--docs 3000] [--workers 1,2,4] [--concurrency 1,8] [--batch 1] [--json PATH]';

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string' }, workers: { type: 'string' }, concurrency: { type: 'string' }, batch: { type: 'string' },
      json: { type: 'string' }, help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, v: string | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number >= 1, got ${v}\n${USAGE}`);
    return n;
  };
  return {
    docs: int('docs', values.docs, 3000),
    workers: (values.workers ?? '1,2,4').split(',').map((w) => int('workers', w.trim(), 1)),
    concurrency: (values.concurrency ?? `${DEFAULT_WORKER_CONCURRENCY},8`).split(',').map((c) => int('concurrency', c.trim(), 1)),
    batch: int('batch', values.batch, 1),
    json: values.json ?? null,
  };
}

/** The CLI the workers run: the built one next to this file, or the source through tsx. */
function workerCommand(root: string): string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return [join(root, 'dist', 'cli', 'main.js')];
  return ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts')];
}

interface Row {
  concurrency: number;
  workers: number;
  seconds: number;
  docsPerSecond: number;
  speedup: number;
  stored: number;
  failed: number;
  loadBefore: number;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const root = packageRoot();
  const shared = resolve(process.env['MARSAD_SHARED'] ?? join(root, '..', 'shared'));
  if (!existsSync(join(shared, 'eval')) || !existsSync(join(shared, 'data'))) {
    throw new Error(`the benchmark needs ${shared}/eval (corpus) and ${shared}/data (gazetteer)`);
  }
  const work = mkdtempSync(join(tmpdir(), 'marsad-scale-'));
  const redis = new ThrowawayRedis();
  const pg = obtainPostgres(root);
  const workers: ChildProcess[] = [];
  const cleanup = async (): Promise<void> => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await redis.destroy();
    pg.stop();
    rmSync(work, { recursive: true, force: true });
  };
  // Interrupted: the servers and workers started here go too.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void cleanup().finally(() => process.exit(130)));
  }
  try {
    await redis.start();
    const home = join(work, 'home');
    process.stderr.write('scale-bench: importing the gazetteer and building the corpus…\n');
    await importGazetteer(join(shared, 'data'), home);
    loadArabicWordList({ cacheDir: join(home, 'cache') });
    const corpus = join(work, 'corpus.jsonl');
    const info = writeCorpus(corpus, { sharedDir: shared, targetBytes: Infinity, docChars: 2000, maxDocs: o.docs });
    const rows: Row[] = [];
    const cmd = workerCommand(root);
    for (const conc of o.concurrency) for (const k of o.workers) {
      const schema = `scale_${process.pid}_${conc}_${k}`;
      const prefix = `scale${conc}_${k}`;
      const env = {
        ...process.env, MARSAD_HOME: home, MARSAD_STORE: pg.url, MARSAD_PG_SCHEMA: schema, MARSAD_QUEUE: redis.url,
        MARSAD_QUEUE_PREFIX: prefix,
      };
      const store = await openStore({ kind: 'postgres', url: pg.url, schema });
      await store.close();
      const qc = resolveQueueConfig(redis.url, env)!;
      const { queue, close } = openJobQueue(qc);
      await queue.pause();
      const q = await enqueueDocuments(queue, readInputs(corpus));
      if (q.enqueued !== info.docs) throw new Error(`queued ${q.enqueued} of ${info.docs} documents`);
      // Documents of identical text are one job (and one stored document).
      const queued = await queue.getJobCounts('waiting', 'prioritized');
      const jobs = (queued['waiting'] ?? 0) + (queued['prioritized'] ?? 0);
      // Workers start and load their resources while the queue is paused.
      const ready: Promise<void>[] = [];
      for (let i = 0; i < k; i++) {
        const w = spawn(process.execPath, [...cmd, 'worker', '--no-monitor', '--concurrency', String(conc),
          '--batch', String(o.batch)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
        workers.push(w);
        let log = '';
        ready.push(new Promise((res, rej) => {
          w.stderr!.on('data', (d: Buffer) => {
            log += d.toString();
            if (process.env['MARSAD_BENCH_WORKER_LOG'] !== undefined) process.stderr.write(`[c${conc} w${k}.${i}] ${d.toString()}`);
            if (log.includes('taking jobs')) res();
          });
          w.on('exit', (code) => rej(new Error(`worker exited with ${String(code)} before it was ready:\n${log}`)));
        }));
      }
      await Promise.all(ready);
      const loadBefore = loadavg()[0]!;
      const t0 = performance.now();
      await queue.resume();
      let counts: Record<string, number>;
      for (;;) {
        counts = await queue.getJobCounts('completed', 'failed');
        if ((counts['completed'] ?? 0) + (counts['failed'] ?? 0) >= jobs) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - t0) / 1000;
      await Promise.all(workers.splice(0).map((w) => new Promise<void>((res) => {
        w.once('exit', () => res());
        w.kill('SIGTERM');
      })));
      await close();
      const check = await openStore({ kind: 'postgres', url: pg.url, schema }, { migrate: false });
      const stored = (await check.counts()).documents;
      await check.close();
      const dps = jobs / seconds;
      const base = rows.find((r) => r.concurrency === conc)?.docsPerSecond ?? dps;
      rows.push({ concurrency: conc, workers: k, seconds, docsPerSecond: dps, speedup: dps / base, stored, failed: counts['failed'] ?? 0, loadBefore });
      process.stderr.write(`scale-bench: --concurrency ${conc}, ${k} worker(s): ${dps.toFixed(0)} docs/s (${jobs} jobs in ${seconds.toFixed(1)} s, ${stored} stored)\n`);
    }
    const report = {
      docs: info.docs, bytes: info.bytes, concurrency: o.concurrency, batch: o.batch,
      availableParallelism: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', loadavgAfter: loadavg(),
      postgres: pg.origin, rows,
    };
    process.stdout.write(`scaling through the queue: ${info.docs} documents (~2,000 chars), ${report.availableParallelism} cores ` +
      `(${report.cpu}), each worker process: --concurrency ${o.concurrency.join(' / ')} --batch ${o.batch}, PostgreSQL ${pg.origin}\n`);
    process.stdout.write('concurrency  workers  seconds   docs/s  speed-up  stored  failed  load(1m) before\n');
    for (const r of rows) {
      process.stdout.write(`${String(r.concurrency).padStart(11)}  ${String(r.workers).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.docsPerSecond.toFixed(0).padStart(7)}  ` +
        `${r.speedup.toFixed(2).padStart(7)}x  ${String(r.stored).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.loadBefore.toFixed(2).padStart(8)}\n`);
    }
    process.stdout.write(`load average after: ${report.loadavgAfter.map((x) => x.toFixed(2)).join(' ')}\n`);
    if (o.json !== null) writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await cleanup();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`scale-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
