import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { marsadHome, packageRoot } from '../config/home.js';
import { openMonitorDb, type MonitorDb } from '../monitor/alerts/monitor-db.js';
import { openReviewService } from '../review/index.js';
import type { ReviewService } from '../review/types.js';
import { defaultSqlitePath } from '../store/sqlite/sqlite-store.js';
import { openStore, resolveStoreConfig, type StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';
import { AccessRepo } from './access/access-repo.js';
import { registerAuth } from './access/auth.js';
import { ChangeFeed } from './change-feed.js';
import { createContext } from './context.js';
import { ApiError, errorHandler } from './errors.js';
import { registerCoordinationRoutes } from './routes/coordination.js';
import { registerCoreRoutes } from './routes/core.js';
import { registerFileRoutes } from './routes/files.js';
import { registerMonitorRoutes } from './routes/monitor.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerReviewRoutes } from './routes/review.js';
import { registerStreamRoute } from './routes/stream.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live stream's poller (its listenerCount shows who is connected). */
    changeFeed: ChangeFeed;
  }
}

export interface RateLimitOptions {
  /** Requests per window per API key (per client address without a key). */
  max: number;
  timeWindowMs: number;
}

export interface ApiOptions {
  /** The store; the access, monitor and review tables are in the same database. */
  storeConfig: StoreConfig;
  /** MARSAD_HOME: agreements and the gazetteer (for boundaries). */
  home: string;
  /** Let requests without a key read (GET); writes always need a key with the right role. */
  publicReads?: boolean;
  /** The dashboard's built files; default <package>/dist/web when it exists; null: none. */
  webRoot?: string | null;
  /** A map tile URL template for the dashboard ({z}/{x}/{y}); null: the offline basemap only. */
  tileUrl?: string | null;
  /** An open store to serve (tests, demo); the app does not close it. Default: open storeConfig. */
  store?: EventStore;
  /** A review service to use (tests); default: src/review's over the store. */
  review?: ReviewService;
  /** Default 600 requests a minute per key; false: no limit. */
  rateLimit?: RateLimitOptions | false;
  /** How often the live stream looks for new incidents and alerts (default 1500 ms). */
  streamPollMs?: number;
  /** Heartbeat comment interval on the live stream (default 15 s). */
  heartbeatMs?: number;
  /** How long a checked API key is trusted without looking it up again (default 5 s). */
  keyCacheMs?: number;
  /** Fastify's logger (default off). */
  logger?: boolean;
}

/** The sqlite config with its file path settled (MARSAD_HOME/marsad.db when none is given). */
function settle(config: StoreConfig, home: string): StoreConfig {
  const c = resolveStoreConfig(config);
  if (c.kind === 'sqlite' && !c.path) return { kind: 'sqlite', path: existsSync(home) ? join(home, 'marsad.db') : defaultSqlitePath() };
  return c;
}

export function defaultWebRoot(): string | null {
  const dir = join(packageRoot(), 'dist', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * The Marsad HTTP API (docs/api.md) and, when built, the dashboard. Everything it opens — the
 * store (unless given), the monitor connection, the review service (unless given) — is closed by
 * app.close().
 */
export async function buildApp(opts: ApiOptions): Promise<FastifyInstance> {
  const home = opts.home || marsadHome();
  const storeConfig = settle(opts.storeConfig, home);
  const ownStore = opts.store === undefined;
  const store = opts.store ?? await openStore(storeConfig);
  let monitorDb: MonitorDb | null = null;
  let review: ReviewService | null = opts.review ?? null;
  const ownReview = opts.review === undefined;
  try {
    monitorDb = openMonitorDb(storeConfig);
    const access = await AccessRepo.open(monitorDb);
    review ??= await openReviewService({ store, storeConfig, home });
    const ctx = createContext({
      store, storeConfig, home, monitorDb, access, review, builtinReview: ownReview,
      publicReads: opts.publicReads === true, tileUrl: opts.tileUrl ?? null,
    });
    const feed = new ChangeFeed(ctx, opts.streamPollMs ?? 1500);

    const app = Fastify({
      logger: opts.logger === true, bodyLimit: 1 << 20, routerOptions: { ignoreTrailingSlash: true },
      // Errors the router raises before any route runs (bad percent-encoding, over-long ids) keep the API's shape too.
      frameworkErrors: errorHandler,
    });
    // Validation is zod's, in the handlers; the JSON Schemas on routes are for the OpenAPI document.
    app.setValidatorCompiler(() => (value) => ({ value }));
    app.setErrorHandler(errorHandler);
    app.decorate('changeFeed', feed);

    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Marsad API', version: ctx.version,
          description: 'Escalation and ceasefire monitor: documents, events, incidents, review, agreements, violations, control, escalation, alerts, coordination. See docs/api.md.',
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
            apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          },
        },
      },
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

    registerAuth(app, { access, publicReads: ctx.publicReads, keyCacheMs: opts.keyCacheMs ?? 5000 });
    if (opts.rateLimit !== false) {
      const rl = opts.rateLimit ?? { max: 600, timeWindowMs: 60_000 };
      await app.register(fastifyRateLimit, {
        global: true,
        hook: 'preHandler',
        max: rl.max,
        timeWindow: rl.timeWindowMs,
        keyGenerator: (req) => (req.principal?.keyId ? `key:${req.principal.keyId}` : `ip:${req.ip}`),
        allowList: (req) => !req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.url.startsWith('/api/health'),
        errorResponseBuilder: (_req, c) => new ApiError(429, 'rate-limited', `rate limit exceeded: ${c.max} requests per ${Math.round(rl.timeWindowMs / 1000)} s for this key; retry in ${c.after}`),
      });
    }

    registerCoreRoutes(app, ctx);
    registerRecordRoutes(app, ctx);
    registerReviewRoutes(app, ctx);
    registerMonitorRoutes(app, ctx);
    registerCoordinationRoutes(app, ctx);
    registerFileRoutes(app, ctx);
    registerStreamRoute(app, feed, opts.heartbeatMs ?? 15_000);

    const webRoot = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
    if (webRoot) {
      await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'] });
    }
    // Unknown /api paths are JSON 404s; any other path is the dashboard's (its router decides).
    app.setNotFoundHandler((req, res) => {
      if (webRoot && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api')) {
        return res.type('text/html; charset=utf-8').sendFile('index.html');
      }
      return res.status(404).send({ error: { code: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    });

    const db = monitorDb;
    const rv = review;
    app.addHook('onClose', async () => {
      feed.close();
      await ctx.closeMonitor();
      if (ownReview) await rv.close();
      await db.close();
      if (ownStore) await store.close();
    });
    return app;
  } catch (err) {
    if (ownReview && review) await review.close().catch(() => undefined);
    if (monitorDb) await monitorDb.close().catch(() => undefined);
    if (ownStore) await store.close().catch(() => undefined);
    throw err;
  }
}
