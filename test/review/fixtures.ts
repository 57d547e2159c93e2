import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { EventWithSource } from '../../src/incidents/types.js';
import type { Agreement } from '../../src/monitor/types.js';
import { openViolationStore } from '../../src/monitor/violations/open.js';
import { openReviewService } from '../../src/review/index.js';
import type { ReviewService, Reviewer } from '../../src/review/types.js';
import { incidentInputOf } from '../../src/store/incident-mapping.js';
import { assignDocumentEvents } from '../../src/store/ingest/assign-events.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import type { EventStore } from '../../src/store/store.js';
import type { Opened } from '../monitor/alerts/backends.js';
import { AGREEMENT } from '../monitor/escalation/fixtures.js';
import { fixture, type EventSpec } from '../store/fixtures.js';

/** The test agreement's square zone (Kafr Nabudah, Qalaat al-Madiq; not Aleppo) with two rules. */
export const REVIEW_AGREEMENT: Agreement = {
  ...AGREEMENT,
  rules: [
    {
      id: 'no-air-strikes', description: 'No air strikes in the zone', sub_event_types: ['Air/drone strike'],
      actors: [], actor_inters: [], scope: { kind: 'zone', zone: 'dmz' }, from: null, until: null,
    },
    {
      id: 'gov-no-shelling', description: 'Government forces do not shell the zone', sub_event_types: ['Shelling/artillery/missile attack'],
      actors: ['syria-government-forces'], actor_inters: [], scope: { kind: 'zone', zone: 'dmz' }, from: null, until: null,
    },
  ],
};

export const ANALYST: Reviewer = { user: 'analyst-a', role: 'analyst' };
export const ADMIN: Reviewer = { user: 'admin-b', role: 'admin' };
export const NOW = new Date('2019-07-01T00:00:00Z');

/**
 * A document stored and its events put into incidents the way `marsad ingest` does (the
 * incident builder over the stored incidents sharing a blocking key). Returns the incidents
 * created or updated: what the ingest reports as changed.
 */
export async function ingestFixture(store: EventStore, id: string, specs: EventSpec[], source: string): Promise<string[]> {
  const f = fixture(id, specs, { source });
  await store.putDocument(f.doc, f.text, f.events);
  const events: EventWithSource[] = f.events.map((event) => ({ event, source, doc_id: id, duplicate_of: null, published: f.doc.published }));
  const r = await assignDocumentEvents(store, events, true, {});
  for (const s of r.created) await store.putIncident(incidentInputOf(s));
  for (const s of r.updated) await store.updateIncident(incidentInputOf(s));
  return [...r.created, ...r.updated].map((s) => s.id).sort();
}

export async function openReviews(store: EventStore, storeConfig: StoreConfig, home: string): Promise<ReviewService> {
  return openReviewService({ store, storeConfig, home, refresh: { agreements: [REVIEW_AGREEMENT], now: NOW, log: () => undefined } });
}

/** What a review test works on; the fields are replaced before each test. */
export interface ReviewedStore {
  opened: Opened;
  store: EventStore;
  config: StoreConfig;
  home: string;
  reviews: ReviewService;
}

/**
 * Before each test: a fresh store from `open`, a temporary MARSAD_HOME, the documents `seed`
 * ingests, then the review service over them; after it, all closed and removed.
 */
export function useReviewedStore(open: () => Promise<Opened>, seed: (store: EventStore) => Promise<void>): ReviewedStore {
  const s = {} as ReviewedStore;
  beforeEach(async () => {
    s.opened = await open();
    s.store = s.opened.store;
    s.config = s.opened.spec;
    s.home = mkdtempSync(join(tmpdir(), 'marsad-review-home-'));
    await seed(s.store);
    s.reviews = await openReviews(s.store, s.config, s.home);
  });
  afterEach(async () => {
    await s.reviews.close();
    await s.opened.close();
    rmSync(s.home, { recursive: true, force: true });
  });
  return s;
}

/** The stored violations, as "rule/incident" strings. */
export async function violationsOf(storeConfig: StoreConfig): Promise<string[]> {
  const vs = await openViolationStore(storeConfig);
  try {
    return (await vs.list()).map((v) => `${v.rule_id}/${v.incident_id}`).sort();
  } finally {
    await vs.close();
  }
}
