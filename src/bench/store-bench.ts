/**
 * `npm run bench:store`: how fast the event store takes in documents and answers the analyst's
 * question "what of these types happened in this box in this period", on a generated store of
 * (by default) 1,000,000 events, for SQLite and PostgreSQL, beside references measured in the
 * same run on the same rows: a full scan with no index, and a plain loop over typed arrays.
 *
 *   node dist/bench/store-bench.js [--events N] [--backends sqlite,postgres] [--queries N]
 *     [--json results.json] [--seed N] [--page N] [--secondary N] [--baseline-queries N]
 *     [--measure-events N] [--batch-docs N] [--load-batch-docs N] [--pg-parallel N]
 *
 * PostgreSQL: MARSAD_TEST_PG_URL if set (a schema of its own, dropped at the end), else a
 * throwaway cluster started with scripts/pg-test-server.sh and removed at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lexiconPath, packageRoot } from '../config/home.js';
import type { EventStore } from '../store/store.js';
import { loadActors, type ActorPools } from './store/actors.js';
import { postgresBackend, sqliteBackend, type BenchBackend } from './store/backends.js';
import { CorpusGenerator, EventColumns } from './store/generate.js';
import { ingest, type IngestPhase } from './store/ingest.js';
import { obtainPostgres, type PgServer } from './store/postgres-server.js';
import { boxFilter, boxQueries, scanColumns, textForBox, textQueries, type BoxQuery } from './store/queries.js';
import { summarise, timed, type LatencySummary } from './store/stats.js';

type BackendName = 'sqlite' | 'postgres';

interface Options {
  events: number;
  backends: BackendName[];
  queries: number;
  secondary: number;
  baselineQueries: number;
  page: number;
  seed: number;
  json: string | null;
  measureEvents: number;
  batchDocs: number;
  loadBatchDocs: number;
  pgParallel: number;
  /** Time allowed to each secondary row and to the full-scan row, in seconds. */
  rowSeconds: number;
  /** Leave the stores in place for inspection. */
  keep: boolean;
}

const USAGE = `usage: node dist/bench/store-bench.js [--events N] [--backends sqlite,postgres] [--queries N] [--json PATH]
  [--seed N] [--page N] [--secondary N] [--baseline-queries N] [--measure-events N] [--batch-docs N]
  [--load-batch-docs N] [--pg-parallel N] [--row-seconds N] [--keep]`;

function fail(message: string): never {
  throw new Error(`${message}\n${USAGE}`);
}

