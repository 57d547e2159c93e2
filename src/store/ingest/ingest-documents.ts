import { defaultParentOf } from '../../incidents/actors.js';
import type { AssignOptions } from '../../incidents/incident-builder.js';
import type { EventWithSource } from '../../incidents/types.js';
import { documentId } from '../../ingest/document-id.js';
import type { InputItem } from '../../ingest/read-inputs.js';
import type { RawDocument } from '../../model/document.js';
import type { MarsadEvent } from '../../model/event.js';
import { processDocument, type ProcessedDocument } from '../../pipeline.js';
import { StoreInputError } from '../errors.js';
import { IncidentStateCache, incidentInputOf } from '../incident-mapping.js';
import type { EventStore } from '../store.js';
import { untilAborted } from './abortable.js';
import { assignDocumentEvents, type DocumentIncidents } from './assign-events.js';
import { DocumentProblem, problemMessage } from './document-problem.js';
import { documentPrint, findNearCopy } from './near-copy.js';
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

type Outcome =
  | { kind: 'unchanged'; docId: string }
  | { kind: 'added'; docId: string; events: number; nearCopy: boolean; incidents: DocumentIncidents; days: DaySpan | null };

/** A closed range of days, YYYY-MM-DD. */
interface DaySpan {
  from: string;
  to: string;
}

function widen(span: DaySpan | null, date: { start: string; end: string } | null): DaySpan | null {
  if (date === null) return span;
  if (span === null) return { from: date.start, to: date.end };
  return { from: date.start < span.from ? date.start : span.from, to: date.end > span.to ? date.end : span.to };
}

/** The days a document's events and the incidents it changed touch (every member's dates). */
function daysTouched(events: readonly MarsadEvent[], incidents: DocumentIncidents): DaySpan | null {
  let span: DaySpan | null = null;
  for (const e of events) span = widen(span, e.date);
  for (const s of [...incidents.created, ...incidents.updated]) for (const m of s.members) span = widen(span, m.date);
  return span;
}

interface Run {
  ctx: IngestContext;
  opts: AssignOptions;
  cache: IncidentStateCache;
}

function incidentOptions(ctx: IngestContext): AssignOptions {
  const catalogue = ctx.resources.extract.parentOf;
  // The catalogue knows its own parents; "<state>-military-forces" → "<state>" covers the rest.
  return { parentOf: (id) => catalogue(id) ?? defaultParentOf(id), ...ctx.incidents };
}

function extract(raw: RawDocument, ctx: IngestContext): ProcessedDocument {
  try {
    return processDocument(raw, ctx.resources, { published: ctx.published ?? null, lang: ctx.lang ?? null });
  } catch (err) {
    throw new DocumentProblem(`could not process the document: ${problemMessage(err)}`);
  }
}

/** One document through `db`: the store itself, or the open batch transaction. */
async function ingestDocument(raw: RawDocument, db: EventStore, run: Run): Promise<Outcome> {
  // The id is a hash of the text: a stored document is recognised before any extraction work.
  if (typeof raw.text !== 'string') throw new DocumentProblem('the document has no text');
  const id = documentId(raw.text);
  if (await db.hasDocument(id)) return { kind: 'unchanged', docId: id };
  const { doc, events } = extract(raw, run.ctx);
  const print = documentPrint(doc, raw.text);

  // Inside a batch this is a savepoint: a failure takes back this document only.
  return db.transaction(async (tx): Promise<Outcome> => {
    const put = await tx.putDocument(doc, raw.text, events);
    // Stored meanwhile by another process: its transaction did all of this already.
    if (!put.added) return { kind: 'unchanged', docId: doc.id };
    const near = await findNearCopy(tx, print, doc.id);
    let duplicateOf: string | null = null;
    if (near !== null) {
      await tx.putFingerprint(doc.id, print.serialised, []);
      await tx.linkDuplicate(doc.id, near.docId, near.similarity);
      // The link goes to the first copy (the original may since have been marked a copy itself):
      // incidents must see what a later reading of the store will see.
      duplicateOf = (await tx.getDocument(doc.id))?.duplicate_of ?? near.docId;
    } else {
      await tx.putFingerprint(doc.id, print.serialised, print.bands);
    }
    const withSource: EventWithSource[] = events.map((event) => ({
      event, source: doc.source, doc_id: doc.id, duplicate_of: duplicateOf, published: doc.published,
    }));
    const incidents = await assignDocumentEvents(tx, withSource, duplicateOf === null, run.opts, run.cache);
    for (const s of incidents.created) run.cache.put(await tx.putIncident(incidentInputOf(s)), s);
    for (const s of incidents.updated) run.cache.put(await tx.updateIncident(incidentInputOf(s)), s);
    return { kind: 'added', docId: doc.id, events: events.length, nearCopy: duplicateOf !== null, incidents, days: daysTouched(events, incidents) };
  });
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

  let current = await take();
  while (current !== null) {
    if (batchSize === 1) {
      await handleItem(current, ctx.store, run, tally);
      await settle();
      current = await take();
      continue;
    }
    // The batch takes items while they come quickly; when the source makes it wait (a feed
    // between polls, a watched folder), it commits and the wait goes on outside the
    // transaction, so the SQLite write lock is never held while nothing happens.
    let ended = false;
    await ctx.store.transaction(async (tx) => {
      const opened = Date.now();
      for (let n = 1; ; n++) {
        await handleItem(current!, tx, run, tally);
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
      }
    });
    if (!ended) await settle();
    current = ended ? null : await take();
  }
  if (ctx.onSettled && tally.hasPending()) await ctx.onSettled(tally.takePending());
  return {
    ...tally.counts, errorList: tally.errorList, stopped: ctx.signal?.aborted === true, elapsedMs: Date.now() - started,
    changes: tally.changes,
  };
}
