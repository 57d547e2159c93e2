import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeAny } from 'zod';
import type { Access } from '../access/auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';
import { jsonSchema } from '../schemas.js';

/** How a route is documented in the OpenAPI document and who may call it. */
export interface RouteDoc {
  summary: string;
  tags: string[];
  access: Access;
  description?: string;
  query?: ZodTypeAny;
  body?: ZodTypeAny;
  params?: ZodTypeAny;
  /** Accept the key as `?key=` too (EventSource and download links cannot send headers). */
  queryKey?: boolean;
}

/**
 * Fastify options of a route: the zod schemas as JSON Schema for the document only (validation is
 * zod's, in the handler, so messages and the 400 shape are ours), and the access it needs.
 */
export function routeOptions(d: RouteDoc): RouteShorthandOptions {
  const access = d.access;
  const security: { [label: string]: string[] }[] = access === 'open' ? [] : [{ bearer: [] }, { apiKey: [] }];
  const roles: Record<Access, string> = {
    open: 'No key needed.',
    read: 'Any API key; without one when the server runs with public reads.',
    member: 'Any API key (never public).',
    review: 'Role analyst or admin.',
    coordinate: 'Role liaison (acting for its party) or admin (naming the party in "as").',
    admin: 'Role admin.',
  };
  return {
    schema: {
      summary: d.summary,
      description: `${d.description ? `${d.description}\n\n` : ''}Access: ${roles[access]}`,
      tags: d.tags,
      security,
      ...(d.query ? { querystring: withKeyParam(jsonSchema(d.query), d.queryKey === true) } : {}),
      ...(d.body ? { body: jsonSchema(d.body) } : {}),
      ...(d.params ? { params: jsonSchema(d.params) } : {}),
    },
    config: { access, ...(d.queryKey ? { queryKey: true } : {}) },
  };
}

function withKeyParam(schema: Record<string, unknown>, add: boolean): Record<string, unknown> {
  if (!add) return schema;
  const properties = { ...(schema['properties'] as Record<string, unknown> | undefined), key: { type: 'string', description: 'the API key, for clients that cannot send headers' } };
  return { ...schema, properties };
}

/** Record a write in the audit log: who, when (the log stamps it), what, before and after. */
export async function audit(ctx: ApiContext, req: FastifyRequest, target: string, before: unknown, after: unknown): Promise<void> {
  const p = req.principal;
  await ctx.access.audit({
    user: p?.user ?? null,
    role: p?.role ?? null,
    key_id: p?.keyId ?? null,
    action: `${req.method} ${req.routeOptions.url ?? req.url}`,
    target,
    status: 200,
    before,
    after,
  });
}

/**
 * Pages over a list that the monitor module returns whole (newest first, bounded by a limit):
 * the cursor is the offset, opaque to clients like the store's.
 */
export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new ApiError(400, 'invalid', `invalid page cursor ${JSON.stringify(cursor)} (use the "next" value of a previous page)`);
  return Number(m[1]);
}

export function offsetPage<T>(all: readonly T[], offset: number, limit: number): { items: T[]; next: string | null } {
  const items = all.slice(offset, offset + limit);
  const more = all.length > offset + limit;
  return { items, next: more ? Buffer.from(`o${offset + limit}`, 'utf8').toString('base64url') : null };
}
