import type { AssignOptions } from '../../incidents/incident-builder.js';
import type { Language } from '../../model/document.js';
import type { PipelineResources } from '../../pipeline.js';
import type { EventStore } from '../store.js';

export interface IngestContext {
  store: EventStore;
  resources: PipelineResources;
  /** Publication date for documents that carry none (YYYY-MM-DD). */
  published?: string | null;
  /** Language to assume instead of detecting it. */
  lang?: Language | null;
  /** Called after every input item (document or error), with the running totals. */
  onProgress?: (progress: IngestProgress) => void;
  /** Called for every input or document that could not be ingested, as it happens. */
  onError?: (error: IngestError) => void;
  /**
   * Stops the run between documents: the document being stored is finished (or not begun), the
   * source is left, and the summary says `stopped`.
   */
  signal?: AbortSignal;
  /**
   * Documents per commit (default 1). More is much faster on SQLite; each document keeps its own
   * savepoint. Use 1 for sources that remember what they handed on (feeds' ETags): a crash must
   * not lose documents such a source will not offer again.
   */
  batchSize?: number;
  /** A batch commits after this long even when not full (default 1000 ms). */
  maxBatchMs?: number;
  /** Incident matching and grading; by default the actor catalogue's parents and 10 km / 1 day. */
  incidents?: AssignOptions;
  /**
   * Called, outside any transaction, with what changed since the previous call whenever changes
   * are committed and the inputs then make the run wait longer than `settleMs` (a followed feed
   * between polls, a watched folder), and once at the end when changes remain: where a live run
   * brings the stages after the store (the monitor) up to date. The run waits for it.
   */
  onSettled?: (changes: IngestChanges) => Promise<void> | void;
  /** How long the inputs must keep the run waiting before onSettled is called (default 1000 ms). */
  settleMs?: number;
  /**
   * Told each time the run waits for an unreachable database (PostgreSQL restarting): the run
   * retries with backoff for up to 10 minutes, replaying the rolled-back batch, before giving up.
   */
  onDatabaseWait?: (err: unknown, delayMs: number) => void;
}

/**
 * What a run changed in the store, for the stages that read it afterwards (violations, control,
 * escalation) to re-check only that.
 */
export interface IngestChanges {
  /** Incidents created or updated, sorted. */
  incidentIds: string[];
  /**
   * The days the changes touch (YYYY-MM-DD, inclusive): the dates of the events stored and of
   * every member of the changed incidents (an incident's dates before a new member narrowed them
   * lie within its members' dates). Null when nothing dated changed.
   */
  from: string | null;
  to: string | null;
}

/** An input that was not ingested: the file, line or record, and the problem. */
export interface IngestError {
  input: string;
  message: string;
}

export interface IngestCounts {
  /** Documents read from the inputs (bad inputs are counted in errors only). */
  read: number;
  /** Documents stored by this run. */
  added: number;
  /** Documents already in the store (same stable id): nothing written. */
  unchanged: number;
  /** Of the added documents, those linked as near-copies of a stored one. */
  nearDuplicates: number;
  /** Inputs that could not be read, and documents that could not be processed or stored. */
  errors: number;
  eventsAdded: number;
  incidentsCreated: number;
  /** Incidents that existed before this run and gained members in it. */
  incidentsUpdated: number;
}

export interface IngestProgress extends IngestCounts {
  /** The input id of the document just handled (or the failing input). */
  current: string;
  /** What became of it. */
  status: 'added' | 'near-duplicate' | 'unchanged' | 'error';
  /** Its stable document id (null for an input that could not be read). */
  docId: string | null;
}

export interface IngestSummary extends IngestCounts {
  errorList: IngestError[];
  /** True when the run ended on the abort signal rather than at the end of its inputs. */
  stopped: boolean;
  /** Everything the run changed (onSettled may have been handed parts of it already). */
  changes: IngestChanges;
  elapsedMs: number;
}
