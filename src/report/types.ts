import type { SubEventType } from '../model/event.js';
import type { Agreement, Violation } from '../monitor/types.js';
import type { Incident, IncidentGrade } from '../store/types.js';

export type ReportLang = 'ar' | 'en';

// ───────────────────────────── What the report reads (sources) ─────────────────────────────

/** An incident of the day, with one evidence sentence to quote (untrusted document text). */
export interface DayIncident {
  incident: Incident;
  evidence: string | null;
}

/** A reported change of control of a place on the day (from the control timeline). */
export interface ControlChangeInput {
  place: { name: string; name_ar: string | null };
  /** Who holds it after the change; null when a report only says who left. */
  holder: string | null;
  /** Who held it before, when known. */
  from: string | null;
  /** The change happened at some time within this range. */
  since: { start: string; end: string };
  sub_event_type: SubEventType;
  grade: IncidentGrade | null;
  incident_id: string | null;
  sources: string[];
  /** One evidence sentence as a document wrote it (untrusted). */
  evidence: string | null;
  /** Other reports name a different holder for the same period. */
  contested: boolean;
}

/** Where an escalation index is computed (the alerts module's units). */
export type EscalationArea =
  | { kind: 'zone'; agreement_id: string; zone_id: string }
  | { kind: 'admin1'; country: string; admin1: string };

export interface EscalationPointInput {
  date: string;
  /** The day's severity-weighted index. */
  index: number;
  /** The rolling baseline the index is compared with, when there is one. */
  baseline: number | null;
}

export interface EscalationSeriesInput {
  /** On the same scale as `index`; null when no threshold is configured. */
  threshold: number | null;
  /** Days without a point count as 0. */
  points: EscalationPointInput[];
}

/** An incident within the radius of an observation post. */
export interface PostAttackInput {
  agreement_id: string;
  post_id: string;
  incident_id: string;
  date: string;
  sub_event_type: SubEventType;
  /** Actor ids of the incident's perpetrators, when known. */
  perpetrators: string[];
  distance_km: number | null;
}

/** A document behind the day's incidents. */
export interface SourceDocInput {
  doc_id: string;
  source: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
}

export interface ActorLabel {
  en: string;
  ar: string | null;
}

/**
 * Everything the report needs, as async functions the caller plugs in (the store, the
 * agreements, violations, control and escalation modules). Dates are YYYY-MM-DD.
 */
export interface ReportSources {
  incidentsOn(date: string): Promise<DayIncident[]>;
  agreement(id: string): Promise<Agreement | null>;
  /** The day's violations, of `agreementId` or of every agreement when null. */
  violations(date: string, agreementId: string | null): Promise<Violation[]>;
  controlChanges(date: string): Promise<ControlChangeInput[]>;
  escalationSeries(area: EscalationArea, from: string, to: string): Promise<EscalationSeriesInput>;
  postsAttacked(date: string, agreementId: string | null): Promise<PostAttackInput[]>;
  /** The documents behind the given incidents' members. */
  sources(date: string, docIds: readonly string[]): Promise<SourceDocInput[]>;
  /** Display names of actor ids; ids it does not know fall back to the built-in labels, then the id. */
  actorLabels?(ids: readonly string[]): Promise<Map<string, ActorLabel>>;
}

// ───────────────────────────── What the report shows (ReportData) ─────────────────────────────

/** A name in both languages; `ar` null means the English (or the id) is shown in Arabic too. */
export interface Label {
  id: string | null;
  en: string;
  ar: string | null;
}

export interface ReportIncident {
  id: string;
  sub_event_type: SubEventType;
  grade: IncidentGrade;
  date: { start: string; end: string } | null;
  place: Label | null;
  admin1: string | null;
  actors: Label[];
  fatalities: number | null;
  /** Source names, distinct. */
  sources: string[];
  /** Untrusted: escaped when rendered. */
  evidence: string | null;
}

export interface ReportZone {
  /** Zone id, admin1 name, or null for the "outside any zone" / "no location" groups. */
  area: Label;
  kind: 'zone' | 'admin1' | 'outside' | 'unlocated';
  incidents: ReportIncident[];
}

export interface ReportViolationRule {
  rule_id: string;
  description: string;
  count: number;
}

export interface ReportViolationParty {
  party: Label;
  total: number;
  rules: ReportViolationRule[];
}

export interface ReportViolation {
  id: string;
  agreement_id: string;
  rule_id: string;
  rule: string;
  /** The zone or post it is in. */
  where: Label | null;
  parties: Label[];
  incident_id: string;
  grade: string;
  sub_event_type: SubEventType;
  place: Label | null;
}

export interface ReportControlChange {
  place: Label;
  from: Label | null;
  to: Label | null;
  since: { start: string; end: string };
  sub_event_type: SubEventType;
  grade: IncidentGrade | null;
  incident_id: string | null;
  sources: string[];
  evidence: string | null;
  contested: boolean;
}

export interface ReportEscalationPoint {
  date: string;
  index: number;
  baseline: number | null;
}

export interface ReportEscalation {
  area: Label;
  threshold: number | null;
  /** The 30 days before the report date and the date itself, oldest first (31 points). */
  points: ReportEscalationPoint[];
  today: number;
  baseline_today: number | null;
  /** Today's index is at or above the threshold. */
  crossed: boolean;
}

export interface ReportPostAttack {
  post: Label;
  held_by: Label;
  incident_id: string;
  sub_event_type: SubEventType;
  date: string;
  perpetrators: Label[];
  distance_km: number | null;
}

export interface ReportSource {
  name: string;
  documents: { doc_id: string; title: string | null; url: string | null; published: string | null }[];
  /** How many of the day's incidents cite it. */
  incidents: number;
}

export interface ReportData {
  date: string;
  generated_at: string;
  agreement: {
    id: string;
    name: string;
    approximation: string | null;
    parties: Label[];
    guarantors: Label[];
  } | null;
  /** How incidents are grouped: the agreement's zones, or first-level admin areas. */
  grouping: 'zone' | 'admin1';
  totals: {
    incidents: number;
    fatalities: number;
    violations: number;
    control_changes: number;
    posts_attacked: number;
    /** Areas whose index crossed the threshold today. */
    escalation_crossings: number;
    /** Incidents graded discounted, left out of the tables. */
    discounted: number;
  };
  zones: ReportZone[];
  violations: { by_party: ReportViolationParty[]; items: ReportViolation[] };
  control_changes: ReportControlChange[];
  escalation: ReportEscalation[];
  posts_attacked: ReportPostAttack[];
  sources: ReportSource[];
}