function int(name: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < min) fail(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        events: { type: 'string' }, backends: { type: 'string' }, queries: { type: 'string' }, json: { type: 'string' },
        seed: { type: 'string' }, page: { type: 'string' }, secondary: { type: 'string' },
        'baseline-queries': { type: 'string' }, 'measure-events': { type: 'string' }, 'batch-docs': { type: 'string' },
        'load-batch-docs': { type: 'string' }, 'pg-parallel': { type: 'string' }, 'row-seconds': { type: 'string' },
        keep: { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (values['help']) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const s = (k: string): string | undefined => values[k] as string | undefined;
  const backends = (s('backends') ?? 'sqlite,postgres').split(',').map((b) => b.trim()).filter((b) => b.length > 0);
  for (const b of backends) if (b !== 'sqlite' && b !== 'postgres') fail(`--backends: unknown backend "${b}" (sqlite, postgres)`);
  if (backends.length === 0) fail('--backends: name at least one of sqlite, postgres');
  const queries = int('queries', s('queries'), 250, 1);
  return {
    events: int('events', s('events'), 1_000_000, 1),
    backends: [...new Set(backends)] as BackendName[],
    queries,
    secondary: int('secondary', s('secondary'), Math.min(queries, 100), 0),
    baselineQueries: int('baseline-queries', s('baseline-queries'), Math.min(queries, 20), 0),
    page: int('page', s('page'), 100, 1),
    seed: int('seed', s('seed'), 20240601, 0),
    json: s('json') ?? null,
    measureEvents: int('measure-events', s('measure-events'), 50_000, 1),
    batchDocs: int('batch-docs', s('batch-docs'), 100, 1),
    loadBatchDocs: int('load-batch-docs', s('load-batch-docs'), 2000, 1),
    pgParallel: int('pg-parallel', s('pg-parallel'), 2, 1),
    rowSeconds: int('row-seconds', s('row-seconds'), 60, 1),
    keep: values['keep'] === true,
  };
}

function log(line: string): void {
  process.stderr.write(`store-bench: ${line}\n`);
}

interface BackendResult {
  backend: BackendName;
  description: string;
  documents: number;
  events: number;
  ingest: IngestPhase[];
  generateSeconds: number;
  /** Closing after the load (SQLite runs PRAGMA optimize there) and any after-load step. */
  afterLoad: string[];
  storeBytes: number;
  queries: Record<string, LatencySummary>;
  checks: { pagesAgreeWithTrueCounts: number; pagesChecked: number; mismatches: string[] };
  /** Rows cut short by --row-seconds, and similar remarks. */
  notes: string[];
  /** Every bbox+time+type query with its latency, for looking into the tail. */
  boxQueries: { query: BoxQuery; ms: number; rows: number; matches: number; nextMs: number | null }[];
}

/** The rows of the query table, in the order printed. */
const ROW_NAMES = {
  box: 'bbox+time+type',
  box1: '  of which 1 sub-type',
  box2: '  of which 2 sub-types',
  next: 'bbox+time+type, next page',
  text: 'text (event)',
  textBox: 'text+bbox+time',
  docs: 'text (documents)',
  scan: 'no index: full scan',
  memory: 'no DB: typed-array loop',
} as const;

async function measureQueries(
  store: EventStore, backend: BenchBackend, o: Options, box: readonly BoxQuery[], texts: readonly string[],
  matches: readonly number[], result: BackendResult,
): Promise<void> {
  const limit = { limit: o.page };
  // Warm-up on questions of another seed: caches hold the indexes, not the answers measured.
  for (const q of boxQueries(50, o.seed + 7)) await store.listEvents(boxFilter(q), limit);
  const w0 = performance.now();
  for (const t of texts.slice(0, 10)) {
    if (performance.now() - w0 > 15_000) break;
    await store.listEvents({ text: t }, limit);
  }

  const ms: number[] = [];
  const rows: number[] = [];
  const nextMs: number[] = [];
  const nextRows: number[] = [];
  for (let i = 0; i < box.length; i++) {
    const q = box[i]!;
    const [page, t] = await timed(() => store.listEvents(boxFilter(q), limit));
    ms.push(t);
    rows.push(page.items.length);
    const expected = Math.min(o.page, matches[i]!);
    result.checks.pagesChecked++;
    if (page.items.length === expected) result.checks.pagesAgreeWithTrueCounts++;
    else if (result.checks.mismatches.length < 5) result.checks.mismatches.push(`${JSON.stringify(q)}: ${page.items.length} rows, expected ${expected}`);
    let t2: number | null = null;
    if (page.next !== null) {
      const [p2, ms2] = await timed(() => store.listEvents(boxFilter(q), { ...limit, cursor: page.next }));
      t2 = ms2;
      nextMs.push(ms2);
      nextRows.push(p2.items.length);
    }
    result.boxQueries.push({ query: q, ms: Math.round(t * 1000) / 1000, rows: page.items.length, matches: matches[i]!, nextMs: t2 === null ? null : Math.round(t2 * 1000) / 1000 });
  }
  result.queries[ROW_NAMES.box] = summarise(ms, rows, matches);
  for (const [name, k] of [[ROW_NAMES.box1, 1], [ROW_NAMES.box2, 2]] as const) {
    const of = result.boxQueries.filter((b) => b.query.subTypes.length === k);
    if (of.length > 0) result.queries[name] = summarise(of.map((b) => b.ms), of.map((b) => b.rows), of.map((b) => b.matches));
  }
  result.queries[ROW_NAMES.next] = summarise(nextMs, nextRows);

  // Secondary rows and the full scans get a time budget each: a slow plan must not stall the run.
  const budgeted = async (name: string, n: number, run: (i: number) => Promise<number>): Promise<[number[], number[]]> => {
    const ts: number[] = [];
    const rs: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      if (performance.now() - t0 > o.rowSeconds * 1000) {
        result.notes.push(`${name}: stopped after ${i} of ${n} queries (--row-seconds ${o.rowSeconds})`);
        break;
      }
      const [r, t] = await timed(() => run(i));
      ts.push(t);
      rs.push(r);
    }
    return [ts, rs];
  };
  const secondary = async (name: string, n: number, run: (i: number) => Promise<number>): Promise<void> => {
    const [ts, rs] = await budgeted(name, n, run);
    result.queries[name] = summarise(ts, rs);
  };
  const nText = Math.min(o.secondary, texts.length);
  await secondary(ROW_NAMES.text, nText, async (i) => (await store.listEvents({ text: texts[i]! }, limit)).items.length);
  await secondary(ROW_NAMES.textBox, Math.min(o.secondary, box.length), async (i) => {
    const q = box[i]!;
    return (await store.listEvents({ text: textForBox(i), bbox: q.bbox, from: q.from, to: q.to }, limit)).items.length;
  });
  await secondary(ROW_NAMES.docs, nText, async (i) => (await store.searchDocuments(texts[i]!, limit)).items.length);

  const nScan = Math.min(o.baselineQueries, box.length);
  if (nScan > 0) log(`${backend.name}: ${nScan} full scans with no index (the reference)`);
  const [scanMs, scanRows] = await budgeted(ROW_NAMES.scan, nScan, (i) => backend.scanNoIndex(box[i]!, o.page));
  if (scanMs.length > 0) result.queries[ROW_NAMES.scan] = summarise(scanMs, scanRows, matches.slice(0, scanMs.length));
}

