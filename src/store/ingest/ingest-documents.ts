import { retryConflicts } from './conflict-retry.js';
import type { AssignOptions } from '../../incidents/incident-builder.js';
import type { InputItem } from '../../ingest/read-inputs.js';
import type { RawDocument } from '../../model/document.js';
import { StoreInputError } from '../errors.js';
import { IncidentStateCache } from '../incident-mapping.js';
import type { EventStore } from '../store.js';
import { untilAborted } from './abortable.js';
import type { DocumentIncidents } from './assign-events.js';
import { DocumentProblem, problemMessage } from './document-problem.js';
import {
  incidentOptions as assignOptionsOf, ingestDocument as ingestOne, widenDays as widen, type DaySpan, type DocumentOutcome,
} from './document-step.js';
import { untilDatabaseAnswers } from '../postgres/connection-errors.js';
import type { IngestChanges, IngestContext, IngestCounts, IngestError, IngestProgress, IngestSummary } from './types.js';

/**
 * Ingest: documents from any source into the store, each document in one transaction.
 *
 * For each document: skip it when its stable id is stored (unchanged); extract its events
 * (pipeline.ts); then, atomically, store it with its events and its fingerprint, link it to the
 * stored original it is a near-copy of (if any), and put its events into incidents. A crash at
 * any point leaves each document either wholly stored (with its incident changes) or not at all,
 * and a re-run picks up after the last commit. Documents are handled strictly in input order, so
 * the same inputs in the same order give the same store.
 *
 * With batchSize > 1 several documents share one commit (each still in its own savepoint, so a
 * bad one rolls back alone): much faster on SQLite, and a crash then loses the whole open batch
 * — only whole documents, which the re-run stores again.
 *
 * A bad input item, or a document that cannot be processed or stored, is reported and the run
 * goes on; a failure of the store itself (disk full, connection lost) ends the run.
 */

type Outcome = DocumentOutcome;

interface Run {
  ctx: IngestContext;
  opts: AssignOptions;
  cache: IncidentStateCache;
}

function incidentOptions(ctx: IngestContext): AssignOptions {
  return assignOptionsOf(ctx.resources, ctx.incidents);
}

/** One document through `db`: the store itself, or the open batch transaction. */
function ingestDocument(raw: RawDocument, db: EventStore, run: Run): Promise<Outcome> {
  return ingestOne(raw, db, { resources: run.ctx.resources, published: run.ctx.published ?? null, lang: run.ctx.lang ?? null, opts: run.opts, cache: run.cache });
}

function isDocumentProblem(err: unknown): boolean {
  return err instanceof DocumentProblem || err instanceof StoreInputError;
}

/** Running totals, and what is reported as each item is handled. */
class Tally {
  readonly counts: IngestCounts = {
    read: 0, added: 0, unchanged: 0, nearDuplicates: 0, errors: 0, eventsAdded: 0, incidentsCreated: 0, incidentsUpdated: 0,
  };
  readonly errorList: IngestError[] = [];
  private readonly created = new Set<string>();
  private readonly updated = new Set<string>();
  /** Changes of the whole run, and those not yet handed to onSettled. */
  private readonly all = new ChangeSet();
  private pending = new ChangeSet();

  constructor(private readonly ctx: IngestContext) {}

  /** The totals as they are, to go back to when a batch is rolled back and replayed. */
  snapshot(): () => void {
    const counts = { ...this.counts };
    const errors = this.errorList.length;
    const created = new Set(this.created);
    const updated = new Set(this.updated);
    const all = this.all.clone();
    const pending = this.pending.clone();
    return () => {
      Object.assign(this.counts, counts);
      this.errorList.length = errors;
      for (const [set, was] of [[this.created, created], [this.updated, updated]] as const) {
        set.clear();
        for (const id of was) set.add(id);
      }
      this.all.restore(all);
      this.pending = pending.clone();
    };
  }

  fail(e: IngestError): void {
    this.counts.errors++;
    this.errorList.push(e);
    this.ctx.onError?.(e);
  }

  outcome(out: Outcome): IngestProgress['status'] {
    const c = this.counts;
    if (out.kind === 'unchanged') {
      c.unchanged++;
      return 'unchanged';
    }
    c.added++;
    c.eventsAdded += out.events;
    if (out.nearCopy) c.nearDuplicates++;
    for (const s of out.incidents.created) this.created.add(s.id);
    // An incident opened earlier in this run and joined now is still "created".
    for (const s of out.incidents.updated) if (!this.created.has(s.id)) this.updated.add(s.id);
    c.incidentsCreated = this.created.size;
    c.incidentsUpdated = this.updated.size;
    for (const set of [this.all, this.pending]) set.add(out.incidents, out.days);
    return out.nearCopy ? 'near-duplicate' : 'added';
  }

  get changes(): IngestChanges {
    return this.all.toChanges();
  }

  hasPending(): boolean {
    return !this.pending.empty;
  }

  /** The changes since the last call, and start afresh. */
  takePending(): IngestChanges {
    const out = this.pending.toChanges();
    this.pending = new ChangeSet();
    return out;
  }

  progress(current: string, status: IngestProgress['status'], docId: string | null): void {
    this.ctx.onProgress?.({ ...this.counts, current, status, docId });
  }
}

