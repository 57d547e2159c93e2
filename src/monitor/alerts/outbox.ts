import { createHash } from 'node:crypto';
import { MonitorInputError, type MonitorDb, type MonitorMigration } from './monitor-db.js';
import type {
  Alert, AlertChannel, AlertDelivery, AlertKind, DeliveryStatus, NewAlert, Webhook,
} from './types.js';

/**
 * The persisted outbox. Recording an alert and creating one delivery row per channel (log,
 * stream, each active webhook) happen in one transaction, and a delivery is marked done only
 * after it succeeded, so a crash at any point loses nothing: a restarted dispatcher picks up
 * every row still pending (delivery is at least once; receivers deduplicate by alert id).
 * Webhooks registered later receive only alerts recorded after them.
 */

const MIGRATIONS: readonly MonitorMigration[] = [
  {
    version: 1,
    name: 'alerts, deliveries, attempts, webhooks',
    sqlite: `
CREATE TABLE monitor_alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  agreement_id TEXT,
  unit_id TEXT,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX monitor_alerts_day ON monitor_alerts(day, id);
CREATE INDEX monitor_alerts_created ON monitor_alerts(created_at, id);
CREATE TABLE monitor_alert_deliveries (
  alert_id TEXT NOT NULL REFERENCES monitor_alerts(id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  lease_until TEXT,
  lease_owner TEXT,
  last_error TEXT,
  last_http_status INTEGER,
  delivered_at TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (alert_id, channel)
) STRICT;
CREATE INDEX monitor_alert_deliveries_due ON monitor_alert_deliveries(status, next_attempt_at);
CREATE TABLE monitor_alert_attempts (
  alert_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  http_status INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL,
  PRIMARY KEY (alert_id, channel, attempt)
) STRICT;
CREATE TABLE monitor_webhooks (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;`,
    postgres: `
CREATE TABLE monitor_alerts (
  id text COLLATE "C" PRIMARY KEY,
  kind text NOT NULL,
  day text COLLATE "C" NOT NULL,
  agreement_id text,
  unit_id text,
  payload text NOT NULL,
  created_at text COLLATE "C" NOT NULL
);
CREATE INDEX monitor_alerts_day ON monitor_alerts(day, id);
CREATE INDEX monitor_alerts_created ON monitor_alerts(created_at, id);
CREATE TABLE monitor_alert_deliveries (
  alert_id text COLLATE "C" NOT NULL REFERENCES monitor_alerts(id) ON DELETE CASCADE,
  channel text COLLATE "C" NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at text COLLATE "C",
  lease_until text COLLATE "C",
  lease_owner text,
  last_error text,
  last_http_status integer,
  delivered_at text,
  created_at text NOT NULL,
  PRIMARY KEY (alert_id, channel)
);
CREATE INDEX monitor_alert_deliveries_due ON monitor_alert_deliveries(status, next_attempt_at);
CREATE TABLE monitor_alert_attempts (
  alert_id text COLLATE "C" NOT NULL,
  channel text COLLATE "C" NOT NULL,
  attempt integer NOT NULL,
  at text NOT NULL,
  ok integer NOT NULL,
  http_status integer,
  error text,
  duration_ms integer NOT NULL,
  PRIMARY KEY (alert_id, channel, attempt)
);
CREATE TABLE monitor_webhooks (
  id text COLLATE "C" PRIMARY KEY,
  url text NOT NULL,
  secret text NOT NULL,
  active integer NOT NULL,
  created_at text NOT NULL
);`,
  },
];

interface DeliveryRow {
  alert_id: string; channel: string; status: string; attempts: number; next_attempt_at: string | null;
  last_error: string | null; last_http_status: number | null; delivered_at: string | null;
}
interface WebhookRow { id: string; url: string; secret: string; active: number; created_at: string }

function delivery(r: DeliveryRow): AlertDelivery {
  return {
    alert_id: r.alert_id, channel: r.channel as AlertChannel, status: r.status as DeliveryStatus,
    attempts: Number(r.attempts), next_attempt_at: r.next_attempt_at, last_error: r.last_error,
    last_http_status: r.last_http_status === null ? null : Number(r.last_http_status), delivered_at: r.delivered_at,
  };
}

