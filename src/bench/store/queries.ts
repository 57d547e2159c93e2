import type { SubEventType } from '../../model/event.js';
import type { BBox, EventFilter } from '../../store/types.js';
import { SUB_EVENT_CODES } from '../../store/sqlite/kinds.js';
import type { EventColumns } from './generate.js';
import { dayOf, isoOf } from './generate.js';
import { HOTSPOTS } from './geography.js';
import { Rng, Weighted } from './random.js';
import { FIRST_YEAR, LAST_YEAR, SUB_EVENT_DRAW } from './taxonomy.js';

/**
 * The benchmark's questions, drawn from their own seed so every backend gets the same ones: what
 * an analyst asks of a front line — a box of 0.2°–1° around a hot spot, one week to three months,
 * one or two sub-event types (common types asked more often, as they are looked at more).
 */
export interface BoxQuery {
  bbox: BBox;
  from: string;
  to: string;
  subTypes: SubEventType[];
}

const HOTSPOT_DRAW = new Weighted(HOTSPOTS.map((h) => [h, h.weight] as const));

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function boxQueries(n: number, seed: number): BoxQuery[] {
  const rng = new Rng(seed);
  const first = dayOf(`${FIRST_YEAR}-01-01`);
  const last = dayOf(`${LAST_YEAR}-12-31`);
  const out: BoxQuery[] = [];
  for (let i = 0; i < n; i++) {
    const h = HOTSPOT_DRAW.draw(rng);
    const cLon = h.lon + rng.normal() * 0.1;
    const cLat = h.lat + rng.normal() * 0.1;
    const w = rng.uniform(0.2, 1);
    const hgt = rng.uniform(0.2, 1);
    const days = rng.int(7, 92);
    const start = rng.int(first, last - days + 1);
    const subTypes: SubEventType[] = [SUB_EVENT_DRAW.draw(rng)];
    if (rng.chance(0.4)) {
      const second = SUB_EVENT_DRAW.draw(rng);
      if (second !== subTypes[0]) subTypes.push(second);
    }
    out.push({
      bbox: [round4(cLon - w / 2), round4(cLat - hgt / 2), round4(cLon + w / 2), round4(cLat + hgt / 2)],
      from: isoOf(start),
      to: isoOf(start + days - 1),
      subTypes,
    });
  }
  return out;
}

export function boxFilter(q: BoxQuery): EventFilter {
  return { bbox: q.bbox, from: q.from, to: q.to, sub_event_type: q.subTypes };
}

/**
 * Words a user searches for that occur in the generated text: event words, town names and the
 * catalogue names of the most reported actors (e.g. "قوات النظام").
 */
const EVENT_WORDS = ['غارات', 'اشتباكات', 'عبوة ناسفة', 'قذائف الهاون', 'مظاهرة', 'اعتقالات', 'طائرة مسيرة', 'مفخخة', 'نزوح', 'قصف'];

export function textQueries(n: number, seed: number, actorNames: readonly string[]): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next();
    if (x < 0.35) out.push(rng.pick(EVENT_WORDS));
    else if (x < 0.6) out.push(HOTSPOT_DRAW.draw(rng).nameAr);
    else if (x < 0.8) out.push(rng.pick(actorNames));
    else out.push(`${rng.pick(EVENT_WORDS)} ${HOTSPOT_DRAW.draw(rng).nameAr}`);
  }
  return out;
}

/** A word to add to a box query for the "text + box + time" row. */
export function textForBox(i: number): string {
  return EVENT_WORDS[i % EVENT_WORDS.length]!;
}

/**
 * The same question answered by a plain loop over typed arrays of every event: the in-memory
 * reference, and the true number of matches (the store returns at most one page of them).
 */
export function scanColumns(c: EventColumns, q: BoxQuery): number {
  const [minLon, minLat, maxLon, maxLat] = q.bbox;
  const from = dayOf(q.from);
  const to = dayOf(q.to);
  const k1 = SUB_EVENT_CODES[q.subTypes[0]!];
  const k2 = q.subTypes[1] === undefined ? k1 : SUB_EVENT_CODES[q.subTypes[1]];
  let hits = 0;
  for (let i = 0; i < c.n; i++) {
    const k = c.kind[i]!;
    if (k !== k1 && k !== k2) continue;
    if (c.end[i]! < from || c.start[i]! > to) continue;
    const lon = c.lon[i]!;
    const lat = c.lat[i]!;
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
    hits++;
  }
  return hits;
}
