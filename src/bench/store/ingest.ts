import type { EventStore } from '../../store/store.js';
import type { CorpusGenerator, EventColumns, GeneratedDoc } from './generate.js';

/** One stretch of loading, as measured. */
export interface IngestPhase {
  name: string;
  documents: number;
  events: number;
  seconds: number;
  docsPerSec: number;
  eventsPerSec: number;
  /** Documents per transaction. */
  batchDocs: number;
  transactions: number;
  /** Transactions in flight at once. */
  parallel: number;
  /** Events already in the store when the phase started. */
  startEvents: number;
  /** CPU seconds of this process spent storing (document generation left out). */
  clientCpuSeconds: number;
  /** CPU seconds of the database server (PostgreSQL cluster we started), else null. */
  serverCpuSeconds: number | null;
  /**
   * Events per CPU-second, client and server together: unlike wall-clock rates, unaffected by
   * other work on a shared machine (but not by lock waits or I/O either).
   */
  eventsPerCpuSec: number;
}

export interface IngestOptions {
  /** Total events to load (at least; the last document may carry a few more). */
  events: number;
  /** Events loaded in the measured phase: batches of `batchDocs`, one transaction at a time. */
  measureEvents: number;
  batchDocs: number;
  /** The rest: larger transactions, `loadParallel` of them at once. */
  loadBatchDocs: number;
  loadParallel: number;
  progress: (line: string) => void;
  /** CPU seconds used so far by the database server, when it can be observed. */
  serverCpu?: () => number | null;
}

export interface IngestResult {
  phases: IngestPhase[];
  /** Time spent making the synthetic documents (not included in the measured phase). */
  generateSeconds: number;
}

interface Counted {
  docs: number;
  events: number;
  seconds: number;
  transactions: number;
  clientCpu: number;
  serverCpu: number | null;
}

function phase(name: string, c: Counted, batchDocs: number, parallel: number, startEvents: number): IngestPhase {
  const cpu = c.clientCpu + (c.serverCpu ?? 0);
  return {
    name, documents: c.docs, events: c.events, seconds: round(c.seconds, 3), docsPerSec: round(c.docs / c.seconds, 1),
    eventsPerSec: round(c.events / c.seconds, 1), batchDocs, transactions: c.transactions, parallel, startEvents,
    clientCpuSeconds: round(c.clientCpu, 2), serverCpuSeconds: c.serverCpu === null ? null : round(c.serverCpu, 2),
    eventsPerCpuSec: round(c.events / cpu, 1),
  };
}

/** CPU seconds (user + system) of this process so far. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Load the generated stream through the real write path: putDocument inside transactions. The
 * store has no bulk-load method, so the large remainder uses the same call in bigger
 * transactions (and, on PostgreSQL, several at once, each on its own connection).
 */
export async function ingest(store: EventStore, gen: CorpusGenerator, columns: EventColumns, o: IngestOptions): Promise<IngestResult> {
  let generateMs = 0;
  let generateCpu = 0;
  let events = 0;
  const serverCpu = o.serverCpu ?? ((): null => null);
  let lastReport = performance.now();
  const makeBatch = (docs: number, untilEvents: number): GeneratedDoc[] => {
    const t0 = performance.now();
    const c0 = cpuNow();
    const batch: GeneratedDoc[] = [];
    while (batch.length < docs && events < untilEvents) {
      const d = gen.next();
      batch.push(d);
      events += d.events.length;
      for (const e of d.events) columns.push(e);
    }
    generateMs += performance.now() - t0;
    generateCpu += cpuNow() - c0;
    return batch;
  };
  const put = (batch: readonly GeneratedDoc[]): Promise<void> => store.transaction(async (tx) => {
    for (const d of batch) await tx.putDocument(d.doc, d.text, d.events);
  });
  const report = (rateFrom: number, t0: number, done: number): void => {
    const now = performance.now();
    if (now - lastReport < 5000) return;
    lastReport = now;
    const rate = (done - rateFrom) / ((now - t0) / 1000);
    o.progress(`${done.toLocaleString('en')} / ${o.events.toLocaleString('en')} events stored (${rate.toFixed(0)} events/s)`);
  };

  // Measured: small transactions one after another, as `marsad ingest` writes; only store time counts.
  const phases: IngestPhase[] = [];
  const measureTarget = Math.min(o.measureEvents, o.events);
  let docs = 0;
  let txs = 0;
  let storeMs = 0;
  let clientCpu = 0;
  const m0 = performance.now();
  const s0 = serverCpu();
  while (events < measureTarget) {
    const batch = makeBatch(o.batchDocs, Infinity);
    const t0 = performance.now();
    const c0 = cpuNow();
    await put(batch);
    clientCpu += cpuNow() - c0;
    storeMs += performance.now() - t0;
    docs += batch.length;
    txs++;
    report(0, m0, events);
  }
  const s1 = serverCpu();
  phases.push(phase('putDocument, measured', {
    docs, events, seconds: storeMs / 1000, transactions: txs, clientCpu, serverCpu: s0 === null || s1 === null ? null : s1 - s0,
  }, o.batchDocs, 1, 0));

  if (events < o.events) {
    const start = events;
    let loadDocs = 0;
    let loadTxs = 0;
    let stored = start;
    const l0 = performance.now();
    const lc0 = cpuNow();
    const lg0 = generateCpu;
    const ls0 = serverCpu();
    const worker = async (): Promise<void> => {
      for (;;) {
        const batch = makeBatch(o.loadBatchDocs, o.events);
        if (batch.length === 0) return;
        await put(batch);
        loadDocs += batch.length;
        loadTxs++;
        for (const d of batch) stored += d.events.length;
        report(start, l0, stored);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.loadParallel) }, worker));
    const wall = (performance.now() - l0) / 1000;
    const ls1 = serverCpu();
    phases.push(phase('putDocument, rest of the load', {
      docs: loadDocs, events: events - start, seconds: wall, transactions: loadTxs,
      clientCpu: cpuNow() - lc0 - (generateCpu - lg0), serverCpu: ls0 === null || ls1 === null ? null : ls1 - ls0,
    }, o.loadBatchDocs, Math.max(1, o.loadParallel), start));
  }
  return { phases, generateSeconds: round(generateMs / 1000, 2) };
}
