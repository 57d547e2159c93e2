import type { SubEventType } from '../../model/event.js';
import type { IncidentGrade } from '../../store/types.js';

/**
 * Alerts: what the monitor tells its users without being asked. Ids are stable — built from
 * what the alert is about (unit + day + kind, or agreement + incident + kind) — so recomputing
 * never makes a second alert for the same thing, and a receiver can deduplicate by id.
 */
export type AlertKind = 'escalation-threshold' | 'post-attacked';

/** Where an escalation index is computed: a zone of an agreement, or a first-level admin area. */
export interface EscalationUnitRef {
  /** "zone:<agreement id>/<zone id>" or "admin1:<country>/<admin1 name>". */
  id: string;
  kind: 'zone' | 'admin1';
  name: string;
  agreement_id: string | null;
  zone_id: string | null;
  admin1: string | null;
  country: string | null;
}

interface AlertCommon {
  id: string;
  kind: AlertKind;
  /** The day the alert is about (YYYY-MM-DD). */
  day: string;
  agreement_id: string | null;
  /** One line for people (English). */
  message: string;
  incident_ids: string[];
  /** ISO time the alert was first recorded. */
  created_at: string;
}

/** The escalation index of a unit crossed the threshold upward. */
export interface ThresholdAlert extends AlertCommon {
  kind: 'escalation-threshold';
  unit: EscalationUnitRef;
  score: number;
  index: number;
  threshold: number;
  baseline: { mean: number; sd: number; days: number };
}

export interface PostHit {
  id: string;
  name: string;
  held_by: string;
  radius_km: number;
  distance_km: number;
}

/** An incident happened within the radius of one or more observation posts of an agreement. */
export interface PostAttackedAlert extends AlertCommon {
  kind: 'post-attacked';
  posts: PostHit[];
  incident: {
    id: string;
    sub_event_type: SubEventType;
    grade: IncidentGrade;
    lat: number;
    lon: number;
    date: { start: string; end: string };
    fatalities: number | null;
    actor_ids: string[];
  };
}

export type Alert = ThresholdAlert | PostAttackedAlert;

type WithoutCreated<T> = T extends unknown ? Omit<T, 'created_at'> : never;
/** An alert before it is recorded (the outbox stamps created_at). */
export type NewAlert = WithoutCreated<Alert>;

/** Where an alert goes: the log, the live stream, or a registered webhook ("webhook:<id>"). */
export type AlertChannel = 'log' | 'stream' | `webhook:${string}`;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface AlertDelivery {
  alert_id: string;
  channel: AlertChannel;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_http_status: number | null;
  delivered_at: string | null;
}

export interface Webhook {
  id: string;
  url: string;
  /** Shared secret for the HMAC-SHA256 signature. */
  secret: string;
  active: boolean;
  created_at: string;
}