function webhook(r: WebhookRow): Webhook {
  return { id: r.id, url: r.url, secret: r.secret, active: Number(r.active) === 1, created_at: r.created_at };
}

/** A pending delivery handed to a dispatcher, with the exact body every attempt sends. */
export interface DueDelivery {
  alert_id: string;
  channel: AlertChannel;
  attempts: number;
  /** The alert as recorded (JSON) — the webhook body, byte for byte the same on every retry. */
  payload: string;
  alert_created_at: string;
}

/** Which kinds of channel a dispatcher serves (the live stream only where listeners live). */
export interface ChannelKinds {
  log: boolean;
  stream: boolean;
  webhooks: boolean;
}

export interface AttemptResult {
  ok: boolean;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
  /** When not ok: the next attempt's time, or null to give up (status 'failed'). */
  retry_at: string | null;
}

export interface AlertListFilter {
  /** YYYY-MM-DD, inclusive, on the alert's day. */
  from?: string;
  to?: string;
  kind?: AlertKind;
  agreement_id?: string;
  /** Alerts with at least one delivery in this status. */
  delivery_status?: DeliveryStatus;
  limit?: number;
}

export interface AlertWithDeliveries {
  alert: Alert;
  deliveries: AlertDelivery[];
}

export class AlertOutbox {
  private constructor(readonly db: MonitorDb) {}

  static async open(db: MonitorDb): Promise<AlertOutbox> {
    await db.migrate('alerts', MIGRATIONS);
    return new AlertOutbox(db);
  }

  /**
   * Record alerts not recorded yet (by id) and queue their deliveries. Returns the alerts that
   * were new; an id already recorded is left exactly as it was.
   */
  async enqueue(alerts: readonly NewAlert[], now: Date = new Date()): Promise<Alert[]> {
    if (alerts.length === 0) return [];
    const at = now.toISOString();
    return this.db.transaction(async (tx) => {
      const hooks = (await tx.all<WebhookRow>('SELECT id, url, secret, active, created_at FROM monitor_webhooks WHERE active = 1 ORDER BY id'))
        .map(webhook);
      const channels: AlertChannel[] = ['log', 'stream', ...hooks.map((h) => `webhook:${h.id}` as const)];
      const added: Alert[] = [];
      for (const a of alerts) {
        const alert = { ...a, created_at: at } as Alert;
        const unitId = alert.kind === 'escalation-threshold' ? alert.unit.id : null;
        const n = await tx.run(`INSERT INTO monitor_alerts (id, kind, day, agreement_id, unit_id, payload, created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [alert.id, alert.kind, alert.day, alert.agreement_id, unitId, JSON.stringify(alert), at]);
        if (n === 0) continue;
        for (const ch of channels) {
          await tx.run(`INSERT INTO monitor_alert_deliveries (alert_id, channel, status, attempts, next_attempt_at, created_at)
            VALUES ($1, $2, 'pending', 0, $3, $3) ON CONFLICT DO NOTHING`, [alert.id, ch, at]);
        }
        added.push(alert);
      }
      return added;
    });
  }

  /** Pending deliveries of the given channel kinds, due at `now` and not leased by someone else, oldest first. */
  async due(now: Date, kinds: ChannelKinds, limit = 100): Promise<DueDelivery[]> {
    const at = now.toISOString();
    const rows = await this.db.all<{ alert_id: string; channel: string; attempts: number; payload: string; created_at: string }>(
      `SELECT d.alert_id, d.channel, d.attempts, a.payload, a.created_at FROM monitor_alert_deliveries d
        JOIN monitor_alerts a ON a.id = d.alert_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)
          AND ((d.channel = 'log' AND $2 = 1) OR (d.channel = 'stream' AND $3 = 1) OR (d.channel LIKE 'webhook:%' AND $4 = 1))
        ORDER BY d.next_attempt_at, a.created_at, d.alert_id, d.channel LIMIT $5`,
      [at, kinds.log ? 1 : 0, kinds.stream ? 1 : 0, kinds.webhooks ? 1 : 0, limit]);
    return rows.map((r) => ({
      alert_id: r.alert_id, channel: r.channel as AlertChannel, attempts: Number(r.attempts), payload: r.payload,
      alert_created_at: r.created_at,
    }));
  }

  /** Take a delivery for `owner` until `until`; false when another dispatcher has it or it is done. */
  async lease(d: DueDelivery, owner: string, now: Date, until: Date): Promise<boolean> {
    const n = await this.db.run(`UPDATE monitor_alert_deliveries SET lease_until = $1, lease_owner = $2
      WHERE alert_id = $3 AND channel = $4 AND status = 'pending' AND attempts = $5
        AND (lease_until IS NULL OR lease_until <= $6)`,
    [until.toISOString(), owner, d.alert_id, d.channel, d.attempts, now.toISOString()]);
    return n === 1;
  }

  /** Record one attempt and its outcome (delivered, retry at, or failed for good). */
  async recordAttempt(d: DueDelivery, result: AttemptResult, now: Date): Promise<DeliveryStatus> {
    const at = now.toISOString();
    const attempt = d.attempts + 1;
    const status: DeliveryStatus = result.ok ? 'delivered' : result.retry_at === null ? 'failed' : 'pending';
    await this.db.transaction(async (tx) => {
      await tx.run(`INSERT INTO monitor_alert_attempts (alert_id, channel, attempt, at, ok, http_status, error, duration_ms)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [d.alert_id, d.channel, attempt, at, result.ok ? 1 : 0, result.http_status, result.error, Math.round(result.duration_ms)]);
      await tx.run(`UPDATE monitor_alert_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, lease_until = NULL,
          lease_owner = NULL, last_error = $4, last_http_status = $5, delivered_at = $6
        WHERE alert_id = $7 AND channel = $8`,
      [status, attempt, status === 'pending' ? result.retry_at : null, result.error, result.http_status,
        result.ok ? at : null, d.alert_id, d.channel]);
    });
    return status;
  }

