import { defaultParentOf } from '../../incidents/actors.js';
import { candidateKeys } from '../../incidents/candidate-keys.js';
import type { AssignOptions } from '../../incidents/incident-builder.js';
import type { EventWithSource } from '../../incidents/types.js';
import { documentId } from '../../ingest/document-id.js';
import type { DocumentRecord, Language, RawDocument } from '../../model/document.js';
import type { MarsadEvent } from '../../model/event.js';
import { processDocument, type PipelineResources, type ProcessedDocument } from '../../pipeline.js';
import { incidentInputOf, type IncidentStateCache } from '../incident-mapping.js';
import type { EventStore } from '../store.js';
import { assignDocumentEvents, type DocumentIncidents } from './assign-events.js';
import { DocumentProblem, problemMessage } from './document-problem.js';
import { documentPrint, findNearCopy, type DocumentPrint } from './near-copy.js';

/**
 * One document's way into the store, in two steps that may run apart: `prepareDocument` (the
 * extraction, pure CPU, no transaction open) and `storePrepared` (the writes, in a transaction
 * or a batch's savepoint). The queue's workers extract several documents, then store them in one
 * commit; `ingestItems` does both at once.
 */

/** A closed range of days, YYYY-MM-DD. */
export interface DaySpan {
  from: string;
  to: string;
}

export type DocumentOutcome =
  | { kind: 'unchanged'; docId: string }
  | { kind: 'added'; docId: string; events: number; nearCopy: boolean; incidents: DocumentIncidents; days: DaySpan | null };

/** What the step needs to know besides the document. */
export interface DocumentStepContext {
  resources: PipelineResources;
  published?: string | null;
  lang?: Language | null;
  opts: AssignOptions;
  cache: IncidentStateCache;
}

/** An extracted document, ready to be stored. */
export interface PreparedDocument {
  raw: RawDocument;
  doc: DocumentRecord;
  events: MarsadEvent[];
  print: DocumentPrint;
}

export function widenDays(span: DaySpan | null, date: { start: string; end: string } | null): DaySpan | null {
  if (date === null) return span;
  if (span === null) return { from: date.start, to: date.end };
  return { from: date.start < span.from ? date.start : span.from, to: date.end > span.to ? date.end : span.to };
}

/** The days a document's events and the incidents it changed touch (every member's dates). */
export function daysTouched(events: readonly MarsadEvent[], incidents: DocumentIncidents): DaySpan | null {
  let span: DaySpan | null = null;
  for (const e of events) span = widenDays(span, e.date);
  for (const s of [...incidents.created, ...incidents.updated]) for (const m of s.members) span = widenDays(span, m.date);
  return span;
}

/** Incident matching: the catalogue's parents ("<state>-military-forces" → "<state>" for the rest). */
export function incidentOptions(resources: PipelineResources, overrides?: AssignOptions): AssignOptions {
  const catalogue = resources.extract.parentOf;
  return { parentOf: (id) => catalogue(id) ?? defaultParentOf(id), ...overrides };
}

/**
 * A test-only fault: MARSAD_FAULT_INJECT=crash-on:<marker> makes extraction throw for any
 * document whose text contains <marker>, as a genuine extraction crash would. It exists so that
 * the resilience tests can prove a poison document ends in the dead-letter list; unset (always,
 * outside those tests) it costs one environment read per process.
 */
const FAULT = /^crash-on:(.+)$/s.exec(process.env['MARSAD_FAULT_INJECT'] ?? '')?.[1] ?? null;

function extract(raw: RawDocument, ctx: DocumentStepContext): ProcessedDocument {
  try {
    if (FAULT !== null && raw.text.includes(FAULT)) throw new Error(`injected fault (MARSAD_FAULT_INJECT=crash-on:${FAULT})`);
    return processDocument(raw, ctx.resources, { published: ctx.published ?? null, lang: ctx.lang ?? null });
  } catch (err) {
    throw new DocumentProblem(`could not process the document: ${problemMessage(err)}`);
  }
}

/** The stable id of a raw document (a hash of its text); a DocumentProblem when it has no text. */
export function rawDocumentId(raw: RawDocument): string {
  if (typeof raw.text !== 'string') throw new DocumentProblem('the document has no text');
  return documentId(raw.text);
}