async function runBackend(
  backend: BenchBackend, o: Options, actors: ActorPools, box: readonly BoxQuery[], texts: readonly string[],
): Promise<BackendResult> {
  const gen = new CorpusGenerator({ seed: o.seed, actors });
  const columns = new EventColumns(o.events + 16);
  const result: BackendResult = {
    backend: backend.name, description: '', documents: 0, events: 0, ingest: [], generateSeconds: 0, afterLoad: [],
    storeBytes: 0, queries: {}, checks: { pagesAgreeWithTrueCounts: 0, pagesChecked: 0, mismatches: [] }, notes: [],
    boxQueries: [],
  };
  log(`${backend.name}: loading ${o.events.toLocaleString('en')} events`);
  let store = await backend.open();
  try {
    const ing = await ingest(store, gen, columns, {
      events: o.events,
      measureEvents: o.measureEvents,
      batchDocs: o.batchDocs,
      loadBatchDocs: o.loadBatchDocs,
      loadParallel: backend.name === 'postgres' ? o.pgParallel : 1,
      progress: (line) => log(`${backend.name}: ${line}`),
      serverCpu: () => backend.serverCpuSeconds(),
    });
    result.ingest = ing.phases;
    result.generateSeconds = ing.generateSeconds;
    const counts = await store.counts();
    result.documents = counts.documents;
    result.events = counts.events;
    if (counts.events !== columns.n) throw new Error(`${backend.name}: the store holds ${counts.events} events, ${columns.n} were generated`);
  } finally {
    const [, closeMs] = await timed(() => store.close());
    result.afterLoad.push(`close after load in ${(closeMs / 1000).toFixed(1)} s`);
  }
  const after = await backend.afterLoad();
  if (after) result.afterLoad.push(after);
  result.storeBytes = await backend.sizeBytes();
  result.description = await backend.describe();

  // The question's true answer sizes, from the typed arrays; timing them is the in-memory reference.
  const matches: number[] = [];
  const memMs: number[] = [];
  for (const q of box) {
    const [n, t] = await timed(async () => scanColumns(columns, q));
    matches.push(n);
    memMs.push(t);
  }
  result.queries[ROW_NAMES.memory] = summarise(memMs, matches.map((m) => Math.min(m, o.page)), matches);

  log(`${backend.name}: ${box.length} box+time+type queries, then text and paging`);
  store = await backend.open();
  try {
    await measureQueries(store, backend, o, box, texts, matches, result);
  } finally {
    await store.close();
  }
  return result;
}