/** Incidents changed and days touched, accumulated. */
class ChangeSet {
  private readonly incidents = new Set<string>();
  private days: DaySpan | null = null;
  empty = true;

  clone(): ChangeSet {
    const c = new ChangeSet();
    c.restore(this);
    return c;
  }

  restore(from: ChangeSet): void {
    this.incidents.clear();
    for (const id of from.incidents) this.incidents.add(id);
    this.days = from.days;
    this.empty = from.empty;
  }

  add(incidents: DocumentIncidents, days: DaySpan | null): void {
    for (const s of incidents.created) this.incidents.add(s.id);
    for (const s of incidents.updated) this.incidents.add(s.id);
    if (days !== null) this.days = widen(this.days, { start: days.from, end: days.to });
    if (this.incidents.size > 0 || this.days !== null) this.empty = false;
  }

  toChanges(): IngestChanges {
    return { incidentIds: [...this.incidents].sort(), from: this.days?.from ?? null, to: this.days?.to ?? null };
  }
}

async function handleItem(item: InputItem, db: EventStore, run: Run, tally: Tally): Promise<void> {
  if (item.kind === 'error') {
    tally.fail({ input: item.input, message: item.message });
    tally.progress(item.input, 'error', null);
    return;
  }
  tally.counts.read++;
  try {
    const out = await ingestDocument(item.doc, db, run);
    tally.progress(item.doc.inputId, tally.outcome(out), out.docId);
  } catch (err) {
    if (!isDocumentProblem(err)) throw err;
    tally.fail({ input: item.doc.inputId, message: problemMessage(err) });
    tally.progress(item.doc.inputId, 'error', null);
  }
}

/** The result of `p`, or 'timeout' when it takes longer than `ms` (p keeps running). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function ingestItems(items: AsyncIterable<InputItem>, ctx: IngestContext): Promise<IngestSummary> {
  const started = Date.now();
  const run: Run = { ctx, opts: incidentOptions(ctx), cache: new IncidentStateCache() };
  const tally = new Tally(ctx);
  const batchSize = ctx.batchSize ?? 1;
  const maxBatchMs = ctx.maxBatchMs ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`ingestItems: batchSize must be a whole number >= 1, got ${batchSize}`);

  const it = untilAborted(items, ctx.signal)[Symbol.asyncIterator]();
  // The request for the next item, kept across a commit when it did not come in time.
  let pending: Promise<IteratorResult<InputItem>> | null = null;
  const pull = (): Promise<IteratorResult<InputItem>> => (pending ??= it.next());
  const take = async (): Promise<InputItem | null> => {
    const r = await pull();
    pending = null;
    return r.done === true ? null : r.value;
  };

  const settleMs = ctx.settleMs ?? 1000;
  // Committed changes are handed on when the inputs keep the run waiting: a live source between
  // polls. Inputs that keep coming (files, a backlog) are not interrupted.
  const settle = async (): Promise<void> => {
    if (!ctx.onSettled || !tally.hasPending()) return;
    if ((await within(pull(), settleMs)) !== 'timeout') return;
    await ctx.onSettled(tally.takePending());
  };

  // The database going away (a restart, a failover) rolls back the open transaction: the run
  // waits until it answers again, then replays the items of that transaction, counted afresh.
  const wait = {
    ...(ctx.onDatabaseWait ? { onWait: ctx.onDatabaseWait } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
  let current = await take();
  while (current !== null) {
    if (batchSize === 1) {
      const item = current;
      const restore = tally.snapshot();
      await untilDatabaseAnswers(() => retryConflicts(async () => {
        restore();
        await handleItem(item, ctx.store, run, tally);
      }), wait);
      await settle();
      current = await take();
      continue;
    }
    // The batch takes items while they come quickly; when the source makes it wait (a feed
    // between polls, a watched folder), it commits and the wait goes on outside the
    // transaction, so the SQLite write lock is never held while nothing happens.
    let ended = false;
    const batch: InputItem[] = [current];
    const restore = tally.snapshot();
    // A deadlock with another writer (queue workers storing at the same time) rolls the batch
    // back too: it is replayed the same way (retryConflicts).
    await untilDatabaseAnswers(() => retryConflicts(() => {
      restore();
      return ctx.store.transaction(async (tx) => {
        const opened = Date.now();
        // Once, or again after a lost connection: the items this transaction has taken so far.
        for (const item of batch) await handleItem(item, tx, run, tally);
        if (ended) return;
        for (let n = batch.length; ; n++) {
          const left = maxBatchMs - (Date.now() - opened);
          if (n >= batchSize || left <= 0) return;
          const r = await within(pull(), left);
          if (r === 'timeout') return;
          pending = null;
          if (r.done === true) {
            ended = true;
            return;
          }
          current = r.value;
          batch.push(current);
          await handleItem(current, tx, run, tally);
        }
      });
    }), wait);
    if (!ended) await settle();
    current = ended ? null : await take();
  }
  if (ctx.onSettled && tally.hasPending()) await ctx.onSettled(tally.takePending());
  return {
    ...tally.counts, errorList: tally.errorList, stopped: ctx.signal?.aborted === true, elapsedMs: Date.now() - started,
    changes: tally.changes,
  };
}
