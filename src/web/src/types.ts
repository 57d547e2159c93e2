/**
 * What the dashboard reads from the API. The domain types come from the pipeline (type-only, so
 * nothing of the server is bundled); the shapes the API adds around them are declared here.
 */
import type { EventType, MarsadEvent } from '../../model/event.js';
import type { Incident, IncidentGrade, StoredDocument, StoredEvent } from '../../store/types.js';
import type { Agreement, Violation } from '../../monitor/types.js';
import type { Alert } from '../../monitor/alerts/types.js';
import type { CoordItem } from '../../monitor/coordination/types.js';
import type { ReviewAction, ReviewStatus } from '../../review/types.js';

export type { EventType, MarsadEvent, Incident, IncidentGrade, StoredDocument, StoredEvent, Agreement, Violation, Alert, CoordItem, ReviewAction, ReviewStatus };

export interface Page<T> {
  items: T[];
  next: string | null;
}

export type IncidentView = Incident & { review?: ReviewStatus; violations?: number };

export interface IncidentDetail {
  incident: Incident;
  review: { status: ReviewStatus; machine?: Incident | null; history?: ReviewAction[] } | null;
  events: StoredEvent[];
  violations: Violation[];
}

export type Role = 'viewer' | 'analyst' | 'admin' | 'liaison';

export interface Me {
  user: string | null;
  role: Role | null;
  party: string | null;
}

/** One place on the control map for a date. */
export interface ControlPlaceView {
  place_id: string;
  name: string;
  name_ar?: string | null;
  lon: number;
  lat: number;
  controller: string | null;
  since: { start: string; end: string } | string | null;
  confidence: number | null;
  status?: string;
}

export interface EscalationPoint {
  unit: string;
  unit_name: string;
  day: string;
  index: number;
  score: number;
  crossed: boolean;
}

export interface ApiConfig {
  tileUrl: string | null;
  tileAttribution: string | null;
}

export const EVENT_TYPE_LIST: readonly EventType[] = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];

export const GRADE_LIST: readonly IncidentGrade[] = ['confirmed', 'multiple-sources', 'single-source', 'contested', 'discounted'];
