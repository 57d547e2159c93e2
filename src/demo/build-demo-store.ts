import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AccessRepo } from '../api/access/access-repo.js';
import { gazetteerDir, marsadHome, packageRoot } from '../config/home.js';
import { ActorCatalogue } from '../extract/actors/catalogue.js';
import { Gazetteer } from '../geo/gazetteer.js';
import { importGazetteer } from '../geo/import/index.js';
import { readInputs } from '../ingest/read-inputs.js';
import { agreementToYaml, loadAgreementFile } from '../monitor/agreements/index.js';
import { openMonitorDb } from '../monitor/alerts/monitor-db.js';
import { ControlTimeline } from '../monitor/control/index.js';
import { homeAgreementsDir, refreshMonitor, type MonitorRefreshSummary } from '../monitor/refresh.js';
import { openViolationStore } from '../monitor/violations/open.js';
import { loadResources } from '../pipeline.js';
import { ingestItems } from '../store/ingest/index.js';
import type { IngestError } from '../store/ingest/types.js';
import { openStore, type StoreConfig } from '../store/open-store.js';
import type { StoreCounts } from '../store/types.js';

/**
 * The demo store: a Marsad home of its own (by default MARSAD_HOME/demo, so the user's store is
 * never touched) holding the gazetteer, the Idlib example agreement, the synthetic reports of
 * examples/demo ingested into SQLite, the monitor brought up to date, and an analyst's API key.
 * Every step is idempotent: a second run finds everything in place and adds nothing.
 */

