import type { Alert } from '../monitor/alerts/types.js';
import type { Incident } from '../store/types.js';
import type { ApiContext } from './context.js';

/**
 * What the live stream pushes: incidents created or changed and alerts recorded — by this server
 * or by any other process writing to the same database (a CLI ingest, a worker). One poller per
 * server, running only while someone listens, asks the database every `pollMs` for rows newer
 * than the last it saw (by updated_at / created_at), so an idle server costs nothing.
 */

export interface IncidentChange {
  id: string;
  change: 'new' | 'updated' | 'removed';
  updated_at: string;
  summary: Pick<Incident, 'event_type' | 'sub_event_type' | 'grade' | 'date' | 'fatalities' | 'actor_ids'> & {
    location: { name: string; name_ar: string | null; lat: number; lon: number; admin1: string | null } | null;
  } | null;
}

export type FeedMessage = { type: 'incident'; data: IncidentChange } | { type: 'alert'; data: Alert };
export type FeedListener = (m: FeedMessage) => void;

/** At most this many changed rows are read per poll; the rest come on the next. */
const BATCH = 500;
const EPOCH = '1970-01-01T00:00:00.000Z';

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Rows at the watermark itself may be joined by later writes in the same millisecond: keep their ids. */
class Watermark {
  at = '';
  private seen = new Set<string>();

  isNew(at: string, id: string): boolean {
    return at > this.at || (at === this.at && !this.seen.has(id));
  }

  /** Start at `at`, the rows already there (`ids`) counting as seen. */
  reset(at: string, ids: readonly string[]): void {
    this.at = at;
    this.seen = new Set(ids);
  }

  advance(at: string, id: string): void {
    if (at > this.at) {
      this.at = at;
      this.seen = new Set([id]);
    } else if (at === this.at) {
      this.seen.add(id);
    }
  }
}

export class ChangeFeed {
  private readonly listeners = new Set<FeedListener>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private started: Promise<void> | null = null;
  private readonly incidents = new Watermark();
  private readonly alerts = new Watermark();

  constructor(private readonly ctx: ApiContext, private readonly pollMs: number) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Start listening; resolves once the watermarks are set, so only later changes are pushed. */
  async subscribe(listener: FeedListener): Promise<() => void> {
    this.listeners.add(listener);
    if (this.timer === null) {
      this.started ??= this.initWatermarks();
      this.timer = setInterval(() => { void this.poll(); }, this.pollMs);
      this.timer.unref();
    }
    const unsubscribe = (): void => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
        this.started = null;
      }
    };
    try {
      await this.started;
    } catch (err) {
      unsubscribe();
      this.started = null;
      throw err;
    }
    return unsubscribe;
  }

  private async initWatermarks(): Promise<void> {
    const db = this.ctx.monitorDb;
    await this.ctx.outbox(); // the alert tables exist from here on
    const i = await db.all<{ id: string; m: unknown }>('SELECT id, updated_at AS m FROM incidents WHERE updated_at = (SELECT max(updated_at) FROM incidents)');
    const a = await db.all<{ id: string; m: unknown }>('SELECT id, created_at AS m FROM monitor_alerts WHERE created_at = (SELECT max(created_at) FROM monitor_alerts)');
    this.incidents.reset(i[0] ? iso(i[0].m) : '', i.map((r) => r.id));
    this.alerts.reset(a[0] ? iso(a[0].m) : '', a.map((r) => r.id));
  }

  /** One round: read what changed and tell every listener. Rounds never overlap. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().catch(() => undefined).finally(() => { this.polling = null; });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.started) await this.started;
    const db = this.ctx.monitorDb;
    const changed = await db.all<{ id: string; updated_at: unknown; created_at: unknown }>(
      `SELECT id, updated_at, created_at FROM incidents WHERE updated_at >= $1 ORDER BY updated_at, id LIMIT ${BATCH}`,
      [this.incidents.at === '' ? EPOCH : this.incidents.at]);
    for (const r of changed) {
      const at = iso(r.updated_at);
      if (!this.incidents.isNew(at, r.id)) continue;
      this.incidents.advance(at, r.id);
      const inc = await this.ctx.store.getIncident(r.id);
      this.emit({
        type: 'incident',
        data: {
          id: r.id, change: inc === null ? 'removed' : at === iso(r.created_at) ? 'new' : 'updated', updated_at: at,
          summary: inc === null ? null : {
            event_type: inc.event_type, sub_event_type: inc.sub_event_type, grade: inc.grade, date: inc.date,
            fatalities: inc.fatalities, actor_ids: inc.actor_ids,
            location: inc.location ? { name: inc.location.name, name_ar: inc.location.name_ar, lat: inc.location.lat, lon: inc.location.lon, admin1: inc.location.admin1 } : null,
          },
        },
      });
    }
    const alerts = await db.all<{ id: string; payload: string; created_at: unknown }>(
      `SELECT id, payload, created_at FROM monitor_alerts WHERE created_at >= $1 ORDER BY created_at, id LIMIT ${BATCH}`,
      [this.alerts.at === '' ? EPOCH : this.alerts.at]);
    for (const r of alerts) {
      const at = iso(r.created_at);
      if (!this.alerts.isNew(at, r.id)) continue;
      this.alerts.advance(at, r.id);
      this.emit({ type: 'alert', data: JSON.parse(r.payload) as Alert });
    }
  }

  private emit(m: FeedMessage): void {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch {
        // one broken connection must not stop the others
      }
    }
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}
