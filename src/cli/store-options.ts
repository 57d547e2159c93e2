import { InvalidArgumentError, type Command } from 'commander';
import { EVENT_TYPES, type EventType, type SubEventType } from '../model/event.js';
import { StoreInputError, StoreStateError } from '../store/errors.js';
import type { EventStore } from '../store/store.js';
import { INCIDENT_GRADES, type BBox, type EventFilter, type IncidentFilter, type IncidentGrade } from '../store/types.js';
import { CliError } from './errors.js';
import { parseIsoDate } from './options.js';

/**
 * The options every store command shares: which store (--store) and which items (the filters of
 * search and export). Values are checked as they are parsed, so a mistake is reported with the
 * option's name before any store is opened.
 */

export const STORE_OPTION_HELP = 'store: a SQLite file path or postgres://user:pass@host/db (default: $MARSAD_STORE, else $MARSAD_HOME/marsad.db)';

/** Store errors (bad filter, not a Marsad file, server unreachable) become user errors. */
export function cliStoreError(err: unknown): never {
  if (err instanceof StoreInputError || err instanceof StoreStateError) throw new CliError(err.message);
  throw err;
}

export async function openStoreForCli(spec: string | undefined): Promise<EventStore> {
  const { openStore } = await import('../store/open-store.js');
  try {
    return await openStore(spec);
  } catch (err) {
    return cliStoreError(err);
  }
}

/** "minLon,minLat,maxLon,maxLat" in degrees. */
export function parseBBox(value: string): BBox {
  const parts = value.split(',').map((p) => p.trim());
  const nums = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || !nums.every(Number.isFinite)) {
    throw new InvalidArgumentError(`"${value}" is not minLon,minLat,maxLon,maxLat (four numbers, e.g. 36.3,35.3,36.9,36.1)`);
  }
  const [minLon, minLat, maxLon, maxLat] = nums as [number, number, number, number];
  if (Math.abs(minLon) > 180 || Math.abs(maxLon) > 180 || Math.abs(minLat) > 90 || Math.abs(maxLat) > 90) {
    throw new InvalidArgumentError(`"${value}": longitudes must lie in [-180, 180] and latitudes in [-90, 90] (longitude first)`);
  }
  if (minLon > maxLon) throw new InvalidArgumentError(`"${value}": minLon ${minLon} is east of maxLon ${maxLon}`);
  if (minLat > maxLat) throw new InvalidArgumentError(`"${value}": minLat ${minLat} is north of maxLat ${maxLat}`);
  return [minLon, minLat, maxLon, maxLat];
}

/** A repeatable, comma-separable option whose values must be one of `known` (any letter case). */
function oneOfList<T extends string>(known: readonly T[], what: string): (value: string, previous: T[] | undefined) => T[] {
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  return (value, previous) => {
    const out = [...(previous ?? [])];
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const k = byLower.get(part.toLowerCase());
      if (k === undefined) throw new InvalidArgumentError(`"${part}" is not ${what} (one of: ${known.join('; ')})`);
      if (!out.includes(k)) out.push(k);
    }
    return out;
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const EVENT_TYPE_LIST = Object.keys(EVENT_TYPES) as EventType[];
const SUB_EVENT_TYPE_LIST = Object.values(EVENT_TYPES).flat() as SubEventType[];

export interface FilterOptions {
  from?: string;
  to?: string;
  bbox?: BBox;
  type?: EventType[];
  subType?: SubEventType[];
  actor?: string;
  admin1?: string;
  admin2?: string;
  source?: string[];
  grade?: IncidentGrade[];
  excludeDuplicates?: boolean;
}

/** --from --to --bbox --type --sub-type --actor --admin1 --admin2 --source (and --grade when asked). */
export function addFilterOptions(cmd: Command, opts: { grade: boolean }): Command {
  cmd
    .option('--from <YYYY-MM-DD>', 'items whose dates reach this day or later', parseIsoDate)
    .option('--to <YYYY-MM-DD>', 'items whose dates begin on this day or earlier', parseIsoDate)
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'bounding box in degrees, longitude first', parseBBox)
    .option('--type <event type>', 'ACLED event type, e.g. "Battles" (repeat or comma-separate)', oneOfList(EVENT_TYPE_LIST, 'an ACLED event type'))
    .option('--sub-type <sub-event type>', 'ACLED sub-event type, e.g. "Air/drone strike" (repeat or comma-separate)',
      oneOfList(SUB_EVENT_TYPE_LIST, 'an ACLED sub-event type'))
    .option('--actor <id>', 'actor id on either side, e.g. syria-government-forces')
    .option('--admin1 <name>', 'governorate / first-level area as the gazetteer spells it (COD-AB: Idleb, Hama, Aleppo)')
    .option('--admin2 <name>', 'district / second-level area')
    .option('--source <name>', 'document source (outlet) name; repeat for several', collect);
  if (opts.grade) {
    cmd.option('--grade <grade>', `incident grade (repeat or comma-separate): ${INCIDENT_GRADES.join(', ')}`,
      oneOfList(INCIDENT_GRADES, 'an incident grade'));
  }
  return cmd;
}

export function eventFilterOf(o: FilterOptions, text: string | undefined): EventFilter {
  if (o.from !== undefined && o.to !== undefined && o.from > o.to) throw new CliError(`--from ${o.from} is after --to ${o.to}`);
  const f: EventFilter = {};
  if (o.from !== undefined) f.from = o.from;
  if (o.to !== undefined) f.to = o.to;
  if (o.bbox !== undefined) f.bbox = o.bbox;
  if (o.type !== undefined && o.type.length > 0) f.event_type = o.type;
  if (o.subType !== undefined && o.subType.length > 0) f.sub_event_type = o.subType;
  if (o.actor !== undefined) f.actor = o.actor;
  if (o.admin1 !== undefined) f.admin1 = o.admin1;
  if (o.admin2 !== undefined) f.admin2 = o.admin2;
  if (o.source !== undefined && o.source.length > 0) f.source = o.source;
  if (text !== undefined && text.trim() !== '') f.text = text;
  if (o.excludeDuplicates === true) f.exclude_duplicates = true;
  return f;
}

/** The event filter's conditions that incidents have too (all but duplicates), and the grade. */
export function incidentFilterOf(o: FilterOptions, text: string | undefined): IncidentFilter {
  const f: IncidentFilter = eventFilterOf({ ...o, excludeDuplicates: false }, text);
  if (o.grade !== undefined && o.grade.length > 0) f.grade = o.grade;
  return f;
}
