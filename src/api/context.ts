import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gazetteerDir, packageRoot } from '../config/home.js';
import { Gazetteer } from '../geo/gazetteer.js';
import { loadAgreementsDir } from '../monitor/agreements/load.js';
import type { MonitorDb } from '../monitor/alerts/monitor-db.js';
import { AlertOutbox } from '../monitor/alerts/outbox.js';
import { CoordinationLog } from '../monitor/coordination/log.js';
import { ControlTimeline } from '../monitor/control/index.js';
import { EscalationRepo } from '../monitor/escalation/escalation-repo.js';
import { homeAgreementsDir } from '../monitor/refresh.js';
import type { Agreement } from '../monitor/types.js';
import { openViolationStore } from '../monitor/violations/open.js';
import type { ViolationStore } from '../monitor/violations/violation-store.js';
import type { ReviewService } from '../review/types.js';
import type { StoreConfig } from '../store/open-store.js';
import type { EventStore } from '../store/store.js';
import type { AccessRepo } from './access/access-repo.js';

/**
 * What the routes work with: the event store, the review service, and the monitor's modules,
 * each opened on first use (a dashboard that never asks for control never opens it) and closed
 * with the app.
 */
export interface ApiContext {
  readonly store: EventStore;
  readonly storeConfig: StoreConfig;
  readonly home: string;
  readonly monitorDb: MonitorDb;
  readonly access: AccessRepo;
  readonly review: ReviewService;
  /** The review service is src/review's own (its tables can be read directly for listings). */
  readonly builtinReview: boolean;
  readonly publicReads: boolean;
  readonly tileUrl: string | null;
  readonly version: string;
  violations(): Promise<ViolationStore>;
  outbox(): Promise<AlertOutbox>;
  coordination(): Promise<CoordinationLog>;
  control(): Promise<ControlTimeline>;
  escalation(): Promise<EscalationRepo>;
  /** The agreements in MARSAD_HOME/agreements, read again on each call (the CLI may add one). */
  agreements(): Promise<Agreement[]>;
  agreement(id: string): Promise<Agreement | null>;
}

/** Once, on first use; a failure is not kept, so the next request tries again. */
function lazy<T>(make: () => Promise<T>): { get(): Promise<T>; peek(): Promise<T> | null } {
  let p: Promise<T> | null = null;
  return {
    get() {
      if (p === null) {
        p = make();
        p.catch(() => { p = null; });
      }
      return p;
    },
    peek: () => p,
  };
}

function folderSignature(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir).sort().map((f) => {
    try {
      const st = statSync(join(dir, f));
      return `${f}:${st.mtimeMs}:${st.size}`;
    } catch {
      return f;
    }
  }).join('|');
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface ContextParts {
  store: EventStore;
  storeConfig: StoreConfig;
  home: string;
  monitorDb: MonitorDb;
  access: AccessRepo;
  review: ReviewService;
  builtinReview: boolean;
  publicReads: boolean;
  tileUrl: string | null;
}

export function createContext(parts: ContextParts): ApiContext & { closeMonitor(): Promise<void> } {
  const { storeConfig, monitorDb, home } = parts;
  const violations = lazy(() => openViolationStore(storeConfig));
  const outbox = lazy(() => AlertOutbox.open(monitorDb));
  const coordination = lazy(() => CoordinationLog.open(storeConfig));
  const control = lazy(() => ControlTimeline.open(monitorDb));
  const escalation = lazy(() => EscalationRepo.open(monitorDb));
  const dir = homeAgreementsDir(home);
  let cached: { signature: string; agreements: Agreement[] } | null = null;
  // Parsed again only when a file in the folder changed (added, replaced, removed).
  const agreements = async (): Promise<Agreement[]> => {
    const signature = folderSignature(dir);
    if (cached?.signature === signature) return cached.agreements;
    const list = loadAgreementsDir(dir, { places: () => Gazetteer.load(gazetteerDir(home)) });
    cached = { signature, agreements: list };
    return list;
  };
  return {
    ...parts,
    version: packageVersion(),
    violations: violations.get,
    outbox: outbox.get,
    coordination: coordination.get,
    control: control.get,
    escalation: escalation.get,
    agreements,
    async agreement(id) {
      return (await agreements()).find((a) => a.id === id) ?? null;
    },
    async closeMonitor() {
      const v = violations.peek();
      if (v) await (await v.catch(() => null))?.close();
      const c = coordination.peek();
      if (c) await (await c.catch(() => null))?.close();
    },
  };
}
