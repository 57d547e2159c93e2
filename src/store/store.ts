import type { DocumentRecord } from '../model/document.js';
import type { MarsadEvent } from '../model/event.js';
import type {
  DocumentSummary, EventFilter, FingerprintCandidate, Incident, IncidentFilter, IncidentInput, Page, PageRequest,
  PutResult, StoreCounts, StoredDocument, StoredEvent,
} from './types.js';

export type * from './types.js';

/**
 * The one storage interface. SQLite (embedded default) and PostgreSQL (teams) implement it with
 * the same behaviour; test/store/store-contract.ts is the definition of that behaviour.
 */
export interface EventStore {
  /** 'sqlite' or 'postgres', for messages. */
  readonly kind: 'sqlite' | 'postgres';

  /** Create or upgrade the schema; safe to call on every start and from several processes. */
  migrate(): Promise<void>;

  /**
   * Store a document with its original text and all its events, atomically. A document id
   * already present is a no-op ({added: false}); events must carry doc_id === doc.id.
   */
  putDocument(doc: DocumentRecord, text: string, events: readonly MarsadEvent[]): Promise<PutResult>;
  getDocument(id: string): Promise<StoredDocument | null>;
  hasDocument(id: string): Promise<boolean>;
  /** Documents whose title or text matches `text` (same analysis as event search), newest first. */
  searchDocuments(text: string, page?: PageRequest): Promise<Page<DocumentSummary>>;
  /**
   * Mark `docId` as a near-copy of `ofDocId` (followed to the first copy when that is itself a
   * duplicate). Both must be stored.
   */
  linkDuplicate(docId: string, ofDocId: string, similarity: number): Promise<void>;

  /**
   * Keep a stored document's near-duplicate fingerprint (replacing any it had) and file it under
   * `bands`, its LSH band keys. Pass no bands for a linked copy: its original stands for it, and
   * indexing copies would crowd the original's bands.
   */
  putFingerprint(docId: string, fingerprint: string, bands: readonly string[]): Promise<void>;
  /**
   * The fingerprints of documents filed under at least one of `bands`, in the order they were
   * filed (oldest first). A band held by more than `crowded` documents is skipped: that many
   * unrelated stories share it through boilerplate, not through being copies of one another.
   */
  findNearCandidates(bands: readonly string[], crowded: number): Promise<FingerprintCandidate[]>;

  listEvents(filter?: EventFilter, page?: PageRequest): Promise<Page<StoredEvent>>;
  getEvent(id: string): Promise<StoredEvent | null>;

  /** Insert a new incident; its member events must be stored and in no other incident. */
  putIncident(incident: IncidentInput): Promise<Incident>;
  /** Replace an existing incident (members included); keeps created_at. */
  updateIncident(incident: IncidentInput): Promise<Incident>;
  /** Remove an incident (when merged into another); false when it did not exist. */
  deleteIncident(id: string): Promise<boolean>;
  getIncident(id: string): Promise<Incident | null>;
  listIncidents(filter?: IncidentFilter, page?: PageRequest): Promise<Page<Incident>>;
  /**
   * Incidents filed under any of these blocking keys (src/incidents/candidate-keys.ts; the store
   * files each incident under the keys of its sub-type, place and dates), sorted by id.
   */
  findIncidentsByKeys(keys: readonly string[]): Promise<Incident[]>;

  counts(): Promise<StoreCounts>;

  /**
   * Inside a transaction, before its near-copy and incident look-ups: lock these keys (a
   * document's LSH bands and its events' incident candidate keys, see storePrepared) until the
   * transaction ends, so that transactions storing documents about other texts and places run in
   * parallel while those that could meet take turns. After it, the transaction's near-copy and
   * incident writes must stay within those keys. Optional: a store whose transactions already
   * run one at a time (SQLite) leaves it out, and callers skip it.
   */
  lockKeys?(keys: readonly string[]): Promise<void>;

  /**
   * Run `fn` in one transaction: everything it writes through `tx` commits together or not at
   * all; nobody else sees it before the commit. A putDocument inside that throws rolls back only
   * its own document (a savepoint), so a batch can skip a bad document and go on. Inside, use
   * `tx` (not this store: on SQLite other callers wait until the transaction ends) and await
   * each call before the next. Batching documents this way is also much faster.
   */
  transaction<T>(fn: (tx: EventStore) => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
