import { join } from 'node:path';
import { gazetteerDir, marsadHome } from '../config/home.js';
import { ActorCatalogue } from '../extract/actors/catalogue.js';
import { Gazetteer } from '../geo/gazetteer.js';
import type { StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';
import { loadAgreementsDir } from './agreements/load.js';
import { AlertDispatcher } from './alerts/dispatcher.js';
import { openMonitorDb, type MonitorDb } from './alerts/monitor-db.js';
import { AlertOutbox, type ChannelKinds } from './alerts/outbox.js';
import { ControlTimeline } from './control/index.js';
import { DEFAULT_ESCALATION_CONFIG, type EscalationConfig } from './escalation/config.js';
import { addDays } from './escalation/days.js';
import { EscalationRepo } from './escalation/escalation-repo.js';
import { runEscalation } from './escalation/run-escalation.js';
import type { Agreement } from './types.js';
import type { ActorLineage } from './violations/check.js';
import { checkStore, recheckIncident } from './violations/check-store.js';
import { openViolationStore } from './violations/open.js';
import type { ViolationStore } from './violations/violation-store.js';

/**
 * Bring the monitor up to date after the store changed (an ingest, a poll of a live source):
 * violations of the agreements in MARSAD_HOME re-checked, the control timeline and the escalation
 * index recomputed over the days the change touched, new alerts recorded in the outbox and —
 * when a webhook is registered — delivered. Every step is idempotent: refreshing again over the
 * same change writes the same rows and records no second alert.
 */

/** Where `marsad agreements add` keeps the agreements: MARSAD_HOME/agreements/<id>.yaml. */
export function homeAgreementsDir(home: string): string {
  return join(home, 'agreements');
}

/** What changed in the store (the ingest's IngestChanges fits). */
export interface MonitorChanges {
  /** Incidents created, updated or deleted; their violations are re-checked. */
  incidentIds?: readonly string[];
  /** The days the change touched (YYYY-MM-DD, inclusive). */
  from?: string | null;
  to?: string | null;
}

export interface RefreshOptions {
  /** MARSAD_HOME, where the agreements are (default $MARSAD_HOME or ~/.marsad). */
  home?: string;
  /** The config the event store was opened with: the monitor's tables live in the same database. */
  storeConfig: StoreConfig;
  /**
   * What changed. Absent: everything is re-checked (every incident, the whole timeline, the index
   * over the store's whole date span). Given but empty: nothing to do.
   */
  changed?: MonitorChanges;
  /** The agreements to check against (default: those in MARSAD_HOME/agreements). */
  agreements?: readonly Agreement[];
  /** The actor catalogue, for who answers for a perpetrator (default: the built-in one). */
  actors?: ActorLineage;
  escalation?: EscalationConfig;
  /** Deliver pending alerts now when a webhook is registered (default true). */
  deliver?: boolean;
  /** How long to keep retrying webhooks before leaving the rest to `marsad alerts deliver` (default 15 s). */
  deliverTimeoutMs?: number;
  /** Where the alerts' log channel writes when delivering (default stderr). */
  log?: (line: string) => void;
  now?: Date;
}

export interface MonitorRefreshSummary {
  agreements: string[];
  /** Null when there is no agreement to check against. */
  violations: { incidents: number; added: number; updated: number; withdrawn: number } | null;
  /** Null when no dated change asked for it. */
  control: { claims: number; added: number; changed: number; removed: number } | null;
  /** The days computed (per unit), and how many units crossed the threshold; null when none. */
  escalation: { from: string; to: string; days: number; crossings: number } | null;
  alerts: {
    /** Alerts recorded for the first time by this refresh. */
    recorded: number;
    /** Deliveries made now (only with a webhook registered). */
    delivered: number;
    /** Deliveries left for `marsad alerts deliver` or the server. */
    pending: number;
    webhooks: number;
  };
}

interface DaySpan {
  from: string;
  to: string;
}

const PAGE = 1000;
/** What a CLI process delivers: the log and the webhooks; the live stream belongs to the server. */
const CLI_CHANNELS: ChannelKinds = { log: true, stream: false, webhooks: true };

function isEmpty(c: MonitorChanges): boolean {
  return (c.incidentIds === undefined || c.incidentIds.length === 0) && !c.from && !c.to;
}

/** The span of `c`, or of the store's incidents when nothing is known; null when there are none. */
async function spanOf(store: EventStore, c: MonitorChanges | undefined): Promise<DaySpan | null> {
  if (c?.from && c.to) return { from: c.from, to: c.to };
  if (c !== undefined && (c.incidentIds === undefined || c.incidentIds.length === 0)) {
    return c.from || c.to ? { from: (c.from ?? c.to)!, to: (c.to ?? c.from)! } : null;
  }
  // Incidents known but not their days, or nothing known: the days of those incidents, or of all.
  let span: DaySpan | null = null;
  const widen = (d: { start: string; end: string } | null): void => {
    if (d === null) return;
    span = span === null ? { from: d.start, to: d.end } : { from: d.start < span.from ? d.start : span.from, to: d.end > span.to ? d.end : span.to };
  };
  if (c?.incidentIds) {
    for (const id of c.incidentIds) widen((await store.getIncident(id))?.date ?? null);
  } else {
    let cursor: string | null = null;
    do {
      const page = await store.listIncidents({}, { limit: PAGE, cursor });
      for (const inc of page.items) widen(inc.date);
      cursor = page.next;
    } while (cursor !== null);
  }
  return span;
}

async function refreshViolations(store: EventStore, violations: ViolationStore, agreements: readonly Agreement[],
  actors: ActorLineage, changed: MonitorChanges | undefined, dropOthers: boolean): Promise<NonNullable<MonitorRefreshSummary['violations']>> {
  const out = { incidents: 0, added: 0, updated: 0, withdrawn: 0 };
  if (changed?.incidentIds === undefined) {
    const r = await checkStore(store, violations, agreements, actors, {
      ...(changed?.from ? { since: changed.from } : {}),
      dropOtherAgreements: dropOthers,
    });
    return { incidents: r.incidents, added: r.added, updated: r.updated, withdrawn: r.removed };
  }
  const scope = { agreements: agreements.map((a) => a.id) };
  for (const id of changed.incidentIds) {
    const inc = await store.getIncident(id);
    // Gone (merged into another): whatever it violated is withdrawn.
    const r = inc === null
      ? await violations.syncIncident(id, [], scope)
      : await recheckIncident(store, violations, inc, agreements, actors);
    out.incidents++;
    out.added += r.added;
    out.updated += r.updated;
    out.withdrawn += r.removed;
  }
  return out;
}

/**
 * The escalation days to recompute for a change over `span`: a day's index reads the
 * `baseline_days` before it, so the days after the change (up to that many, never past today)
 * change too; and the days before it are computed as well, so that a chart of the weeks before
 * the change reads stored days rather than gaps.
 */
function escalationRange(span: DaySpan, config: EscalationConfig, now: Date): DaySpan {
  const today = now.toISOString().slice(0, 10);
  const after = addDays(span.to, config.baseline_days);
  const limit = span.to > today ? span.to : today;
  return { from: addDays(span.from, -config.baseline_days), to: after < limit ? after : limit };
}

async function deliverAlerts(outbox: AlertOutbox, opts: RefreshOptions): Promise<{ delivered: number; webhooks: number }> {
  const webhooks = (await outbox.webhooks()).filter((h) => h.active).length;
  if (webhooks === 0 || opts.deliver === false || (await outbox.pendingCount(CLI_CHANNELS)) === 0) return { delivered: 0, webhooks };
  let delivered = 0;
  const dispatcher = new AlertDispatcher(outbox, {
    channels: CLI_CHANNELS,
    backoff: { baseMs: 1_000, capMs: 10_000 },
    ...(opts.log ? { log: opts.log } : {}),
  });
  const deadline = Date.now() + (opts.deliverTimeoutMs ?? 15_000);
  // runOnce passes until nothing is due or the time is up; failed webhooks wait for their retry time.
  for (;;) {
    delivered += (await dispatcher.runOnce()).delivered;
    if ((await outbox.pendingCount(CLI_CHANNELS)) === 0 || Date.now() >= deadline) break;
    const next = await outbox.nextDueFor(CLI_CHANNELS);
    const wait = next === null ? 1_000 : Math.max(5, Date.parse(next) - Date.now());
    if (Date.now() + wait > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { delivered, webhooks };
}

/**
 * Refresh the monitor after a change of the store (see the top of this file). Opens its own
 * connections to the store's database (call it outside any open store transaction) and closes
 * them before returning.
 */
export async function refreshMonitor(store: EventStore, opts: RefreshOptions): Promise<MonitorRefreshSummary> {
  const summary: MonitorRefreshSummary = {
    agreements: [],
    violations: null,
    control: null,
    escalation: null,
    alerts: { recorded: 0, delivered: 0, pending: 0, webhooks: 0 },
  };
  const changed = opts.changed;
  if (changed !== undefined && isEmpty(changed)) return summary;
  const home = opts.home ?? marsadHome();
  const agreements = opts.agreements
    ?? loadAgreementsDir(homeAgreementsDir(home), { places: () => Gazetteer.load(gazetteerDir(home)) });
  summary.agreements = agreements.map((a) => a.id);
  const now = opts.now ?? new Date();
  const config = opts.escalation ?? DEFAULT_ESCALATION_CONFIG;

  if (agreements.length > 0) {
    const violations = await openViolationStore(opts.storeConfig);
    try {
      summary.violations = await refreshViolations(store, violations, agreements, opts.actors ?? ActorCatalogue.load([]), changed,
        opts.agreements === undefined);
    } finally {
      await violations.close();
    }
  }

  const span = await spanOf(store, changed);
  if (span === null) return summary;
  const db: MonitorDb = openMonitorDb(opts.storeConfig);
  try {
    const timeline = await ControlTimeline.open(db);
    const c = await timeline.update(store, changed === undefined ? { now } : { from: span.from, to: span.to, now });
    summary.control = { claims: c.claims, added: c.added, changed: c.changed, removed: c.removed };

    const [repo, outbox] = [await EscalationRepo.open(db), await AlertOutbox.open(db)];
    const range = escalationRange(span, config, now);
    const esc = await runEscalation(store, repo, outbox, agreements, { ...range, config, now });
    summary.escalation = { ...range, days: esc.days.length, crossings: esc.days.filter((d) => d.crossed).length };
    summary.alerts.recorded = esc.recorded.length;
    const d = await deliverAlerts(outbox, opts);
    summary.alerts.delivered = d.delivered;
    summary.alerts.webhooks = d.webhooks;
    summary.alerts.pending = await outbox.pendingCount(CLI_CHANNELS);
  } finally {
    await db.close();
  }
  return summary;
}
