import type { EventStore } from '../store/store.js';
import type { Incident } from '../store/types.js';
import { ReportInputError } from './errors.js';
import type { DayIncident, ReportSources, SourceDocInput } from './types.js';

/** The parts of ReportSources the monitor modules answer (agreements, violations, control, escalation, posts). */
export type MonitorReportSources = Omit<ReportSources, 'incidentsOn' | 'sources'>;

const PAGE = 1000;

/**
 * ReportSources over the event store: the day's incidents (those whose date range includes
 * the day) with one evidence sentence each, and their documents; the rest from `monitor`.
 */
export function storeReportSources(store: EventStore, monitor: MonitorReportSources): ReportSources {
  return {
    ...monitor,
    async incidentsOn(date) {
      const incidents: Incident[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listIncidents({ from: date, to: date }, { limit: PAGE, cursor });
        incidents.push(...page.items);
        cursor = page.next;
      } while (cursor !== null);
      const out: DayIncident[] = [];
      for (const incident of incidents) {
        let evidence: string | null = null;
        for (const m of incident.members) {
          const e = await store.getEvent(m.event_id);
          const text = e?.event.evidence[0]?.text;
          if (text) { evidence = text; break; }
        }
        out.push({ incident, evidence });
      }
      return out;
    },
    async sources(_date, docIds) {
      const out: SourceDocInput[] = [];
      for (const id of docIds) {
        const d = await store.getDocument(id);
        if (d) out.push({ doc_id: id, source: d.doc.source, title: d.doc.title, url: d.doc.url, published: d.doc.published });
      }
      return out;
    },
  };
}

/**
 * What the report uses until the monitor modules are plugged in: no agreements, violations,
 * control changes or posts, and empty escalation series.
 */
export const NO_MONITOR: MonitorReportSources = {
  async agreement(id) {
    throw new ReportInputError(`--agreement ${id}: agreements are not available to the report in this build`);
  },
  async violations() { return []; },
  async controlChanges() { return []; },
  async escalationSeries() { return { threshold: null, points: [] }; },
  async postsAttacked() { return []; },
};
