import type { EventStore } from '../../store/store.js';
import type { Incident } from '../../store/types.js';
import { checkDay, MonitorInputError } from '../alerts/monitor-db.js';
import type { AlertOutbox } from '../alerts/outbox.js';
import type { Alert, NewAlert } from '../alerts/types.js';
import type { Agreement } from '../types.js';
import { DEFAULT_ESCALATION_CONFIG, type EscalationConfig } from './config.js';
import { addDays } from './days.js';
import type { EscalationRepo } from './escalation-repo.js';
import { postAttackAlerts } from './posts.js';
import { computeEscalation, type EscalationDay } from './series.js';
import { zoneUnitId } from './units.js';

export interface EscalationRunOptions {
  from: string;
  to: string;
  config?: EscalationConfig;
  /** Only these unit ids ("zone:<agreement>/<zone>", "admin1:<country>/<name>"); default all. */
  units?: ReadonlySet<string>;
  /** Admin1 areas too (default true). */
  admin1?: boolean;
  now?: Date;
}

export interface EscalationRunResult {
  days: EscalationDay[];
  /** Every alert the range gives (threshold crossings and posts attacked). */
  alerts: NewAlert[];
  /** The alerts recorded for the first time by this run (the others were already in the outbox). */
  recorded: Alert[];
}

async function incidentsIn(store: EventStore, from: string, to: string): Promise<Incident[]> {
  const out: Incident[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listIncidents({ from, to }, { limit: 2000, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

/**
 * Compute the escalation index over [from, to] from the store's incidents, keep the days, and
 * record the alerts in the outbox (which ignores ids it already has, so running again — or over
 * an overlapping range — never duplicates an alert). The armed state is carried over from the
 * stored day before `from`; without one, a unit starts armed.
 */
export async function runEscalation(store: EventStore, repo: EscalationRepo, outbox: AlertOutbox,
  agreements: readonly Agreement[], opts: EscalationRunOptions): Promise<EscalationRunResult> {
  const from = checkDay('from', opts.from);
  const to = checkDay('to', opts.to);
  if (from > to) throw new MonitorInputError(`escalation: from ${from} is after to ${to}`);
  const config = opts.config ?? DEFAULT_ESCALATION_CONFIG;
  const incidents = await incidentsIn(store, addDays(from, -config.baseline_days), to);
  const armed = await repo.armedOn(addDays(from, -1));
  const { days, alerts } = computeEscalation({
    incidents, agreements, from, to, config,
    armedBefore: (id) => armed.get(id) ?? true,
    ...(opts.units ? { units: opts.units } : {}),
    ...(opts.admin1 !== undefined ? { admin1: opts.admin1 } : {}),
  });
  let posts = postAttackAlerts(incidents, agreements, from, to, config);
  if (opts.units) {
    const units = opts.units;
    const wanted = new Set(agreements.filter((a) => a.zones.some((z) => units.has(zoneUnitId(a.id, z.id)))).map((a) => a.id));
    posts = posts.filter((p) => p.agreement_id !== null && wanted.has(p.agreement_id));
  }
  const now = opts.now ?? new Date();
  await repo.save(days, now);
  const all: NewAlert[] = [...alerts, ...posts];
  const recorded = await outbox.enqueue(all, now);
  return { days, alerts: all, recorded };
}
