import { EVENT_TYPES } from '../model/event.js';
import { StoreInputError } from './errors.js';
import { queryTerms } from './search/analyse.js';
import {
  DEFAULT_PAGE_LIMIT, INCIDENT_GRADES, MAX_PAGE_LIMIT,
  type BBox, type EventFilter, type IncidentFilter, type PageRequest,
} from './types.js';

/** A filter checked and reduced to plain values, the form both SQL builders read. */
export interface ResolvedFilter {
  from: string | null;
  to: string | null;
  bbox: BBox | null;
  admin1: string | null;
  admin2: string | null;
  actor: string | null;
  eventTypes: string[];
  subEventTypes: string[];
  sources: string[];
  grades: string[];
  docId: string | null;
  incidentId: string | null;
  eventId: string | null;
  /** Analysed search terms (all must match), or null for no text filter. */
  terms: string[] | null;
  textScope: 'event' | 'document';
  excludeDuplicates: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function date(name: string, v: string | undefined): string | null {
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string' || !isIsoDate(v)) {
    throw new StoreInputError(`filter.${name}: expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  return v;
}

function list(name: string, v: unknown, allowed?: ReadonlySet<string>): string[] {
  if (v === undefined || v === null) return [];
  const items = (Array.isArray(v) ? v : [v]) as unknown[];
  for (const it of items) {
    if (typeof it !== 'string' || it.length === 0) {
      throw new StoreInputError(`filter.${name}: expected non-empty strings, got ${JSON.stringify(it)}`);
    }
    if (allowed && !allowed.has(it)) {
      throw new StoreInputError(`filter.${name}: unknown value ${JSON.stringify(it)} (allowed: ${[...allowed].join(', ')})`);
    }
  }
  return items as string[];
}

function str(name: string, v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new StoreInputError(`filter.${name}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}

export function checkBBox(b: unknown): BBox {
  if (!Array.isArray(b) || b.length !== 4 || !b.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new StoreInputError(`bbox: expected [minLon, minLat, maxLon, maxLat] numbers, got ${JSON.stringify(b)}`);
  }
  const [minLon, minLat, maxLon, maxLat] = b as [number, number, number, number];
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw new StoreInputError(`bbox ${JSON.stringify(b)}: longitudes must lie in [-180, 180] and latitudes in [-90, 90]`);
  }
  if (minLat > maxLat) throw new StoreInputError(`bbox ${JSON.stringify(b)}: minLat is above maxLat`);
  if (minLon > maxLon) {
    throw new StoreInputError(`bbox ${JSON.stringify(b)}: minLon is east of maxLon (boxes across the antimeridian are not supported)`);
  }
  return [minLon, minLat, maxLon, maxLat];
}

const EVENT_TYPE_SET = new Set<string>(Object.keys(EVENT_TYPES));
const SUB_EVENT_TYPE_SET = new Set<string>(Object.values(EVENT_TYPES).flat());
const GRADE_SET = new Set<string>(INCIDENT_GRADES);

function textTerms(text: unknown): string[] | null {
  const t = str('text', text);
  if (t === null || t.trim() === '') return null;
  const terms = queryTerms(t);
  if (terms.length === 0) throw new StoreInputError(`filter.text ${JSON.stringify(t)} has no searchable words`);
  return terms;
}

export function resolveEventFilter(f: EventFilter = {}): ResolvedFilter {
  const from = date('from', f.from);
  const to = date('to', f.to);
  if (from && to && from > to) throw new StoreInputError(`filter: from ${from} is after to ${to}`);
  const scope = f.text_scope ?? 'event';
  if (scope !== 'event' && scope !== 'document') {
    throw new StoreInputError(`filter.text_scope: expected "event" or "document", got ${JSON.stringify(scope)}`);
  }
  return {
    from,
    to,
    bbox: f.bbox === undefined ? null : checkBBox(f.bbox),
    admin1: str('admin1', f.admin1),
    admin2: str('admin2', f.admin2),
    actor: str('actor', f.actor),
    eventTypes: list('event_type', f.event_type, EVENT_TYPE_SET),
    subEventTypes: list('sub_event_type', f.sub_event_type, SUB_EVENT_TYPE_SET),
    sources: list('source', f.source),
    grades: [],
    docId: str('doc_id', f.doc_id),
    incidentId: str('incident_id', f.incident_id),
    eventId: null,
    terms: textTerms(f.text),
    textScope: scope,
    excludeDuplicates: f.exclude_duplicates === true,
  };
}

export function resolveIncidentFilter(f: IncidentFilter = {}): ResolvedFilter {
  const base = resolveEventFilter({ ...f, text_scope: 'event' });
  return {
    ...base,
    grades: list('grade', f.grade, GRADE_SET),
    eventId: str('event_id', f.event_id),
  };
}

/** Where a page starts: after the item with this sort key. */
export interface CursorKey {
  date: string;
  id: string;
}

const CURSOR_VERSION = 1;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, key.date, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): CursorKey | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== CURSOR_VERSION ||
      typeof parsed[1] !== 'string' || typeof parsed[2] !== 'string') {
    throw new StoreInputError(`invalid page cursor ${JSON.stringify(cursor)} (use the "next" value of a previous page)`);
  }
  return { date: parsed[1], id: parsed[2] };
}

export function pageLimit(page: PageRequest | undefined): number {
  const limit = page?.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new StoreInputError(`page.limit: expected an integer from 1 to ${MAX_PAGE_LIMIT}, got ${String(limit)}`);
  }
  return limit;
}

/**
 * Build a page from rows fetched with LIMIT limit+1: the extra row only says there is more.
 */
export function toPage<R, T>(rows: readonly R[], limit: number, key: (r: R) => CursorKey, item: (r: R) => T): { items: T[]; next: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(item), next: more && last !== undefined ? encodeCursor(key(last)) : null };
}
