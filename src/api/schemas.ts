import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { EVENT_TYPES } from '../model/event.js';
import { isIsoDate } from '../store/filter.js';
import { INCIDENT_GRADES, MAX_PAGE_LIMIT, type BBox, type EventFilter, type IncidentFilter } from '../store/types.js';
import { ApiError, describeZodError } from './errors.js';

/**
 * The API's input, checked at the edge with zod: every query string and body has a strict schema
 * (an unknown parameter is a 400 naming it), and the same schemas, converted to JSON Schema, are
 * what the OpenAPI document shows.
 */

const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [string, ...string[]];
const SUB_EVENT_TYPE_NAMES = Object.values(EVENT_TYPES).flat() as string[] as [string, ...string[]];

/** A query parameter given once. */
export const one = z.string({ invalid_type_error: 'give this parameter once' });

export const day = one.refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

/** Repeatable or comma-separated values (`type=A&type=B` or `type=A,B`). */
function many(allowed?: readonly string[], split = true) {
  return z.union([z.string(), z.array(z.string())]).transform((v, ctx) => {
    const raw = Array.isArray(v) ? v : [v];
    const out = (split ? raw.flatMap((s) => s.split(',')) : raw).map((s) => s.trim()).filter((s) => s.length > 0);
    if (allowed) {
      for (const s of out) {
        if (!allowed.includes(s)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown value ${JSON.stringify(s)} (allowed: ${allowed.join(', ')})` });
          return z.NEVER;
        }
      }
    }
    return out;
  });
}

export const limitParam = one.regex(/^\d+$/, 'expected a whole number').transform(Number)
  .refine((n) => n >= 1 && n <= MAX_PAGE_LIMIT, { message: `expected 1 to ${MAX_PAGE_LIMIT}` });

export const bboxParam = one.transform((s, ctx): BBox => {
  const parts = s.split(',').map((p) => p.trim());
  const nums = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || !nums.every(Number.isFinite)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected minLon,minLat,maxLon,maxLat (four numbers)' });
    return z.NEVER;
  }
  return nums as unknown as BBox;
});

const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const pageQuery = { limit: limitParam.optional(), cursor: one.optional() };

const filterFields = {
  from: day.optional(),
  to: day.optional(),
  bbox: bboxParam.optional(),
  admin1: one.optional(),
  admin2: one.optional(),
  actor: one.optional(),
  type: many(EVENT_TYPE_NAMES).optional(),
  sub_type: many(SUB_EVENT_TYPE_NAMES).optional(),
  source: many(undefined, false).optional(),
  text: one.optional(),
};

export const eventQuery = z.object({
  ...filterFields,
  ...pageQuery,
  doc: one.optional(),
  incident: one.optional(),
  scope: z.enum(['event', 'document']).optional(),
  exclude_duplicates: bool.optional(),
}).strict();
export type EventQuery = z.infer<typeof eventQuery>;

export const REVIEW_STATUSES = ['unreviewed', 'confirmed', 'corrected', 'rejected'] as const;

export const incidentQuery = z.object({
  ...filterFields,
  ...pageQuery,
  grade: many(INCIDENT_GRADES).optional(),
  review: z.enum(REVIEW_STATUSES).optional(),
  event: one.optional(),
}).strict();
export type IncidentQuery = z.infer<typeof incidentQuery>;

type FilterQuery = Pick<EventQuery, keyof typeof filterFields>;

function baseFilter(q: FilterQuery): EventFilter {
  const f: EventFilter = {};
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.bbox) f.bbox = q.bbox;
  if (q.admin1) f.admin1 = q.admin1;
  if (q.admin2) f.admin2 = q.admin2;
  if (q.actor) f.actor = q.actor;
  if (q.type?.length) f.event_type = q.type as EventFilter['event_type'] & string[];
  if (q.sub_type?.length) f.sub_event_type = q.sub_type as EventFilter['sub_event_type'] & string[];
  if (q.source?.length) f.source = q.source;
  if (q.text) f.text = q.text;
  return f;
}

export function eventFilterOf(q: EventQuery): EventFilter {
  const f = baseFilter(q);
  if (q.doc) f.doc_id = q.doc;
  if (q.incident) f.incident_id = q.incident;
  if (q.scope) f.text_scope = q.scope;
  if (q.exclude_duplicates !== undefined) f.exclude_duplicates = q.exclude_duplicates;
  return f;
}

export function incidentFilterOf(q: IncidentQuery): IncidentFilter {
  const f: IncidentFilter = baseFilter(q);
  if (q.grade?.length) f.grade = q.grade as IncidentFilter['grade'] & string[];
  if (q.event) f.event_id = q.event;
  return f;
}

/** Only pagination. */
export const pageOnlyQuery = z.object(pageQuery).strict();

export const noQuery = z.object({}).strict();

export const documentsQuery = z.object({ text: one.min(1, 'give the words to look for'), ...pageQuery }).strict();

export const searchQuery = z.object({ q: one.min(1, 'give the words to look for'), limit: limitParam.optional() }).strict();

export const exportQuery = eventQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['jsonl', 'acled-csv', 'geojson']).default('jsonl'),
  bom: bool.optional(),
}).strict();

export const violationsQuery = z.object({
  agreement: one.optional(), party: one.optional(), rule: one.optional(), incident: one.optional(),
  from: day.optional(), to: day.optional(), ...pageQuery,
}).strict();

export const controlQuery = z.object({ date: day, agreement: one.optional(), bbox: bboxParam.optional() }).strict();

export const escalationQuery = z.object({
  agreement: one.optional(), unit: one.optional(), from: day.optional(), to: day.optional(),
}).strict();

export const alertsQuery = z.object({
  from: day.optional(), to: day.optional(), kind: z.enum(['escalation-threshold', 'post-attacked']).optional(),
  agreement: one.optional(), ...pageQuery,
}).strict();

export const coordinationQuery = z.object({
  status: many(['filed', 'acknowledged', 'answered', 'closed']).optional(),
  incident: one.optional(), agreement: one.optional(),
  scope: z.enum(['own', 'shared', 'all']).optional(),
  ...pageQuery,
}).strict();

export const reportQuery = z.object({
  date: day, agreement: one.optional(), lang: z.enum(['ar', 'en']).default('ar'), format: z.enum(['html', 'pdf']).default('html'),
}).strict();

export const auditQuery = z.object({ user: one.optional(), since: one.optional(), ...pageQuery }).strict();

export const idParams = z.object({ id: z.string().min(1) }).strict();
export const levelParams = z.object({ level: z.enum(['admin1', 'admin2', 'admin3']) }).strict();

// Bodies.

const note = z.string().max(4000).optional();
const isoDay = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

export const noteBody = z.object({ note }).strict();

export const correctionSchema = z.object({
  event_type: z.enum(EVENT_TYPE_NAMES).optional(),
  sub_event_type: z.enum(SUB_EVENT_TYPE_NAMES).optional(),
  actor_ids: z.array(z.string().min(1)).optional(),
  location: z.object({
    name: z.string().min(1),
    name_ar: z.string().nullable().default(null),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    admin1: z.string().nullable().default(null),
    admin2: z.string().nullable().default(null),
    admin3: z.string().nullable().default(null),
    country: z.string().min(2).max(3).optional(),
    geo_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  }).strict().optional(),
  date: z.object({ start: isoDay, end: isoDay }).strict()
    .refine((d) => d.start <= d.end, { message: 'date.start is after date.end' }).optional(),
  fatalities: z.number().int().min(0).nullable().optional(),
  grade: z.enum(INCIDENT_GRADES as unknown as [string, ...string[]]).optional(),
}).strict().refine((c) => Object.keys(c).length > 0, { message: 'give at least one field to correct' });

export const correctBody = z.object({ changes: correctionSchema, note }).strict();
export const splitBody = z.object({ groups: z.array(z.array(z.string().min(1)).min(1)).min(2, 'split into at least two groups'), note }).strict();
export const mergeBody = z.object({ ids: z.array(z.string().min(1)).min(2, 'merge at least two incidents'), note }).strict();

const partyId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a party id: lowercase letters, digits, -');

export const coordFileBody = z.object({
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('incident'), incident_id: z.string().min(1) }).strict(),
    z.object({
      kind: z.literal('place'), place: z.string().min(1), date: isoDay,
      lat: z.number().min(-90).max(90).nullable().default(null), lon: z.number().min(-180).max(180).nullable().default(null),
    }).strict(),
  ]),
  text: z.string().min(1).max(20000),
  agreement_id: z.string().min(1).nullable().optional(),
  share_with: z.array(partyId).optional(),
  /** An admin names the party it acts for; a liaison acts for its own. */
  as: partyId.optional(),
}).strict();

export const coordShareBody = z.object({ with: z.array(partyId).min(1), as: partyId.optional() }).strict();
export const coordAnswerBody = z.object({ text: z.string().min(1).max(20000), as: partyId.optional() }).strict();
export const coordCloseBody = z.object({ note: z.string().max(20000).optional(), as: partyId.optional() }).strict();
export const coordAckBody = z.object({ as: partyId.optional() }).strict();

/** Parse `value` with `schema`, or a 400 naming what was wrong and where (query, body, path). */
export function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, where: 'query' | 'body' | 'path'): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ApiError(400, 'invalid', describeZodError(r.error, where));
  return r.data as z.output<S>;
}

/** JSON Schema of a zod schema, for the OpenAPI document (inputs as a client writes them). */
export function jsonSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  const s = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none', pipeStrategy: 'input', effectStrategy: 'input' }) as Record<string, unknown>;
  delete s['$schema'];
  return s;
}
