import type { MonitorMigration } from '../monitor/alerts/monitor-db.js';

/**
 * The review tables, in the store's database beside the monitor's (migrated through MonitorDb
 * as module "review"). Actions are an append-only audit; overrides hold, per reviewed incident,
 * the machine's own version, the analysts' corrections and what the review last wrote, so the
 * review can be laid over again whenever the machine rewrites the incident.
 */
export const REVIEW_MODULE = 'review';

export const REVIEW_MIGRATIONS: readonly MonitorMigration[] = [
  {
    version: 1,
    name: 'review actions, per-incident overrides and their member events',
    sqlite: `
CREATE TABLE review_actions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  record TEXT NOT NULL
) STRICT;
CREATE TABLE review_action_incidents (
  incident_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  PRIMARY KEY (incident_id, action_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE review_overrides (
  incident_id TEXT PRIMARY KEY,
  updated_at TEXT NOT NULL,
  record TEXT NOT NULL
) STRICT;
CREATE TABLE review_members (
  event_id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX review_members_incident ON review_members(incident_id);`,
    postgres: `
CREATE TABLE review_actions (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  kind text NOT NULL,
  at text NOT NULL,
  record text NOT NULL
);
CREATE TABLE review_action_incidents (
  incident_id text NOT NULL,
  action_id text NOT NULL,
  PRIMARY KEY (incident_id, action_id)
);
CREATE TABLE review_overrides (
  incident_id text PRIMARY KEY,
  updated_at text NOT NULL,
  record text NOT NULL
);
CREATE TABLE review_members (
  event_id text PRIMARY KEY,
  incident_id text NOT NULL
);
CREATE INDEX review_members_incident ON review_members(incident_id);`,
  },
];
