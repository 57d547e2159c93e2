import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { AccessRepo } from './access-repo.js';
import { canCoordinate, canReview, PUBLIC_PRINCIPAL, type Principal } from './roles.js';

/**
 * What a route needs: nothing (health, docs), a reader (the public too when reads are open), a
 * key of any role, an analyst, someone who may act in the coordination log, or an admin.
 */
export type Access = 'open' | 'read' | 'member' | 'review' | 'coordinate' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The key may also come as `?key=` — only for what a browser opens without headers: the live
     * stream (EventSource), downloads (export, report). Removed from the query before validation.
     */
    queryKey?: boolean;
  }
}

/** The key sent as `Authorization: Bearer <key>` or `X-API-Key: <key>` (or `?key=` where allowed); null when none. */
export function presentedKey(req: FastifyRequest): string | null {
  const query = req.query as Record<string, unknown> | undefined;
  if (req.routeOptions.config?.queryKey === true && query && 'key' in query) {
    const k = query['key'];
    delete query['key'];
    if (typeof k === 'string' && k.length > 0) return k;
    throw new ApiError(400, 'invalid', 'key: give the API key once');
  }
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw new ApiError(401, 'unauthorized', 'the Authorization header must be "Bearer <key>"');
    return m[1]!;
  }
  const x = req.headers['x-api-key'];
  if (typeof x === 'string' && x.length > 0) return x.trim();
  return null;
}

const NO_KEY = 'send an API key: "Authorization: Bearer <key>" or "X-API-Key: <key>"';

export interface AuthOptions {
  access: AccessRepo;
  publicReads: boolean;
  /** How long a checked key is trusted before it is looked up again (revocations take this long). */
  keyCacheMs: number;
}

/**
 * Who the caller is (onRequest, before rate limits, so those count per key), and whether the
 * route lets them in (preHandler). Writes are never open to the public, whatever the config says.
 */
export function registerAuth(app: FastifyInstance, opts: AuthOptions): void {
  const cache = new Map<string, { principal: Principal; until: number }>();
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api')) return;
    const key = presentedKey(req);
    if (key === null) {
      const readOnly = req.method === 'GET' || req.method === 'HEAD';
      req.principal = opts.publicReads && readOnly ? PUBLIC_PRINCIPAL : null;
      return;
    }
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) {
      req.principal = hit.principal;
      return;
    }
    const principal = await opts.access.authenticate(key);
    if (principal === null) {
      cache.delete(key);
      throw new ApiError(401, 'unauthorized', 'unknown or revoked API key');
    }
    if (cache.size > 10000) cache.clear();
    if (opts.keyCacheMs > 0) cache.set(key, { principal, until: now + opts.keyCacheMs });
    req.principal = principal;
  });

  app.addHook('preHandler', async (req: FastifyRequest, _res: FastifyReply) => {
    const access = req.routeOptions.config.access ?? 'open';
    if (access === 'open') return;
    checkAccess(req.principal, access);
  });
}

export function checkAccess(p: Principal | null, access: Access): void {
  if (access === 'open') return;
  if (p === null) throw new ApiError(401, 'unauthorized', NO_KEY);
  if (access === 'read') return;
  if (p.role === 'public') throw new ApiError(401, 'unauthorized', `${NO_KEY}; public access is read-only and does not cover this`);
  const denied = (what: string) => new ApiError(403, 'forbidden', `${what}; user ${p.user} has role ${p.role}${p.party ? ` (party ${p.party})` : ''}`);
  switch (access) {
    case 'member': return;
    case 'review': if (!canReview(p)) throw denied('reviewing incidents needs the analyst or admin role'); return;
    case 'coordinate': if (!canCoordinate(p)) throw denied('acting in the coordination log needs the liaison or admin role'); return;
    case 'admin': if (p.role !== 'admin') throw denied('this needs the admin role'); return;
  }
}
