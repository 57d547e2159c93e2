import { summariseIncident } from '../../incidents/summarise.js';
import type { EventWithSource } from '../../incidents/types.js';
import type { RawDocument } from '../../model/document.js';
import { processDocument } from '../../pipeline.js';
import { StoreInputError } from '../errors.js';
import { incidentInputOf, incidentStateOf } from '../incident-mapping.js';
import { iterateEvents } from '../iterate.js';
import type { PgStore } from '../postgres/pg-store.js';
import type { EventStore } from '../store.js';
import type { StoredDocument, StoredEvent } from '../types.js';
import { assignDocumentEvents } from './assign-events.js';
import { DocumentProblem, problemMessage } from './document-problem.js';
import { daysTouched, widenDays, type DaySpan, type DocumentStepContext } from './document-step.js';

/**
 * Re-extraction of stored documents after the lexicons or the gazetteer changed: each
 * document's stored original text goes through the pipeline again, its events are replaced, and
 * the incidents it was part of are rebuilt without its old events before the new ones are
 * assigned. The analysts' reviews are laid over again afterwards by the caller
 * (ReviewService.reapply over `incidentIds`).
 *
 * PostgreSQL only: it needs the store to replace a document's events and to list documents in a
 * stable order for checkpoints, which the PostgreSQL store offers.
 */

export interface ReprocessResult {
  documents: number;
  eventsBefore: number;
  eventsAfter: number;
  /** Incidents created, rebuilt or removed: what reviews and the monitor must look at again. */
  incidentIds: string[];
  from: string | null;
  to: string | null;
  /** Documents that could not be re-extracted (kept as they were). */
  problems: { docId: string; message: string }[];
}

type ReprocessStore = EventStore & Pick<PgStore, 'replaceDocumentEvents' | 'lockIncidentsNow'>;

export function canReprocess(store: EventStore): store is ReprocessStore {
  return typeof (store as Partial<ReprocessStore>).replaceDocumentEvents === 'function';
}

/** The raw document a stored one was made from, as far as its record tells. */
export function rawOfStored(s: StoredDocument): RawDocument {
  const d = s.doc;
  return {
    inputId: d.input_id, text: s.text, url: d.url, title: d.title, byline: d.byline, source: d.source, dateline: d.dateline,
    // The date found the first time stands, whatever its origin: the same text reads the same.
    published: d.published, language: d.language === 'und' ? null : d.language,
    // Furniture found the first time means the text was not an HTML extraction.
    fromHtml: false,
  };
}

async function eventsOf(store: EventStore, filter: { doc_id?: string; incident_id?: string }): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const se of iterateEvents(store, filter)) out.push(se);
  return out;
}

/**
 * Reprocess `docIds` in one transaction (all or nothing: a checkpoint written in the same
 * transaction then marks exactly what was done). `inTx` runs last inside it.
 */
export async function reprocessDocuments(
  store: EventStore, docIds: readonly string[], ctx: DocumentStepContext, inTx?: (tx: EventStore) => Promise<void>,
): Promise<ReprocessResult> {
  if (!canReprocess(store)) throw new StoreInputError('reprocess needs the PostgreSQL store (MARSAD_STORE=postgres://…)');
  const result: ReprocessResult = { documents: 0, eventsBefore: 0, eventsAfter: 0, incidentIds: [], from: null, to: null, problems: [] };
  // Extraction first, outside the transaction: the lock is held only while writing.
  const extracted: { stored: StoredDocument; doc: ReturnType<typeof processDocument>['doc']; events: ReturnType<typeof processDocument>['events'] }[] = [];
  for (const id of docIds) {
    const stored = await store.getDocument(id);
    if (stored === null) continue;
    try {
      const { doc, events } = processDocument(rawOfStored(stored), ctx.resources, {});
      if (doc.id !== id) throw new Error(`the text now hashes to ${doc.id}`);
      extracted.push({ stored, doc, events });
    } catch (err) {
      result.problems.push({ docId: id, message: problemMessage(err) });
    }
  }
  const touched = new Set<string>();
  let days: DaySpan | null = null;
  await store.transaction(async (raw) => {
    const tx = raw as ReprocessStore;
    await tx.lockIncidentsNow();
    for (const { stored, doc, events } of extracted) {
      const old = await eventsOf(tx, { doc_id: doc.id });
      const oldIds = new Set(old.map((se) => se.event.id));
      for (const se of old) days = widenDays(days, se.event.date);
      // The incidents holding the old events, rebuilt without them (removed when left empty).
      const incidentIds = new Set<string>();
      for (const se of old) {
        const page = await tx.listIncidents({ event_id: se.event.id }, { limit: 10 });
        for (const inc of page.items) incidentIds.add(inc.id);
      }
      for (const incId of [...incidentIds].sort()) {
        const inc = await tx.getIncident(incId);
        if (inc === null) continue;
        touched.add(incId);
        const members = await eventsOf(tx, { incident_id: incId });
        const state = incidentStateOf(inc, new Map(members.map((se) => [se.event.id, se])), ctx.opts);
        const kept = state.members.filter((m) => !oldIds.has(m.event_id));
        for (const m of state.members) days = widenDays(days, m.date);
        if (kept.length === 0) {
          await tx.deleteIncident(incId);
          continue;
        }
        const rebuilt = summariseIncident(incId, kept, inc.grade === 'discounted', ctx.opts);
        ctx.cache.put(await tx.updateIncident(incidentInputOf(rebuilt)), rebuilt);
      }
      await tx.replaceDocumentEvents(doc, events);
      const withSource: EventWithSource[] = events.map((event) => ({
        event, source: doc.source, doc_id: doc.id, duplicate_of: stored.duplicate_of, published: doc.published,
      }));
      let assigned;
      try {
        assigned = await assignDocumentEvents(tx, withSource, stored.duplicate_of === null, ctx.opts, ctx.cache);
      } catch (err) {
        if (err instanceof DocumentProblem) {
          result.problems.push({ docId: doc.id, message: err.message });
          continue;
        }
        throw err;
      }
      for (const s of assigned.created) ctx.cache.put(await tx.putIncident(incidentInputOf(s)), s);
      for (const s of assigned.updated) ctx.cache.put(await tx.updateIncident(incidentInputOf(s)), s);
      for (const s of [...assigned.created, ...assigned.updated]) touched.add(s.id);
      const span = daysTouched(events, assigned);
      if (span !== null) days = widenDays(days, { start: span.from, end: span.to });
      result.documents++;
      result.eventsBefore += old.length;
      result.eventsAfter += events.length;
    }
    await inTx?.(tx);
  });
  result.incidentIds = [...touched].sort();
  const span = days as DaySpan | null;
  result.from = span?.from ?? null;
  result.to = span?.to ?? null;
  return result;
}
