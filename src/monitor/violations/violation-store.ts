import type { Violation } from '../types.js';

/**
 * Where violations are kept: tables of their own (monitor_*) in the same database as the event
 * store, so one backup holds both and an incident and its violations can be joined. SQLite
 * (better-sqlite3, a second connection to the WAL file) and PostgreSQL (pg, the store's URL and
 * schema) behave the same.
 */
export interface ViolationStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Create the tables if missing; safe on every start and from several processes. */
  migrate(): Promise<void>;
  /**
   * Make the stored violations of `incidentId` exactly `violations` (all of them, or only those
   * of the agreements in `scope`): new ones added, changed ones rewritten, missing ones withdrawn.
   * Syncing the same list again changes nothing, and says so.
   */
  syncIncident(incidentId: string, violations: readonly Violation[], scope?: ViolationScope): Promise<SyncResult>;
  /**
   * Withdraw the violations of incidents not in `keep` (incidents merged away or deleted), and
   * of agreements not in `agreements` when `dropOtherAgreements` is set. Within `scope` only.
   */
  retain(keep: ReadonlySet<string>, scope?: ViolationScope & { dropOtherAgreements?: boolean }): Promise<number>;
  /** Ids of the incidents that have violations (of the agreements in `scope`). */
  incidentIds(scope?: ViolationScope): Promise<Set<string>>;
  /** Newest first (by date, then id). */
  list(filter?: ViolationFilter): Promise<StoredViolation[]>;
  summary(filter?: ViolationFilter): Promise<ViolationSummary>;
  close(): Promise<void>;
}

export interface ViolationScope {
  /** Agreement ids whose violations the call may touch; absent: every agreement. */
  agreements?: readonly string[];
}

export interface StoredViolation extends Violation {
  /** When the violation was first recorded (ISO timestamp); unchanged by re-checks. */
  detected_at: string;
}

export interface ViolationFilter {
  agreement?: string;
  /** A perpetrator id, or the agreement party or guarantor answering for it. */
  party?: string;
  rule?: string;
  incident?: string;
  /** YYYY-MM-DD, inclusive: violations whose incident dates overlap [from, to]. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface SyncResult {
  added: number;
  updated: number;
  removed: number;
}

export interface CountRow {
  agreement_id: string;
  key: string;
  violations: number;
  incidents: number;
}

export interface ViolationSummary {
  violations: number;
  incidents: number;
  /**
   * By the agreement party or guarantor responsible; a perpetrator bound by the rule but party to
   * nothing (e.g. a group outside the agreement) under its own id; none known: "(unattributed)".
   */
  by_party: CountRow[];
  by_rule: CountRow[];
}

export const UNATTRIBUTED = '(unattributed)';

export type ViolationStoreConfig =
  | { kind: 'sqlite'; path?: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/** Both backends serialise a violation the same way, so a re-check compares like with like. */
export function violationRecord(v: Violation): string {
  return JSON.stringify({
    id: v.id,
    agreement_id: v.agreement_id,
    rule_id: v.rule_id,
    zone_id: v.zone_id,
    post_id: v.post_id,
    incident_id: v.incident_id,
    parties: v.parties,
    accountable: v.accountable ?? [],
    grade: v.grade,
    date: { start: v.date.start, end: v.date.end },
    lat: v.lat,
    lon: v.lon,
    sub_event_type: v.sub_event_type,
    event_ids: v.event_ids ?? [],
  });
}

/** Ids a violation can be filtered by party under: its perpetrators and who answers for them. */
export function partyKeys(v: Violation): string[] {
  return [...new Set([...v.parties, ...(v.accountable ?? [])])];
}

/** Who a violation is counted against in a summary. */
export function accountable(v: Violation): string[] {
  const a = v.accountable ?? v.parties;
  return a.length > 0 ? [...a] : [UNATTRIBUTED];
}

export function summarise(list: readonly Violation[]): ViolationSummary {
  const party = new Map<string, { agreement_id: string; key: string; n: number; inc: Set<string> }>();
  const rule = new Map<string, { agreement_id: string; key: string; n: number; inc: Set<string> }>();
  const incidents = new Set<string>();
  const bump = (m: typeof party, agreementId: string, key: string, incident: string): void => {
    const k = `${agreementId}\u0000${key}`;
    let row = m.get(k);
    if (!row) m.set(k, (row = { agreement_id: agreementId, key, n: 0, inc: new Set() }));
    row.n++;
    row.inc.add(incident);
  };
  for (const v of list) {
    incidents.add(v.incident_id);
    bump(rule, v.agreement_id, v.rule_id, v.incident_id);
    for (const p of accountable(v)) bump(party, v.agreement_id, p, v.incident_id);
  }
  const rows = (m: typeof party): CountRow[] => [...m.values()]
    .map((r) => ({ agreement_id: r.agreement_id, key: r.key, violations: r.n, incidents: r.inc.size }))
    .sort((a, b) => b.violations - a.violations || (a.agreement_id + a.key < b.agreement_id + b.key ? -1 : 1));
  return { violations: list.length, incidents: incidents.size, by_party: rows(party), by_rule: rows(rule) };
}

export function scopeTest(scope: ViolationScope): (agreementId: string) => boolean {
  if (!scope.agreements) return () => true;
  const set = new Set(scope.agreements);
  return (id) => set.has(id);
}

export function fromRow(r: { record: string; detected_at: string }): StoredViolation {
  return { ...(JSON.parse(r.record) as Violation), detected_at: r.detected_at };
}
