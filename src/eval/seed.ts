import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MarsadEvent } from '../model/event.js';
import type { DocumentRecord } from '../model/document.js';
import { haversineKm } from '../geo/geo-math.js';
import { metrics, type Metrics } from './metrics.js';

/**
 * Scoring of a single annotated page in the seed format (`seed-gold.json`): events matched one
 * to one on sub-type, place (10 km, or the same admin1 for region-level gold) and dates
 * (overlapping with one day of slack); optional gold events neither missed nor false; any event
 * that satisfies a must_not entry is an error.
 */
const GoldLocation = z.object({
  name: z.string(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  admin1: z.string().optional(),
  geo_precision: z.number(),
});
const GoldDate = z.object({ start: z.string(), end: z.string() }).nullable();
const GoldEvent = z.object({
  id: z.string(),
  optional: z.boolean().optional(),
  sub_event_type: z.string(),
  actor1: z.string().optional(),
  location: GoldLocation,
  date: GoldDate,
  evidence_line: z.number().optional(),
});
const MustNot = z.object({
  sub_event_type: z.string().optional(),
  location_name: z.string().optional(),
  evidence_line_in: z.array(z.number()).optional(),
});
export const SeedGold = z.object({
  doc: z.object({
    file: z.string(),
    published: z.string().optional(),
    title: z.string().optional(),
    dateline: z.string().optional(),
    source: z.string().optional(),
    byline: z.string().optional(),
    boilerplate_lines: z.array(z.number()).default([]),
    repairs: z.array(z.object({ line: z.number(), broken: z.string(), repaired: z.string() })).default([]),
  }),
  events: z.array(GoldEvent),
  must_not: z.array(MustNot).default([]),
});
export type SeedGold = z.infer<typeof SeedGold>;
type GoldEventT = z.infer<typeof GoldEvent>;

export function loadSeedGold(path: string): SeedGold {
  const parsed = SeedGold.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export interface SeedEventMatch {
  gold: string;
  event: string;
  km: number | null;
}

export interface SeedScore {
  events: Metrics;
  matches: SeedEventMatch[];
  missed: string[];
  falsePositives: string[];
  mustNotViolations: string[];
  checks: { name: string; ok: boolean; detail: string }[];
}

const KM = 10;
const DAY = 86_400_000;

/** 1-based line number of an original offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function goldMatches(gold: GoldEventT, e: MarsadEvent): { ok: boolean; km: number | null } {
  if (gold.sub_event_type !== e.sub_event_type || !e.location) return { ok: false, km: null };
  let km: number | null = null;
  if (gold.location.geo_precision === 3 && gold.location.lat === undefined) {
    if (!sameAdmin1(gold.location.admin1 ?? gold.location.name, e.location.admin1)) return { ok: false, km };
  } else if (gold.location.lat !== undefined && gold.location.lon !== undefined) {
    km = haversineKm(gold.location.lat, gold.location.lon, e.location.lat, e.location.lon);
    if (km > KM) return { ok: false, km };
  }
  if (gold.date) {
    if (!e.date) return { ok: false, km };
    const gs = Date.parse(gold.date.start) - DAY;
    const ge = Date.parse(gold.date.end) + DAY;
    if (Date.parse(e.date.start) > ge || Date.parse(e.date.end) < gs) return { ok: false, km };
  }
  return { ok: true, km };
}

/** Idleb/Idlib and similar spellings of one governorate compare equal. */
function sameAdmin1(a: string, b: string | null): boolean {
  if (!b) return false;
  const fold = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '').replace(/e/g, 'i');
  return fold(a) === fold(b);
}

export function scoreSeed(gold: SeedGold, text: string, doc: DocumentRecord, events: readonly MarsadEvent[]): SeedScore {
  const matchedEvents = new Set<string>();
  const matches: SeedEventMatch[] = [];
  const missed: string[] = [];
  // Required gold first, so an optional one never takes an event a required one needs.
  const ordered = [...gold.events].sort((a, b) => Number(a.optional ?? false) - Number(b.optional ?? false));
  let tp = 0;
  for (const g of ordered) {
    const hit = events
      .filter((e) => !matchedEvents.has(e.id))
      .map((e) => ({ e, m: goldMatches(g, e) }))
      .filter((x) => x.m.ok)
      .sort((a, b) => (a.m.km ?? 0) - (b.m.km ?? 0))[0];
    if (hit) {
      matchedEvents.add(hit.e.id);
      matches.push({ gold: g.id, event: hit.e.id, km: hit.m.km });
      if (!g.optional) tp++;
    } else if (!g.optional) {
      missed.push(g.id);
    }
  }
  const falsePositives = events.filter((e) => !matchedEvents.has(e.id)).map((e) => e.id);
  const mustNotViolations: string[] = [];
  for (const e of events) {
    for (const rule of gold.must_not) {
      if (rule.sub_event_type && e.sub_event_type === rule.sub_event_type) {
        mustNotViolations.push(`${e.id}: sub_event_type ${e.sub_event_type}`);
      }
      if (rule.location_name && e.location && placeNamed(e, rule.location_name)) {
        mustNotViolations.push(`${e.id}: location ${rule.location_name}`);
      }
      if (rule.evidence_line_in) {
        const lines = e.evidence.map((s) => lineOf(text, s.start));
        const bad = lines.filter((l) => rule.evidence_line_in!.includes(l));
        if (bad.length > 0) mustNotViolations.push(`${e.id}: evidence on line ${bad.join(', ')}`);
      }
    }
  }
  return {
    events: metrics({ tp, fp: falsePositives.length, fn: missed.length }),
    matches,
    missed,
    falsePositives,
    mustNotViolations,
    checks: docChecks(gold, text, doc),
  };
}

function placeNamed(e: MarsadEvent, name: string): boolean {
  const n = name.toLowerCase();
  return e.location!.name.toLowerCase() === n || e.location!.text.toLowerCase() === n;
}

function docChecks(gold: SeedGold, text: string, doc: DocumentRecord): SeedScore['checks'] {
  const checks: SeedScore['checks'] = [];
  for (const field of ['title', 'dateline', 'source', 'byline', 'published'] as const) {
    const want = gold.doc[field];
    if (want === undefined) continue;
    const got = doc[field];
    checks.push({ name: field, ok: got === want, detail: `want ${JSON.stringify(want)}, got ${JSON.stringify(got)}` });
  }
  const gotLines = new Set<number>();
  for (const s of doc.boilerplate) {
    for (let l = lineOf(text, s.start); l <= lineOf(text, Math.max(s.start, s.end - 1)); l++) {
      if (text.split('\n')[l - 1]?.trim()) gotLines.add(l);
    }
  }
  const want = new Set(gold.doc.boilerplate_lines);
  const extra = [...gotLines].filter((l) => !want.has(l));
  const lacking = [...want].filter((l) => !gotLines.has(l));
  checks.push({
    name: 'boilerplate',
    ok: extra.length === 0 && lacking.length === 0,
    detail: `lines removed ${[...gotLines].sort((a, b) => a - b).join(',') || 'none'}; missing ${lacking.join(',') || 'none'}; wrongly removed ${extra.join(',') || 'none'}`,
  });
  for (const r of gold.doc.repairs) {
    const intact = r.broken === r.repaired;
    const onLine = doc.repairs.filter((x) => lineOf(text, x.start) === r.line);
    checks.push({
      name: `repair line ${r.line} ${r.broken}`,
      ok: intact
        ? !onLine.some((x) => x.repaired === r.repaired)
        : onLine.some((x) => x.original === r.broken && x.repaired === r.repaired),
      detail: intact ? 'must stay intact' : `must become ${r.repaired}`,
    });
  }
  return checks;
}
