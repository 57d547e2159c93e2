import { gazetteerDir, marsadHome } from '../config/home.js';
import { ActorCatalogue } from '../extract/actors/catalogue.js';
import { Gazetteer } from '../geo/gazetteer.js';
import { loadAgreementsDir } from '../monitor/agreements/load.js';
import { openMonitorDb, type MonitorDb } from '../monitor/alerts/monitor-db.js';
import { ControlTimeline } from '../monitor/control/index.js';
import type { ControlClaim } from '../monitor/control/types.js';
import { DEFAULT_ESCALATION_CONFIG, type EscalationConfig } from '../monitor/escalation/config.js';
import { EscalationRepo } from '../monitor/escalation/escalation-repo.js';
import { postAttackAlerts } from '../monitor/escalation/posts.js';
import { admin1UnitId, zoneUnitId } from '../monitor/escalation/units.js';
import { homeAgreementsDir } from '../monitor/refresh.js';
import type { Agreement } from '../monitor/types.js';
import { openViolationStore } from '../monitor/violations/open.js';
import type { ViolationStore } from '../monitor/violations/violation-store.js';
import type { StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';
import type { Incident } from '../store/types.js';
import { ReportInputError } from './errors.js';
import { BUILTIN_ACTOR_LABELS } from './i18n.js';
import type { MonitorReportSources } from './store-sources.js';
import type { ActorLabel, ControlChangeInput, PostAttackInput } from './types.js';

/**
 * The report's monitor answers from the real monitor modules: the agreements kept in
 * MARSAD_HOME/agreements, the violations, control claims and escalation days stored beside the
 * event store (what `marsad ingest` — or `agreements check`, `control`, `escalation` — recorded),
 * observation posts attacked computed from the day's incidents, and actor names from the actor
 * catalogue. Read-only apart from creating the monitor's tables when a store has none yet.
 */

export interface MonitorSourcesOptions {
  /** Where the agreements are (default $MARSAD_HOME or ~/.marsad). */
  home?: string;
  /** The event store's config: the monitor's tables are in the same database. */
  storeConfig: StoreConfig;
  /** Extra actor catalogue files, for names of actors the built-in labels lack. */
  actorFiles?: string[];
  /** For the threshold drawn on the chart and how precisely a post attack must be located. */
  escalation?: EscalationConfig;
}

/** Monitor sources holding connections of their own: close them when the report is built. */
export interface ClosableMonitorSources extends MonitorReportSources {
  close(): Promise<void>;
}

const PAGE = 1000;

/** Once, on first use; a failure is kept and thrown again to every caller. */
function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= make());
}

/** Agreement and monitor problems are the user's to fix: they become report input errors. */
async function asInputError<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error && ['AgreementError', 'GazetteerError', 'MonitorInputError'].includes(err.name)) {
      throw new ReportInputError(err.message);
    }
    throw err;
  }
}

