import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexiconPath } from '../../config/home.js';
import type { MarsadEvent } from '../../model/event.js';
import { openStore } from '../../store/open-store.js';
import type { EventStore } from '../../store/store.js';
import type { IncidentInput, StoreCounts } from '../../store/types.js';
import { loadActors } from '../store/actors.js';
import { CorpusGenerator } from '../store/generate.js';

/**
 * The API load test's store: a SQLite store holding `incidents` incidents, made from the store
 * benchmark's synthetic reports (src/bench/store/generate.ts) through the real write path —
 * putDocument, then putIncident. Building 100,000 takes minutes, so the store is kept in a cache
 * folder and reused while its marker says it was built whole with the same size and seed.
 */

export interface IncidentStoreOptions {
  /** Folder holding the cached stores. */
  dir: string;
  incidents: number;
  seed: number;
  /** Build again even when a complete cached store exists. */
  rebuild?: boolean;
  progress?: (line: string) => void;
}

export interface IncidentStore {
  path: string;
  counts: StoreCounts;
  /** False when a cached store was reused. */
  built: boolean;
  buildSeconds: number;
}

interface Marker {
  incidents: number;
  seed: number;
  counts: StoreCounts;
  /** The generator and mapping version; a change here invalidates caches. */
  version: number;
}

const VERSION = 1;
/** Documents per transaction while loading: large batches, as a bulk load would. */
const BATCH_DOCS = 200;

/**
 * Every event its own incident: the query cost depends on the number of incident rows, not on how
 * they were merged, and one-event incidents make the count exact. A fifth are graded as if a
 * second outlet had reported them, so grade filters have something to find.
 */
function incidentOf(e: MarsadEvent, n: number): IncidentInput {
  const loc = e.location;
  return {
    id: `bench-inc-${e.id}`,
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    grade: n % 5 === 0 ? 'multiple-sources' : 'single-source',
    location: loc === null ? null : {
      name: loc.name, name_ar: loc.name_ar, lat: loc.lat, lon: loc.lon, admin1: loc.admin1, admin2: loc.admin2,
      admin3: loc.admin3, country: loc.country, geo_precision: loc.geo_precision,
    },
    date: e.date === null ? null : { start: e.date.start, end: e.date.end },
    actor_ids: [e.actor1?.id, e.actor2?.id].filter((x): x is string => typeof x === 'string'),
    fatalities: e.fatalities,
    members: [{ event_id: e.id }],
    explanation: ['synthetic benchmark incident: one event'],
  };
}

function markerPath(path: string): string {
  return `${path}.complete.json`;
}

function readMarker(path: string): Marker | null {
  try {
    return JSON.parse(readFileSync(markerPath(path), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

async function load(store: EventStore, o: IncidentStoreOptions): Promise<void> {
  const gen = new CorpusGenerator({ seed: o.seed, actors: loadActors(lexiconPath('actors.yaml')) });
  let made = 0;
  let lastReport = performance.now();
  while (made < o.incidents) {
    await store.transaction(async (tx) => {
      for (let d = 0; d < BATCH_DOCS && made < o.incidents; d++) {
        const g = gen.next();
        // The last document is cut so the count is exact.
        const events = g.events.slice(0, o.incidents - made);
        await tx.putDocument(g.doc, g.text, events);
        for (const e of events) await tx.putIncident(incidentOf(e, made++));
      }
    });
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      o.progress?.(`${made.toLocaleString('en')} / ${o.incidents.toLocaleString('en')} incidents stored`);
    }
  }
}

export async function incidentStore(o: IncidentStoreOptions): Promise<IncidentStore> {
  mkdirSync(o.dir, { recursive: true });
  const path = join(o.dir, `incidents-${o.incidents}-seed${o.seed}.db`);
  const marker = readMarker(path);
  if (o.rebuild !== true && existsSync(path) && marker !== null && marker.version === VERSION &&
      marker.incidents === o.incidents && marker.seed === o.seed) {
    return { path, counts: marker.counts, built: false, buildSeconds: 0 };
  }
  // A half-built store (interrupted) is thrown away whole.
  for (const f of [path, `${path}-wal`, `${path}-shm`, markerPath(path)]) rmSync(f, { force: true });
  const t0 = performance.now();
  const tmp = `${path}.building-${process.pid}`;
  const store = await openStore({ kind: 'sqlite', path: tmp });
  let counts: StoreCounts;
  try {
    await load(store, o);
    counts = await store.counts();
  } finally {
    await store.close();
  }
  // Closing normally checkpoints the WAL into the file; whatever remains moves with it.
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${tmp}${suffix}`)) renameSync(`${tmp}${suffix}`, `${path}${suffix}`);
  renameSync(tmp, path);
  writeFileSync(markerPath(path), JSON.stringify({ incidents: o.incidents, seed: o.seed, counts, version: VERSION } satisfies Marker));
  return { path, counts, built: true, buildSeconds: Math.round((performance.now() - t0) / 100) / 10 };
}
