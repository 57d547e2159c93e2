/**
 * The shapes the API answers with, for clients written in TypeScript (the dashboard imports these
 * as types only). Routes build exactly these.
 */
import type { AlertWithDeliveries } from '../monitor/alerts/outbox.js';
import type { EscalationUnitRef } from '../monitor/alerts/types.js';
import type { ControlClaim, ControlStatus } from '../monitor/control/types.js';
import type { CoordItem, CoordItemWithSteps } from '../monitor/coordination/types.js';
import type { Agreement } from '../monitor/types.js';
import type { StoredViolation, ViolationSummary } from '../monitor/violations/violation-store.js';
import type { ReviewAction, ReviewStatus, ReviewedIncident } from '../review/types.js';
import type { DocumentSummary, Incident, Page, StoredEvent, StoreCounts } from '../store/types.js';

export type { IncidentView } from './incident-views.js';
export type { IncidentChange } from './change-feed.js';
export type { ErrorBody } from './errors.js';
export type { Page, StoredEvent, StoredDocument, DocumentSummary, Incident } from '../store/types.js';
export type { ReviewAction, ReviewedIncident, ReviewAccuracy, ReviewStatus, IncidentCorrection } from '../review/types.js';
export type { CoordItem, CoordItemWithSteps };
export type { StoredViolation, ViolationSummary };
/** An alert as /api/alerts lists it: the alert and where it was delivered. */
export type StoredAlert = AlertWithDeliveries;

export interface HealthResponse { ok: true; store: 'sqlite' | 'postgres'; counts: StoreCounts }
export interface MeResponse { user: string | null; role: 'viewer' | 'analyst' | 'admin' | 'liaison' | 'public'; party: string | null }
export interface ConfigResponse { tileUrl: string | null; publicReads: boolean; version: string }

export interface IncidentDetail {
  incident: Incident;
  review: { status: ReviewStatus; machine: Incident | null; last_action: ReviewAction | null };
  events: StoredEvent[];
  violations: StoredViolation[];
}

export type ReviewResponse = ReviewedIncident;

export type AgreementSummary = Pick<Agreement, 'id' | 'name' | 'description' | 'approximation' | 'parties' | 'guarantors' | 'effective'> & {
  zones: number;
  posts: number;
  rules: number;
};

export type AgreementDetail = Agreement & { geojson: GeoJSON.FeatureCollection; violations: ViolationSummary };

export interface ControlPlaceView {
  place_id: string;
  name: string;
  name_ar: string | null;
  lon: number;
  lat: number;
  admin1: string | null;
  status: ControlStatus;
  controller: string | null;
  holders: string[];
  since: { start: string; end: string } | null;
  in_transition: boolean;
  confidence: number;
  previous: { status: ControlStatus; holder: string | null; holders: string[]; since: { start: string; end: string } | null } | null;
  claims: Pick<ControlClaim, 'id' | 'holder' | 'from_actor' | 'since' | 'grade' | 'sources' | 'evidence' | 'event_ids'>[];
}

export interface ControlResponse { date: string; agreement: string | null; places: ControlPlaceView[] }

export interface EscalationPoint {
  date: string;
  score: number;
  index: number;
  baseline: { mean: number; sd: number; days: number };
  crossed: boolean;
  incident_ids: string[];
}

export interface EscalationResponse { from: string; to: string; series: { unit: EscalationUnitRef; points: EscalationPoint[] }[] }

export interface SearchResponse { events: Page<StoredEvent>; incidents: Page<import('./incident-views.js').IncidentView>; documents: Page<DocumentSummary> }