export interface DemoOptions {
  /** The demo's Marsad home (default MARSAD_HOME/demo). */
  home?: string;
  /** Remove the demo's store, agreements and key first (the gazetteer and word cache stay). */
  fresh?: boolean;
  /** Folder of the demo reports (default examples/demo of the package). */
  corpusDir?: string;
  /** The agreement file (default examples/agreements/idlib-sochi-2018/agreement.yaml). */
  agreementFile?: string;
  /**
   * Where to import the gazetteer from when neither the demo home nor MARSAD_HOME has one
   * (default $MARSAD_DATA, else ../shared/data beside the package, as scripts/run.sh does).
   */
  dataDir?: string;
  /** The user's Marsad home, whose gazetteer is copied when present (default MARSAD_HOME). */
  userHome?: string;
  /** Where the compiled Arabic word list is cached (default MARSAD_HOME/cache). */
  wordCacheDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface DemoStore {
  home: string;
  storeConfig: StoreConfig & { kind: 'sqlite'; path: string };
  /** How the gazetteer got there on this run. */
  gazetteer: 'present' | 'copied' | 'imported';
  /** Documents read and stored by this run (0 added on a re-run). */
  ingest: { read: number; added: number; unchanged: number; nearDuplicates: number; errors: IngestError[] };
  monitor: MonitorRefreshSummary;
  counts: StoreCounts;
  /** Violations of the demo agreement, and the incidents they concern. */
  violations: { violations: number; incidents: number };
  /** Reported changes of control over the corpus period (counting claims). */
  controlChanges: number;
  /** The demo analyst and the key to use as `Authorization: Bearer <key>`. */
  user: string;
  key: string;
  /** True when the key was created by this run, false when the saved one still works. */
  keyCreated: boolean;
}

/** A problem the user can fix (no gazetteer, a missing corpus): the message says how. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
}

export const DEMO_USER = 'demo-analyst';
export const DEMO_AGREEMENT_ID = 'idlib-sochi-2018';
/** The corpus period; the control changes are counted over it. */
export const DEMO_PERIOD = { from: '2019-04-01', to: '2019-06-30' } as const;
const KEY_FILE = 'demo-analyst.key';
/** Files of the demo home that --fresh removes: the store (and its WAL) and the demo key. */
const FRESH_FILES = ['marsad.db', 'marsad.db-wal', 'marsad.db-shm', 'marsad.db-journal', KEY_FILE];

export function defaultDemoHome(): string {
  return join(marsadHome(), 'demo');
}

export function defaultCorpusDir(): string {
  return join(packageRoot(), 'examples', 'demo');
}

export function defaultAgreementFile(): string {
  return join(packageRoot(), 'examples', 'agreements', DEMO_AGREEMENT_ID, 'agreement.yaml');
}

function defaultDataDir(): string {
  const env = process.env['MARSAD_DATA'];
  return env && env.length > 0 ? resolve(env) : resolve(packageRoot(), '..', 'shared', 'data');
}

/** The gazetteer of the demo home: there already, copied from the user's home, or imported. */
async function ensureGazetteer(home: string, opts: DemoOptions): Promise<DemoStore['gazetteer']> {
  const target = gazetteerDir(home);
  if (existsSync(join(target, 'meta.json'))) return 'present';
  const userGaz = gazetteerDir(opts.userHome ?? marsadHome());
  if (resolve(userGaz) !== resolve(target) && existsSync(join(userGaz, 'meta.json'))) {
    opts.log?.(`gazetteer: copying ${userGaz}`);
    // Copied into a temporary folder first: an interrupted copy must not look like an index.
    const tmp = `${target}.tmp-${process.pid}`;
    cpSync(userGaz, tmp, { recursive: true });
    renameSync(tmp, target);
    return 'copied';
  }
  const data = opts.dataDir ?? defaultDataDir();
  if (!existsSync(join(data, 'wof-sy')) || !existsSync(join(data, 'cod-ab-sy'))) {
    throw new DemoError(
      `the demo needs the gazetteer, and there is none in ${userGaz} nor data to import at ${data} (wof-sy/, cod-ab-sy/): ` +
        'run "marsad data fetch" (downloads and imports it into MARSAD_HOME), or "marsad data import <folder>", ' +
        'or set MARSAD_DATA to a folder holding wof-sy/ and cod-ab-sy/; then run "marsad demo" again',
    );
  }
  opts.log?.(`gazetteer: importing from ${data}`);
  await importGazetteer(data, home);
  return 'imported';
}

/** The agreement resolved against the gazetteer and kept as `marsad agreements add` keeps it. */
function ensureAgreement(home: string, file: string, actors: ActorCatalogue, log?: (line: string) => void): void {
  const dir = homeAgreementsDir(home);
  const target = join(dir, `${DEMO_AGREEMENT_ID}.yaml`);
  if (existsSync(target)) return;
  if (!existsSync(file)) throw new DemoError(`the demo agreement ${file} is missing (the package is incomplete)`);
  log?.(`agreement: adding ${DEMO_AGREEMENT_ID}`);
  const agreement = loadAgreementFile(file, { places: () => Gazetteer.load(gazetteerDir(home)), actors });
  mkdirSync(dir, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, agreementToYaml(agreement, 'Added by "marsad demo" from examples/agreements/idlib-sochi-2018/agreement.yaml.'));
  renameSync(tmp, target);
}

/**
 * The demo analyst's key. Only a hash of a key is stored, so the key itself is kept in a file of
 * the demo home (owner-only) and reused while it still authenticates: re-running the demo prints
 * the same key and adds no user or key.
 */
async function ensureKey(home: string, storeConfig: StoreConfig): Promise<{ key: string; created: boolean }> {
  const file = join(home, KEY_FILE);
  const db = openMonitorDb(storeConfig);
  try {
    const access = await AccessRepo.open(db);
    if (existsSync(file)) {
      const saved = readFileSync(file, 'utf8').trim();
      const who = await access.authenticate(saved);
      if (who !== null && who.user === DEMO_USER) return { key: saved, created: false };
    }
    if ((await access.getUser(DEMO_USER)) === null) await access.addUser(DEMO_USER, 'analyst', null, 'marsad demo');
    const k = await access.createKey(DEMO_USER, 'marsad demo', 'marsad demo');
    writeFileSync(file, `${k.key}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { key: k.key, created: true };
  } finally {
    await db.close();
  }
}

async function countViolations(storeConfig: StoreConfig): Promise<DemoStore['violations']> {
  const v = await openViolationStore(storeConfig);
  try {
    const s = await v.summary({ agreement: DEMO_AGREEMENT_ID });
    return { violations: s.violations, incidents: s.incidents };
  } finally {
    await v.close();
  }
}

async function countControlChanges(storeConfig: StoreConfig): Promise<number> {
  const db = openMonitorDb(storeConfig);
  try {
    const timeline = await ControlTimeline.open(db);
    return (await timeline.changes(DEMO_PERIOD.from, DEMO_PERIOD.to)).length;
  } finally {
    await db.close();
  }
}

/** Remove what --fresh rebuilds; only known files of the demo home, never anything else. */
function clearDemo(home: string): void {
  for (const f of FRESH_FILES) rmSync(join(home, f), { force: true });
  rmSync(join(homeAgreementsDir(home), `${DEMO_AGREEMENT_ID}.yaml`), { force: true });
}

export async function buildDemoStore(opts: DemoOptions = {}): Promise<DemoStore> {
  const home = resolve(opts.home ?? defaultDemoHome());
  const userHome = resolve(opts.userHome ?? marsadHome());
  if (home === userHome) {
    throw new DemoError(`the demo home ${home} is MARSAD_HOME itself: the demo keeps its own store, give it another folder`);
  }
  const corpus = opts.corpusDir ?? defaultCorpusDir();
  if (!existsSync(corpus)) throw new DemoError(`the demo corpus ${corpus} is missing (the package is incomplete)`);
  mkdirSync(home, { recursive: true });
  if (opts.fresh === true) clearDemo(home);

  const gazetteer = await ensureGazetteer(home, { ...opts, userHome });
  const resources = loadResources({
    gazetteerDir: gazetteerDir(home),
    ...(opts.wordCacheDir ? { wordCacheDir: opts.wordCacheDir } : {}),
  });
  ensureAgreement(home, opts.agreementFile ?? defaultAgreementFile(), resources.actors, opts.log);

  const storeConfig = { kind: 'sqlite' as const, path: join(home, 'marsad.db') };
  const store = await openStore(storeConfig);
  let ingest: DemoStore['ingest'];
  let monitor: MonitorRefreshSummary;
  let counts: StoreCounts;
  try {
    opts.log?.(`ingest: ${corpus}`);
    const summary = await ingestItems(readInputs(corpus), { store, resources, batchSize: 64 });
    ingest = {
      read: summary.read, added: summary.added, unchanged: summary.unchanged,
      nearDuplicates: summary.nearDuplicates, errors: summary.errorList,
    };
    // A whole refresh rather than one over this run's changes: a run interrupted after the ingest
    // and before the refresh is mended by the next one. Refreshing is idempotent and, at this size, quick.
    opts.log?.('monitor: violations, control, escalation');
    monitor = await refreshMonitor(store, {
      home, storeConfig, actors: resources.actors, deliver: false,
      // The corpus is of 2019: the escalation index is computed over its days, not up to today.
      now: new Date(`${DEMO_PERIOD.to}T23:59:59Z`),
    });
    counts = await store.counts();
  } finally {
    await store.close();
  }
  const [violations, controlChanges, key] = [
    await countViolations(storeConfig),
    await countControlChanges(storeConfig),
    await ensureKey(home, storeConfig),
  ];
  return {
    home, storeConfig, gazetteer, ingest, monitor, counts, violations, controlChanges,
    user: DEMO_USER, key: key.key, keyCreated: key.created,
  };
}