async function incidentsOn(store: EventStore, date: string): Promise<Incident[]> {
  const out: Incident[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listIncidents({ from: date, to: date }, { limit: PAGE, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

/** Another report for the same place and period names a different holder. */
function isContested(c: ControlClaim, all: readonly ControlClaim[]): boolean {
  return c.holder !== null && all.some((o) => o !== c && o.place.key === c.place.key && o.holder !== null && o.holder !== c.holder &&
    o.since.start <= c.since.end && c.since.start <= o.since.end);
}

export function monitorReportSources(store: EventStore, opts: MonitorSourcesOptions): ClosableMonitorSources {
  const home = opts.home ?? marsadHome();
  const config = opts.escalation ?? DEFAULT_ESCALATION_CONFIG;
  const agreements = lazy(() => asInputError(() =>
    loadAgreementsDir(homeAgreementsDir(home), { places: () => Gazetteer.load(gazetteerDir(home)) })));
  let violationStore: Promise<ViolationStore> | null = null;
  let db: MonitorDb | null = null;
  const monitorDb = (): MonitorDb => (db ??= openMonitorDb(opts.storeConfig));
  const violations = (): Promise<ViolationStore> => (violationStore ??= openViolationStore(opts.storeConfig));
  const timeline = lazy(() => ControlTimeline.open(monitorDb()));
  const escalation = lazy(() => EscalationRepo.open(monitorDb()));

  return {
    async agreement(id) {
      return (await agreements()).find((a) => a.id === id) ?? null;
    },

    async violations(date, agreementId) {
      const vs = await violations();
      return vs.list({ from: date, to: date, ...(agreementId !== null ? { agreement: agreementId } : {}) });
    },

    async controlChanges(date) {
      const claims = await (await timeline()).changes(date, date);
      const out: ControlChangeInput[] = [];
      for (const c of claims) {
        let incidentId: string | null = c.id.startsWith('inc:') ? c.id.slice('inc:'.length) : null;
        // An event's own claim (no incident, or a contested one whose members speak for themselves).
        if (incidentId === null && c.event_ids[0] !== undefined) {
          incidentId = (await store.listIncidents({ event_id: c.event_ids[0] }, { limit: 1 })).items[0]?.id ?? null;
        }
        out.push({
          place: { name: c.place.name, name_ar: c.place.name_ar },
          holder: c.holder,
          from: c.from_actor,
          since: { ...c.since },
          sub_event_type: c.sub_event_type,
          grade: c.grade,
          incident_id: incidentId,
          sources: [...c.sources],
          evidence: c.evidence[0] ?? null,
          contested: isContested(c, claims),
        });
      }
      return out;
    },

    /**
     * The monitor's index is a z-score: the day's severity-weighted score against the mean and
     * spread of the unit's own past weeks, so its baseline is 0 by construction and the
     * threshold is in the same units (config.threshold standard deviations).
     */
    async escalationSeries(area, from, to) {
      const unit = area.kind === 'zone' ? zoneUnitId(area.agreement_id, area.zone_id) : admin1UnitId(area.country, area.admin1);
      const days = await (await escalation()).series(unit, from, to);
      return {
        threshold: config.threshold,
        points: days.map((d) => ({ date: d.day, index: d.index, baseline: 0 })),
      };
    },

    async postsAttacked(date, agreementId) {
      const all: readonly Agreement[] = await agreements();
      const chosen = agreementId === null ? all : all.filter((a) => a.id === agreementId);
      if (chosen.every((a) => a.posts.length === 0)) return [];
      const incidents = await incidentsOn(store, date);
      const out: PostAttackInput[] = [];
      for (const alert of postAttackAlerts(incidents, chosen, date, date, config)) {
        const inc = incidents.find((i) => i.id === alert.incident.id)!;
        const perpetrators: string[] = [];
        for (const m of inc.members) {
          const id = (await store.getEvent(m.event_id))?.event.actor1?.id;
          if (id && !perpetrators.includes(id)) perpetrators.push(id);
        }
        for (const hit of alert.posts) {
          out.push({
            agreement_id: alert.agreement_id!, post_id: hit.id, incident_id: inc.id, date: alert.day,
            sub_event_type: inc.sub_event_type, perpetrators, distance_km: hit.distance_km,
          });
        }
      }
      return out;
    },

    /** Names from the actor catalogue for the ids the report's own labels do not know. */
    async actorLabels(ids) {
      const catalogue = ActorCatalogue.load(opts.actorFiles ?? []);
      const out = new Map<string, ActorLabel>();
      for (const id of ids) {
        if (BUILTIN_ACTOR_LABELS.has(id)) continue;
        const e = catalogue.get(id);
        if (e) out.set(id, { en: e.name, ar: e.aliases_ar[0] ?? null });
      }
      return out;
    },

    async close() {
      const vs = violationStore;
      violationStore = null;
      if (vs) await (await vs.catch(() => null))?.close();
      const d = db;
      db = null;
      if (d) await d.close();
    },
  };
}