function fmt(x: number | null, digits = 1): string {
  if (x === null || Number.isNaN(x)) return '-';
  return x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printReport(o: Options, results: BackendResult[], skipped: { backend: string; reason: string }[], meta: Meta): void {
  const out: string[] = [];
  out.push('');
  out.push(`Marsad store benchmark — seed ${o.seed}, ${meta.cores} cores (${meta.cpu}), load average ${meta.loadStart.join(' ')} → ${meta.loadEnd.join(' ')}`);
  for (const r of results) {
    out.push('');
    out.push(`${r.backend.toUpperCase()}: ${r.description}`);
    out.push(`  store: ${r.documents.toLocaleString('en')} documents, ${r.events.toLocaleString('en')} events, ${(r.storeBytes / 2 ** 30).toFixed(2)} GiB; ${r.afterLoad.join('; ')}`);
    out.push('');
    const ih = ['  ingest'.padEnd(50), 'docs'.padStart(9), 'events'.padStart(10), 'tx docs'.padStart(8), 'par'.padStart(4),
      'seconds'.padStart(8), 'docs/s'.padStart(8), 'events/s'.padStart(9), 'cpu s'.padStart(8), 'events/cpu-s'.padStart(13)];
    out.push(ih.join(' '));
    for (const p of r.ingest) {
      const cpu = p.clientCpuSeconds + (p.serverCpuSeconds ?? 0);
      out.push([
        `  ${p.name}${p.startEvents > 0 ? ` (from ${p.startEvents.toLocaleString('en')})` : ''}`.padEnd(50),
        p.documents.toLocaleString('en').padStart(9), p.events.toLocaleString('en').padStart(10), String(p.batchDocs).padStart(8),
        String(p.parallel).padStart(4), fmt(p.seconds).padStart(8), fmt(p.docsPerSec, 0).padStart(8), fmt(p.eventsPerSec, 0).padStart(9),
        fmt(cpu).padStart(8), fmt(p.eventsPerCpuSec, 0).padStart(13),
      ].join(' '));
    }
    out.push('');
    const qh = ['  query (ms)'.padEnd(30), 'n'.padStart(5), 'rows'.padStart(7), 'matches'.padStart(9), 'mean'.padStart(9), 'p50'.padStart(9), 'p95'.padStart(9), 'p99'.padStart(9), 'max'.padStart(9)];
    out.push(qh.join(' '));
    for (const name of Object.values(ROW_NAMES)) {
      const s = r.queries[name];
      if (!s) continue;
      out.push([
        `  ${name}`.padEnd(30), String(s.queries).padStart(5), fmt(s.rowsAvg).padStart(7), fmt(s.matchesAvg).padStart(9),
        fmt(s.mean, 2).padStart(9), fmt(s.p50, 2).padStart(9), fmt(s.p95, 2).padStart(9), fmt(s.p99, 2).padStart(9), fmt(s.max, 2).padStart(9),
      ].join(' '));
    }
    const c = r.checks;
    out.push(`  pages checked against the true match counts: ${c.pagesAgreeWithTrueCounts}/${c.pagesChecked} agree${c.mismatches.length ? ` — e.g. ${c.mismatches[0]}` : ''}`);
    for (const n of r.notes) out.push(`  note: ${n}`);
    const p95 = r.queries[ROW_NAMES.box]?.p95;
    if (r.backend === 'sqlite' && p95 !== undefined) {
      out.push(`  target p95 < 50 ms for bbox+time+type on SQLite: ${p95 < 50 ? 'met' : 'NOT met'} (${fmt(p95, 2)} ms)`);
    }
  }
  for (const s of skipped) out.push(`\n${s.backend.toUpperCase()}: not measured — ${s.reason}`);
  out.push('');
  out.push(`rows = rows returned per query (page of ${o.page}); matches = true matching events per query (counted in memory).`);
  out.push('ingest: "measured" times the store calls only; the rest of the load is wall clock, document generation included.');
  out.push('cpu s = CPU seconds spent storing: this process, plus the PostgreSQL server when the benchmark started it');
  out.push('  (a rate per CPU-second does not depend on other load on the machine; wall-clock rates do).');
  process.stdout.write(`${out.join('\n')}\n`);
}

interface Meta {
  date: string;
  node: string;
  platform: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  loadStart: string[];
  loadEnd: string[];
  seconds: number;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const t0 = performance.now();
  const loadStart = loadavg().map((x) => x.toFixed(2));
  const actors = loadActors(lexiconPath('actors.yaml'));
  const box = boxQueries(o.queries, o.seed + 1);
  const actorNames = ['syria-government-forces', 'russia-military-forces', 'hts', 'sdf', 'sna', 'isis', 'turkey-military-forces']
    .map((id) => actors.byId(id).nameAr);
  const texts = textQueries(Math.max(o.secondary, 10), o.seed + 2, actorNames);

  const results: BackendResult[] = [];
  const skipped: { backend: string; reason: string }[] = [];
  let server: PgServer | null = null;
  let current: BenchBackend | null = null;
  const onSignal = (sig: NodeJS.Signals): void => {
    log(`${sig}: stopping`);
    current?.abandon();
    server?.stop();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const name of o.backends) {
      let backend: BenchBackend;
      if (name === 'sqlite') {
        backend = sqliteBackend();
      } else {
        try {
          server = obtainPostgres(packageRoot());
          log(`postgres: ${server.origin}`);
        } catch (err) {
          const reason = (err as Error).message;
          log(`postgres: skipped — ${reason}`);
          skipped.push({ backend: 'postgres', reason });
          continue;
        }
        backend = postgresBackend(server.url, server.cpuSeconds);
      }
      current = backend;
      try {
        results.push(await runBackend(backend, o, actors, box, texts));
      } finally {
        const kept = await backend.dispose(o.keep);
        if (kept) log(kept);
        current = null;
      }
    }
  } finally {
    server?.stop();
  }

  const meta: Meta = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadStart,
    loadEnd: loadavg().map((x) => x.toFixed(2)),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  printReport(o, results, skipped, meta);
  if (o.json) {
    const path = resolve(o.json);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify({ meta, options: o, results, skipped }, null, 2)}\n`);
    log(`results written to ${path}`);
  }
  log(`done in ${meta.seconds} s`);
}

main().catch((err: unknown) => {
  process.stderr.write(`store-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
