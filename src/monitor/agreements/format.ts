import { z } from 'zod';
import { EVENT_TYPES, type SubEventType } from '../../model/event.js';

/**
 * The agreement file format (docs/agreements.md), as zod schemas. This checks shapes and
 * values; geometry (closed rings, self-intersection) and references between parts (a rule's
 * zone, a post's holder) are checked afterwards in validate.ts, where the whole document is known.
 */

const ALL_SUB_EVENT_TYPES: readonly string[] = Object.values(EVENT_TYPES).flat();

/** Ids end up in file names (MARSAD_HOME/agreements/<id>.yaml) and URLs: keep them plain. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const id = z.string().regex(ID_PATTERN, 'must be lower-case letters, digits, ".", "_" or "-" (at most 80), starting with a letter or digit');

const isoDate = z.string().refine(isCalendarDate, 'must be a calendar date written YYYY-MM-DD');

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** [lon, lat] — GeoJSON order; ranges are checked in geometry.ts with a hint about swapped axes. */
const position = z.tuple([z.number().finite(), z.number().finite()]).rest(z.number().finite());

const ring = z.array(position);

const polygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).min(1, 'a polygon needs at least its outer ring'),
}).strict();

const multiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1, 'each polygon needs at least its outer ring')).min(1, 'a multipolygon needs at least one polygon'),
}).strict();

export const geometrySchema = z.discriminatedUnion('type', [polygonGeometry, multiPolygonGeometry]);

const bufferKm = z.number().positive('must be more than 0 km (a line is turned into a band this wide on each side)').max(500, 'must be at most 500 km');

const placeRef = nonEmpty.describe('a gazetteer id ("wof:…") or a place name the gazetteer knows');

const resolvedPlaceRef = z.object({
  ref: nonEmpty,
  gazetteer_id: nonEmpty,
  name: z.string(),
  lat: z.number().finite(),
  lon: z.number().finite(),
}).strict();

/** Kept by `agreements add` beside a resolved geometry, so the zone can be traced and rebuilt. */
const builtFrom = z.object({
  line: z.array(z.tuple([z.number().finite(), z.number().finite()])),
  places: z.array(resolvedPlaceRef).optional(),
  buffer_km: bufferKm,
}).strict();

const zoneBase = {
  id,
  name: nonEmpty,
  name_ar: nonEmpty.optional(),
};

/**
 * A zone is given one way: a GeoJSON polygon or multipolygon; a line of [lon, lat] with a buffer;
 * or a line through gazetteer places with a buffer. `built_from` is provenance only.
 */
export const zoneSchema = z.object({
  ...zoneBase,
  geometry: geometrySchema.optional(),
  line: z.array(position).optional(),
  line_from_places: z.array(placeRef).optional(),
  buffer_km: bufferKm.optional(),
  built_from: builtFrom.optional(),
}).strict().superRefine((zone, ctx) => {
  const given = (['geometry', 'line', 'line_from_places'] as const).filter((k) => zone[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: given.length === 0
        ? 'give the zone one of: geometry (a GeoJSON Polygon or MultiPolygon), line with buffer_km, line_from_places with buffer_km'
        : `give only one of geometry, line, line_from_places (this zone has ${given.join(' and ')})`,
    });
    return;
  }
  if (zone.geometry === undefined && zone.buffer_km === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['buffer_km'], message: 'a zone given as a line needs buffer_km > 0 (the band\'s half-width in km)' });
  }
  if (zone.geometry !== undefined && zone.buffer_km !== undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['buffer_km'], message: 'buffer_km applies to lines only; this zone has a polygon geometry' });
  }
  const line = zone.line ?? zone.line_from_places;
  if (line !== undefined && line.length < 2) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [zone.line ? 'line' : 'line_from_places'], message: `a line needs at least 2 points (has ${line.length})` });
  }
});

export const postSchema = z.object({
  id,
  name: nonEmpty,
  name_ar: nonEmpty.optional(),
  /** Resolved through the gazetteer when lat/lon are not given. */
  place: placeRef.optional(),
  gazetteer_id: nonEmpty.optional(),
  lat: z.number().finite().optional(),
  lon: z.number().finite().optional(),
  radius_km: z.number().positive('must be more than 0 km').max(100, 'must be at most 100 km'),
  held_by: nonEmpty,
  note: nonEmpty.optional(),
}).strict().superRefine((post, ctx) => {
  const hasLat = post.lat !== undefined;
  const hasLon = post.lon !== undefined;
  if (hasLat !== hasLon) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [hasLat ? 'lon' : 'lat'], message: 'give lat and lon together' });
  } else if (!hasLat && post.place === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'give the post a place (gazetteer id or name) or lat and lon' });
  }
});

const subEventType = z.string().refine((s) => ALL_SUB_EVENT_TYPES.includes(s), {
  message: `must be an ACLED sub-event type exactly as written in the event format (e.g. "Air/drone strike", "Shelling/artillery/missile attack", "Armed clash")`,
}).transform((s) => s as SubEventType);

const interCode = z.number().int().min(1).max(8).transform((n) => n as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8);

const scopeSchema = z.union([
  z.object({ zone: nonEmpty }).strict(),
  z.object({ post: nonEmpty, within_km: z.number().positive('must be more than 0 km').max(100).optional() }).strict(),
], { errorMap: () => ({ message: 'scope is {zone: <zone id> | any} or {post: <post id> | any, within_km?: <km>}' }) });

export const ruleSchema = z.object({
  id,
  description: nonEmpty,
  sub_event_types: z.array(subEventType).min(1, 'list at least one sub-event type'),
  actors: z.array(nonEmpty).optional(),
  actor_inters: z.array(interCode).optional(),
  scope: scopeSchema,
  from: isoDate.nullable().optional(),
  until: isoDate.nullable().optional(),
}).strict();

const partySchema = z.object({ id: nonEmpty, name: nonEmpty }).strict();

export const agreementFileSchema = z.object({
  id,
  name: nonEmpty,
  description: nonEmpty,
  approximation: z.string().trim().min(1).nullable(),
  parties: z.array(partySchema).min(1, 'an agreement needs at least one party'),
  guarantors: z.array(partySchema).default([]),
  effective: z.object({ from: isoDate, until: isoDate.nullable().optional() }).strict(),
  zones: z.array(zoneSchema).default([]),
  posts: z.array(postSchema).default([]),
  rules: z.array(ruleSchema).min(1, 'an agreement needs at least one rule'),
}).strict();

export type AgreementFile = z.infer<typeof agreementFileSchema>;
export type ZoneFile = z.infer<typeof zoneSchema>;
export type PostFile = z.infer<typeof postSchema>;
export type RuleFile = z.infer<typeof ruleSchema>;
