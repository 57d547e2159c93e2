import type { ActorLineage } from '../monitor/violations/check.js';
import type { ReviewService } from '../review/types.js';
import type { StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';

/** What the stages after the store must look at again. */
export interface StoreChanges {
  incidentIds: readonly string[];
  from: string | null;
  to: string | null;
}

export interface AfterStoreOptions {
  store: EventStore;
  storeConfig: StoreConfig;
  home: string;
  actors: ActorLineage;
  /** Bring the monitor up to date (default true). */
  monitor: boolean;
  /** Quiet time after the last change before the stages run (default 2000 ms)… */
  settleMs?: number;
  /** …but never longer than this after the first pending change (default 30 s). */
  maxDelayMs?: number;
  log: (line: string) => void;
}

type OpenReview = (o: { store: EventStore; storeConfig: StoreConfig; home?: string; refresh?: false }) => Promise<ReviewService>;

/**
 * The review service, when this build has one (src/review/index.ts exporting openReviewService).
 * Loaded by a computed name so the queue does not need it to compile.
 */
export async function loadReviewService(store: EventStore, storeConfig: StoreConfig, home: string): Promise<ReviewService | null> {
  const spec = '../review/index.js';
  let mod: { openReviewService?: OpenReview };
  try {
    mod = (await import(spec)) as { openReviewService?: OpenReview };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes('review')) return null;
    throw err;
  }
  // The monitor is refreshed once by the caller over everything, not by the review service too.
  return typeof mod.openReviewService === 'function' ? mod.openReviewService({ store, storeConfig, home, refresh: false }) : null;
}

/**
 * After documents are committed: analysts' reviews laid over again on the incidents the
 * machine rewrote (ReviewService.reapply), then the monitor refreshed over what changed. Changes
 * from many commits are gathered and handled together once the worker has been quiet for
 * `settleMs` (at the latest `maxDelayMs` after the first): a refresh per document would cost
 * more than storing it. Failures are logged, not thrown: the documents are stored, and
 * `marsad agreements check` / `marsad escalation` can catch up later.
 */
export class AfterStore {
  private ids = new Set<string>();
  private from: string | null = null;
  private to: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private firstPending = 0;
  private running: Promise<void> = Promise.resolve();
  private review: ReviewService | null | undefined;

  constructor(private readonly o: AfterStoreOptions) {}

  note(c: StoreChanges): void {
    if (c.incidentIds.length === 0 && c.from === null) return;
    for (const id of c.incidentIds) this.ids.add(id);
    if (c.from !== null && (this.from === null || c.from < this.from)) this.from = c.from;
    if (c.to !== null && (this.to === null || c.to > this.to)) this.to = c.to;
    const now = Date.now();
    if (this.timer === null) this.firstPending = now;
    else clearTimeout(this.timer);
    const left = Math.max(0, this.firstPending + (this.o.maxDelayMs ?? 30_000) - now);
    this.timer = setTimeout(() => void this.flush(), Math.min(this.o.settleMs ?? 2000, left));
    this.timer.unref();
  }

  /** Run the stages now over everything pending; waits for a run in progress first. */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const changes: StoreChanges = { incidentIds: [...this.ids].sort(), from: this.from, to: this.to };
    this.ids = new Set();
    this.from = null;
    this.to = null;
    this.running = this.running.then(() => this.run(changes));
    return this.running;
  }

  private async run(c: StoreChanges): Promise<void> {
    if (c.incidentIds.length === 0 && c.from === null) return;
    try {
      if (this.review === undefined) this.review = await loadReviewService(this.o.store, this.o.storeConfig, this.o.home);
      if (this.review !== null && c.incidentIds.length > 0) {
        const r = await this.review.reapply(c.incidentIds);
        if (r.reapplied > 0) this.o.log(`reviews reapplied to ${r.reapplied} incidents`);
      }
    } catch (err) {
      this.o.log(`analysts' reviews were not reapplied: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!this.o.monitor) return;
    try {
      const { refreshMonitor } = await import('../monitor/refresh.js');
      await refreshMonitor(this.o.store, {
        home: this.o.home, storeConfig: this.o.storeConfig, actors: this.o.actors,
        changed: { incidentIds: c.incidentIds, from: c.from, to: c.to },
      });
    } catch (err) {
      this.o.log(`the monitor was not brought up to date: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.review?.close().catch(() => undefined);
  }
}
