import type { Transition } from './state-machine.js';
import type { CoordItem, CoordStep, ListFilter, PartyId } from './types.js';

/**
 * Where the log is kept: tables prefixed coord_ in the store's own database (the SQLite file or
 * the PostgreSQL database and schema), with their own migrations. Backends load, lock and save;
 * the rules live in state-machine.ts.
 */
export interface CoordinationBackend {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  /** Store a new item with its first step (and its shares), atomically. */
  insert(t: Transition): Promise<void>;
  /**
   * Lock item `id`, hand it (or null) and the next step number to `decide`, and save what it
   * returns — the new item state and one appended step — in the same transaction. Two officers
   * acting at once are serialised: the second sees the first one's result.
   */
  update(id: string, decide: (item: CoordItem | null, nextSeq: number) => Transition): Promise<Transition>;
  get(id: string): Promise<CoordItem | null>;
  /** Every step of an item, in order. */
  steps(id: string): Promise<CoordStep[]>;
  /** Items `party` may see, newest first. */
  list(party: PartyId, filter: ListFilter): Promise<CoordItem[]>;
  close(): Promise<void>;
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 5000;

/** The parameters of a listing, resolved once for both backends. */
export interface ListQuery {
  statuses: string[];
  incident_id: string | null;
  agreement_id: string | null;
  scope: 'own' | 'shared' | 'all';
  limit: number;
}

export function resolveList(filter: ListFilter): ListQuery {
  const statuses = filter.status === undefined ? [] : typeof filter.status === 'string' ? [filter.status] : [...filter.status];
  const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
  return {
    statuses,
    incident_id: filter.incident_id ?? null,
    agreement_id: filter.agreement_id ?? null,
    scope: filter.scope ?? 'all',
    limit: Math.max(1, Math.min(MAX_LIST_LIMIT, Math.floor(limit))),
  };
}

/** The columns both backends index, taken from the item. */
export function itemColumns(item: CoordItem): { incident_id: string | null; record: string } {
  return {
    incident_id: item.subject.kind === 'incident' ? item.subject.incident_id : null,
    record: JSON.stringify(item),
  };
}