  /** Close a delivery without an attempt (its webhook was removed; a stream item too old to matter). */
  async skip(d: DueDelivery, why: string): Promise<void> {
    await this.db.run(`UPDATE monitor_alert_deliveries SET status = 'skipped', last_error = $1, next_attempt_at = NULL,
      lease_until = NULL, lease_owner = NULL WHERE alert_id = $2 AND channel = $3 AND status = 'pending'`, [why, d.alert_id, d.channel]);
  }

  /** Pending deliveries of the given channel kinds (all when omitted). */
  async pendingCount(kinds: ChannelKinds = { log: true, stream: true, webhooks: true }): Promise<number> {
    const rows = await this.db.all<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM monitor_alert_deliveries
      WHERE status = 'pending'
        AND ((channel = 'log' AND $1 = 1) OR (channel = 'stream' AND $2 = 1) OR (channel LIKE 'webhook:%' AND $3 = 1))`,
    [kinds.log ? 1 : 0, kinds.stream ? 1 : 0, kinds.webhooks ? 1 : 0]);
    return Number(rows[0]?.n ?? 0);
  }

  /** When the next delivery of the given kinds comes due (null when none is pending). */
  async nextDueFor(kinds: ChannelKinds): Promise<string | null> {
    const rows = await this.db.all<{ t: string | null }>(`SELECT min(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at
      THEN lease_until ELSE next_attempt_at END) AS t FROM monitor_alert_deliveries WHERE status = 'pending'
        AND ((channel = 'log' AND $1 = 1) OR (channel = 'stream' AND $2 = 1) OR (channel LIKE 'webhook:%' AND $3 = 1))`,
    [kinds.log ? 1 : 0, kinds.stream ? 1 : 0, kinds.webhooks ? 1 : 0]);
    return rows[0]?.t ?? null;
  }

  /** Put failed deliveries back in the queue (after a receiver was fixed). */
  async retryFailed(now: Date = new Date()): Promise<number> {
    return this.db.run(`UPDATE monitor_alert_deliveries SET status = 'pending', next_attempt_at = $1
      WHERE status = 'failed'`, [now.toISOString()]);
  }

  async get(id: string): Promise<AlertWithDeliveries | null> {
    const rows = await this.db.all<{ payload: string }>('SELECT payload FROM monitor_alerts WHERE id = $1', [id]);
    if (!rows[0]) return null;
    return { alert: JSON.parse(rows[0].payload) as Alert, deliveries: await this.deliveries(id) };
  }

  async deliveries(alertId: string): Promise<AlertDelivery[]> {
    const rows = await this.db.all<DeliveryRow>(`SELECT alert_id, channel, status, attempts, next_attempt_at, last_error,
      last_http_status, delivered_at FROM monitor_alert_deliveries WHERE alert_id = $1 ORDER BY channel`, [alertId]);
    return rows.map(delivery);
  }

  /** Attempts of one delivery, in order (for audits and tests). */
  async attempts(alertId: string, channel: AlertChannel): Promise<{ attempt: number; at: string; ok: boolean; http_status: number | null; error: string | null }[]> {
    const rows = await this.db.all<{ attempt: number; at: string; ok: number; http_status: number | null; error: string | null }>(
      `SELECT attempt, at, ok, http_status, error FROM monitor_alert_attempts WHERE alert_id = $1 AND channel = $2 ORDER BY attempt`,
      [alertId, channel]);
    return rows.map((r) => ({ attempt: Number(r.attempt), at: r.at, ok: Number(r.ok) === 1, http_status: r.http_status === null ? null : Number(r.http_status), error: r.error }));
  }

  /** Alerts, newest day first, with their deliveries. */
  async list(f: AlertListFilter = {}): Promise<AlertWithDeliveries[]> {
    const limit = f.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw new MonitorInputError(`alerts list: limit must be 1..10000, got ${String(limit)}`);
    const rows = await this.db.all<{ id: string; payload: string }>(`SELECT a.id, a.payload FROM monitor_alerts a
      WHERE ($1 = '' OR a.day >= $1) AND ($2 = '' OR a.day <= $2) AND ($3 = '' OR a.kind = $3)
        AND ($4 = '' OR a.agreement_id = $4)
        AND ($5 = '' OR EXISTS (SELECT 1 FROM monitor_alert_deliveries d WHERE d.alert_id = a.id AND d.status = $5))
      ORDER BY a.day DESC, a.id LIMIT $6`,
    [f.from ?? '', f.to ?? '', f.kind ?? '', f.agreement_id ?? '', f.delivery_status ?? '', limit]);
    const out: AlertWithDeliveries[] = [];
    for (const r of rows) out.push({ alert: JSON.parse(r.payload) as Alert, deliveries: await this.deliveries(r.id) });
    return out;
  }

  async count(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM monitor_alerts');
    return Number(rows[0]?.n ?? 0);
  }

  /** Register (or re-activate / update) a webhook; the id defaults to a hash of the URL. */
  async addWebhook(url: string, secret: string, id?: string, now: Date = new Date()): Promise<Webhook> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MonitorInputError(`webhook URL ${JSON.stringify(url)} is not a valid URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new MonitorInputError(`webhook URL ${JSON.stringify(url)}: only http and https are supported`);
    }
    if (typeof secret !== 'string' || secret.length < 16) {
      throw new MonitorInputError('webhook secret: use at least 16 characters (it signs every delivery)');
    }
    const hookId = id ?? createHash('sha256').update(url).digest('hex').slice(0, 12);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(hookId)) throw new MonitorInputError(`webhook id ${JSON.stringify(hookId)}: use 1-64 letters, digits, . _ -`);
    await this.db.run(`INSERT INTO monitor_webhooks (id, url, secret, active, created_at) VALUES ($1, $2, $3, 1, $4)
      ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, active = 1`, [hookId, url, secret, now.toISOString()]);
    return (await this.webhook(hookId))!;
  }

  async webhook(id: string): Promise<Webhook | null> {
    const rows = await this.db.all<WebhookRow>('SELECT id, url, secret, active, created_at FROM monitor_webhooks WHERE id = $1', [id]);
    return rows[0] ? webhook(rows[0]) : null;
  }

  async webhooks(): Promise<Webhook[]> {
    return (await this.db.all<WebhookRow>('SELECT id, url, secret, active, created_at FROM monitor_webhooks ORDER BY id')).map(webhook);
  }

  /** Stop sending to a webhook; its pending deliveries are skipped by the dispatcher. */
  async disableWebhook(id: string): Promise<boolean> {
    return (await this.db.run('UPDATE monitor_webhooks SET active = 0 WHERE id = $1', [id])) > 0;
  }
}
