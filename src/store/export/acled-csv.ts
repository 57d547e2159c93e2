import type { Writable } from 'node:stream';
import type { EventDate, MarsadEvent } from '../../model/event.js';
import type { StoredEvent } from '../types.js';
import { countryName, isoNumeric } from './countries.js';
import { csvLine } from './csv.js';
import { Sink, type ExportResult } from './sink.js';

/** ACLED's column names, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type', 'actor1',
  'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso',
  'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source',
  'notes', 'fatalities', 'timestamp',
] as const;

const DAY_MS = 86_400_000;

/**
 * ACLED codes one day per event: the day itself when known, otherwise the middle of the week,
 * month or stated range (its time_precision 2 and 3 say so).
 */
export function acledDate(d: EventDate): string {
  if (d.precision === 1 || d.start === d.end) return d.start;
  const a = Date.parse(`${d.start}T00:00:00Z`);
  const b = Date.parse(`${d.end}T00:00:00Z`);
  const mid = a + Math.floor((b - a) / DAY_MS / 2) * DAY_MS;
  return new Date(mid).toISOString().slice(0, 10);
}

/** ACLED interaction: both inter codes, the lower first (12, 17…); one actor alone is inter×10. */
export function interaction(i1: number | null, i2: number | null): number | null {
  if (i1 === null && i2 === null) return null;
  if (i1 === null) return i2! * 10;
  if (i2 === null) return i1 * 10;
  return Math.min(i1, i2) * 10 + Math.max(i1, i2);
}

const NOTES_MAX = 1000;

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** An English lead (when, who, what, where, per whom) then the evidence text as written. */
export function acledNotes(e: MarsadEvent): string {
  const parts: string[] = [];
  if (e.date) parts.push(e.date.start === e.date.end ? `On ${e.date.start},` : `Between ${e.date.start} and ${e.date.end},`);
  const actors = [e.actor1?.name, e.actor2?.name].filter((a): a is string => Boolean(a));
  let lead = actors.length > 0 ? `${actors.join(' vs. ')}: ${e.sub_event_type}` : e.sub_event_type;
  if (e.location) lead += ` in ${e.location.name}${e.location.admin1 ? `, ${e.location.admin1}` : ''}`;
  if (e.attribution.status !== 'reported') {
    lead += ` (${e.attribution.status}${e.attribution.by ? ` by ${e.attribution.by}` : ''})`;
  }
  parts.push(lead + '.');
  if (e.fatalities !== null && e.fatalities > 0) parts.push(`${e.fatalities} reported killed.`);
  const evidence = e.evidence.map((s) => squash(s.text)).filter((t) => t.length > 0).join(' … ');
  if (evidence.length > 0) parts.push(`Evidence: «${evidence}»`);
  const notes = parts.join(' ');
  return notes.length > NOTES_MAX ? notes.slice(0, NOTES_MAX - 1) + '…' : notes;
}

function sourceOf(se: StoredEvent): string {
  if (se.source) return se.source;
  if (se.url) {
    try {
      return new URL(se.url).hostname;
    } catch {
      return se.url;
    }
  }
  return '';
}

export function acledRow(se: StoredEvent): (string | number | null)[] {
  const e = se.event;
  const loc = e.location;
  const date = e.date ? acledDate(e.date) : null;
  const i1 = e.actor1?.inter ?? null;
  const i2 = e.actor2?.inter ?? null;
  const stamp = Date.parse(se.stored_at);
  return [
    e.id,
    date,
    date ? Number(date.slice(0, 4)) : null,
    e.date?.precision ?? null,
    e.event_type,
    e.sub_event_type,
    e.actor1?.name ?? null,
    null,
    i1,
    e.actor2?.name ?? null,
    null,
    i2,
    interaction(i1, i2),
    e.civilian_targeting ? 'Civilian targeting' : null,
    loc ? isoNumeric(loc.country) : null,
    loc ? countryName(loc.country) : null,
    loc?.admin1 ?? null,
    loc?.admin2 ?? null,
    loc?.admin3 ?? null,
    loc?.name ?? null,
    loc ? loc.lat : null,
    loc ? loc.lon : null,
    loc?.geo_precision ?? null,
    sourceOf(se),
    acledNotes(e),
    // ACLED writes 0 where no deaths are reported.
    e.fatalities ?? 0,
    Number.isFinite(stamp) ? Math.floor(stamp / 1000) : null,
  ];
}

export interface AcledCsvOptions {
  /** Start with a UTF-8 byte-order mark, which spreadsheet programs need to read Arabic. */
  bom?: boolean;
}

export async function writeAcledCsv(events: AsyncIterable<StoredEvent>, out: Writable, opts: AcledCsvOptions = {}): Promise<ExportResult> {
  const sink = new Sink(out);
  await sink.write((opts.bom ? '\uFEFF' : '') + csvLine(ACLED_COLUMNS));
  let written = 0;
  for await (const se of events) {
    await sink.write(csvLine(acledRow(se)));
    written++;
  }
  await sink.flush();
  return { written, skipped: 0 };
}
