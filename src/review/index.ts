import { defaultParentOf } from '../incidents/actors.js';
import type { GradeOptions } from '../incidents/grade.js';
import { ActorCatalogue } from '../extract/actors/catalogue.js';
import { openMonitorDb } from '../monitor/alerts/monitor-db.js';
import { refreshMonitor, type RefreshOptions } from '../monitor/refresh.js';
import type { StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';
import type { Touched } from './reapply.js';
import { ReviewRepo } from './review-repo.js';
import { StoreReviewService } from './service.js';
import type { ReviewService } from './types.js';

export * from './types.js';
export { checkCorrection, CORRECTION_FIELDS, type CorrectionField } from './correction.js';

export interface ReviewServiceOptions {
  store: EventStore;
  /** The config the store was opened with: the review tables live in the same database. */
  storeConfig: StoreConfig;
  /** MARSAD_HOME, where the monitor finds the agreements (default $MARSAD_HOME or ~/.marsad). */
  home?: string;
  /**
   * After every action (and a reapply that wrote something) the monitor is refreshed over the
   * incidents and days touched, without delivering webhooks (default). False: no refresh (the
   * caller refreshes itself, e.g. `marsad ingest` after reapplying). An object: options passed on
   * to refreshMonitor (agreements, actors, now…).
   */
  refresh?: false | Omit<RefreshOptions, 'storeConfig' | 'changed'>;
  /** Incident grading for merged and split incidents (default: the actor catalogue's parents). */
  grade?: GradeOptions;
  now?: () => Date;
}

/** The review service over an open store; close() closes its own connection, not the store. */
export async function openReviewService(opts: ReviewServiceOptions): Promise<ReviewService> {
  const db = openMonitorDb(opts.storeConfig);
  let repo: ReviewRepo;
  try {
    repo = await ReviewRepo.open(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const needsCatalogue = opts.grade === undefined || (opts.refresh !== false && opts.refresh?.actors === undefined);
  const catalogue = needsCatalogue ? ActorCatalogue.load([]) : null;
  const grade: GradeOptions = opts.grade ?? { parentOf: (id) => catalogue!.get(id)?.parent ?? defaultParentOf(id) };
  const refresh = opts.refresh;
  const afterReview = refresh === false
    ? async () => undefined
    : async (t: Touched) => {
      await refreshMonitor(opts.store, {
        deliver: false,
        ...(opts.home !== undefined ? { home: opts.home } : {}),
        ...(catalogue !== null ? { actors: catalogue } : {}),
        ...(refresh ?? {}),
        storeConfig: opts.storeConfig,
        changed: { incidentIds: [...t.incidentIds].sort(), from: t.from, to: t.to },
      });
    };
  return new StoreReviewService({ store: opts.store, db, repo, grade, afterReview, ...(opts.now ? { now: opts.now } : {}) });
}

/**
 * Lay the reviews over the incidents an ingest (or reprocessing) changed, before the monitor is
 * refreshed over them: the changes come back with the incidents the reviews wrote or removed
 * added. The monitor is not refreshed here — the caller does that once, over everything.
 */
export async function reapplyReviews<C extends { incidentIds: readonly string[] }>(
  store: EventStore, storeConfig: StoreConfig, home: string, changes: C,
): Promise<C & { incidentIds: string[] }> {
  if (changes.incidentIds.length === 0) return { ...changes, incidentIds: [...changes.incidentIds] };
  const reviews = await openReviewService({ store, storeConfig, home, refresh: false });
  try {
    const r = await reviews.reapply(changes.incidentIds);
    return { ...changes, incidentIds: [...new Set([...changes.incidentIds, ...(r.incident_ids ?? [])])].sort() };
  } finally {
    await reviews.close();
  }
}
