import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { PipelineResources } from '../pipeline.js';
import { IncidentStateCache } from '../store/incident-mapping.js';
import { retryConflicts } from '../store/ingest/conflict-retry.js';
import type { DocumentOutcome, DocumentStepContext, PreparedDocument } from '../store/ingest/document-step.js';
import { incidentOptions, prepareDocument, storePrepared } from '../store/ingest/document-step.js';
import { reprocessDocuments } from '../store/ingest/reprocess.js';
import type { StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';
import { AfterStore } from './after-store.js';
import type { QueueConfig } from './config.js';
import { openRedis } from './connection.js';
import { untilDatabaseAnswers } from './db-wait.js';
import { GroupCommitter } from './group-commit.js';
import { parseDocumentJob, parseReprocessJob, QUEUE_NAME } from './job-types.js';

export interface WorkerOptions {
  queue: QueueConfig;
  store: EventStore;
  storeConfig: StoreConfig;
  resources: PipelineResources;
  home: string;
  /**
   * Jobs this process holds at once (default DEFAULT_WORKER_CONCURRENCY): extracted one after
   * another on this process's one core, their store steps overlapping while they wait for the
   * database. For more cores, run more processes.
   */
  concurrency?: number;
  /**
   * Documents per commit (default 1: each document in its own transaction, which key locks let
   * run in parallel with the other workers'). Above 1, group commits (GroupCommitter).
   */
  batch?: number;
  /** Monitor refresh after commits (default true). */
  monitor?: boolean;
  log?: (line: string) => void;
}

/**
 * Jobs a worker holds at once unless told otherwise: one, as BullMQ's own default. A document
 * costs about as much CPU in the worker (extraction, the client side of ~25 queries) as in the
 * database, so one worker with one job in hand keeps about one core busy between the two, and
 * each worker added (one per core, or per machine) adds about as much again — on this project's
 * 2-core benchmark machine 1 → 2 workers gave 44 → 88 documents/s. A higher --concurrency gets
 * more out of ONE process (8: 88 documents/s alone on that machine, where a second process then
 * adds nothing, the cores being full); it pays when the database is far away (latency to hide)
 * or when one process must use a whole small machine.
 */
export const DEFAULT_WORKER_CONCURRENCY = 1;

export interface WorkerStats {
  documents: number;
  added: number;
  unchanged: number;
  reprocessed: number;
  failed: number;
}

export interface RunningWorker {
  stats: WorkerStats;
  /**
   * Stop taking jobs, finish the ones in hand (extract, commit, mark completed), run the stages
   * after the store over what is pending, and release the connections. The store is the
   * caller's to close.
   */
  stop(): Promise<void>;
}

export interface DocumentJobResult {
  status: DocumentOutcome['kind'];
  docId: string;
  events: number;
}

/**
 * `marsad worker`: takes jobs from the queue and does what `marsad ingest` does in process —
 * extraction (src/pipeline.ts), then the store's ingest step (document, near-copy link,
 * incidents), one transaction per document (or group commits with --batch), then reviews
 * reapplied and the monitor refreshed.
 *
 * Safe to run as many times over as wanted, on as many machines: a document is stored once
 * (its id is a hash of its text; putDocument is a no-op on a stored id), and the incident step
 * takes key locks (EventStore.lockKeys): documents that could share a near-copy or an incident
 * take turns, the others are stored in parallel across processes. A worker killed mid-job loses
 * nothing: the job's claim lapses (MARSAD_QUEUE_LOCK_MS) and another worker takes it; what the
 * killed one had committed is recognised as stored.
 */
export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const log = o.log ?? ((line: string) => process.stderr.write(`marsad worker: ${line}\n`));
  const stats: WorkerStats = { documents: 0, added: 0, unchanged: 0, reprocessed: 0, failed: 0 };
  const cache = new IncidentStateCache();
  const opts = incidentOptions(o.resources);
  const base: DocumentStepContext = { resources: o.resources, opts, cache };
  const after = new AfterStore({
    store: o.store, storeConfig: o.storeConfig, home: o.home, actors: o.resources.actors, monitor: o.monitor !== false, log,
  });
  const waitLog = (err: unknown, ms: number): void => {
    log(`database unreachable (${err instanceof Error ? err.message : String(err)}); retrying in ${ms} ms`);
  };
  const noteStored = (outcomes: readonly DocumentOutcome[]): void => {
    for (const out of outcomes) {
      if (out.kind !== 'added') continue;
      const ids = [...out.incidents.created, ...out.incidents.updated].map((s) => s.id);
      after.note({ incidentIds: ids, from: out.days?.from ?? null, to: out.days?.to ?? null });
    }
  };
  const conflictLog = (err: unknown, attempt: number, ms: number): void => {
    log(`transaction conflict (${err instanceof Error ? err.message : String(err)}); running it again in ${ms} ms (try ${attempt + 1})`);
  };
  const batch = o.batch ?? 1;
  const committer = batch > 1
    ? new GroupCommitter(o.store, base, { maxBatch: batch, wait: { onWait: waitLog }, conflicts: { onRetry: conflictLog }, onCommitted: noteStored })
    : null;
  // One document, one transaction: a lost connection waits for the database, a deadlock or
  // serialization failure runs the transaction again; neither costs the job an attempt.
  const storeOne = async (prepared: PreparedDocument): Promise<DocumentOutcome> => {
    if (committer !== null) return committer.submit(prepared);
    const out = await untilDatabaseAnswers(
      () => retryConflicts(() => storePrepared(prepared, o.store, base), { onRetry: conflictLog }), { onWait: waitLog });
    noteStored([out]);
    return out;
  };

  const processJob = async (job: Job): Promise<DocumentJobResult | { reprocessed: number }> => {
    if (job.name === 'document') {
      let data;
      try {
        data = parseDocumentJob(job.data);
      } catch (err) {
        // A malformed payload will not improve with retries.
        throw new UnrecoverableError((err as Error).message);
      }
      const prepared = prepareDocument(data.raw, { ...base, published: data.published, lang: data.lang });
      const out = await storeOne(prepared);
      stats.documents++;
      if (out.kind === 'added') stats.added++;
      else stats.unchanged++;
      return { status: out.kind, docId: out.docId, events: out.kind === 'added' ? out.events : 0 };
    }
    if (job.name === 'reprocess') {
      const { docIds } = parseReprocessJob(job.data);
      const r = await untilDatabaseAnswers(() => reprocessDocuments(o.store, docIds, base), { onWait: waitLog });
      stats.reprocessed += r.documents;
      after.note({ incidentIds: r.incidentIds, from: r.from, to: r.to });
      return { reprocessed: r.documents };
    }
    throw new UnrecoverableError(`unknown job kind ${JSON.stringify(job.name)}`);
  };

  const worker = new Worker(QUEUE_NAME, processJob, {
    connection: openRedis(o.queue),
    prefix: o.queue.prefix,
    concurrency: o.concurrency ?? DEFAULT_WORKER_CONCURRENCY,
    lockDuration: o.queue.lockMs,
    stalledInterval: o.queue.lockMs,
    // A job whose worker died twice in a row is likely what kills workers: dead-letter it.
    maxStalledCount: 2,
    autorun: true,
  });
  worker.on('failed', (job, err) => {
    stats.failed++;
    if (job) {
      const last = job.attemptsMade >= (job.opts.attempts ?? 1);
      log(`job ${job.id} failed (try ${job.attemptsMade}/${job.opts.attempts ?? 1}${last ? ', moved to the dead-letter list' : ''}): ${err.message}`);
    }
  });
  worker.on('error', (err) => log(`queue: ${err.message}`));
  await worker.waitUntilReady();

  let stopping: Promise<void> | null = null;
  return {
    stats,
    stop() {
      stopping ??= (async () => {
        await worker.close();
        await committer?.idle();
        await after.close();
      })();
      return stopping;
    },
  };
}