/** Extract a document (no store access). */
export function prepareDocument(raw: RawDocument, ctx: DocumentStepContext): PreparedDocument {
  if (typeof raw.text !== 'string') throw new DocumentProblem('the document has no text');
  const { doc, events } = extract(raw, ctx);
  return { raw, doc, events, print: documentPrint(doc, raw.text) };
}

/**
 * Lock keys are coarser than the incident keys they stand for — cells of 3×3 grid cells, buckets
 * of 2 date buckets (src/incidents/candidate-keys.ts: "family|latCell:lonCell|bucket") — so that
 * an event dated over months or a document with many events takes tens of locks, not thousands.
 * Coarsening is always safe: two documents whose fine keys meet also meet on the coarse ones; it
 * only makes a few more of them take turns. A key of another shape is locked as it is.
 */
const LOCK_CELLS = 3;
const LOCK_BUCKETS = 2;
const INCIDENT_KEY = /^([^|]*)\|(-?\d+):(-?\d+)\|(-?\d+)$/;

function lockKeyOf(key: string): string {
  const m = INCIDENT_KEY.exec(key);
  if (m === null) return key;
  const [, family, la, lo, b] = m;
  return `${family!}|${Math.floor(Number(la) / LOCK_CELLS)}:${Math.floor(Number(lo) / LOCK_CELLS)}|${Math.floor(Number(b) / LOCK_BUCKETS)}`;
}

/**
 * What a document's store step may touch, to lock before it looks (EventStore.lockKeys): its LSH
 * bands (its near-copy candidates, and where its fingerprint is filed) and its events' incident
 * candidate keys, coarsened (every incident they may join or open is filed under one of them).
 * An event whose keys cannot be computed fails the document later, in assignDocumentEvents.
 */
export function storeKeys(p: PreparedDocument, ctx: DocumentStepContext): string[] {
  const keys = new Set<string>();
  for (const b of p.print.bands) keys.add(`b:${b}`);
  for (const e of p.events) {
    let ks: string[];
    try {
      ks = candidateKeys(e, ctx.opts);
    } catch {
      continue;
    }
    for (const k of ks) keys.add(`k:${lockKeyOf(k)}`);
  }
  return [...keys];
}

/**
 * Store a prepared document through `db` (the store, or an open transaction: then a savepoint,
 * so a failure takes back this document only): the document, its fingerprint, its near-copy
 * link and its events' incidents, all or nothing. A document already stored is left alone.
 */
export async function storePrepared(p: PreparedDocument, db: EventStore, ctx: DocumentStepContext): Promise<DocumentOutcome> {
  const { doc, events, print, raw } = p;
  const keys = storeKeys(p, ctx);
  return db.transaction(async (tx): Promise<DocumentOutcome> => {
    const put = await tx.putDocument(doc, raw.text, events);
    // Stored meanwhile by another process: its transaction did all of this already.
    if (!put.added) return { kind: 'unchanged', docId: doc.id };
    // Taken after the insert: a document stored meanwhile never waits for keys it will not use.
    if (tx.lockKeys !== undefined) await tx.lockKeys(keys);
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
    const incidents = await assignDocumentEvents(tx, withSource, duplicateOf === null, ctx.opts, ctx.cache);
    for (const s of incidents.created) ctx.cache.put(await tx.putIncident(incidentInputOf(s)), s);
    for (const s of incidents.updated) ctx.cache.put(await tx.updateIncident(incidentInputOf(s)), s);
    return { kind: 'added', docId: doc.id, events: events.length, nearCopy: duplicateOf !== null, incidents, days: daysTouched(events, incidents) };
  });
}

/** Both steps: skip a stored document before any extraction work (its id is a hash of its text). */
export async function ingestDocument(raw: RawDocument, db: EventStore, ctx: DocumentStepContext): Promise<DocumentOutcome> {
  const id = rawDocumentId(raw);
  if (await db.hasDocument(id)) return { kind: 'unchanged', docId: id };
  return storePrepared(prepareDocument(raw, ctx), db, ctx);
}
