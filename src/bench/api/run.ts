import { availableParallelism, loadavg } from 'node:os';
import { AccessRepo } from '../../api/access/access-repo.js';
import { openMonitorDb } from '../../monitor/alerts/monitor-db.js';
import { startBenchServer } from './bench-server.js';
import { incidentStore, type IncidentStore } from './incident-store.js';
import { runLoad, type LoadResult } from './load.js';

/**
 * The API load test: a store of N incidents, the real server on loopback in its own process, and
 * bounded autocannon runs of the incidents query under a few realistic filter mixes — first page
 * of 100, and a page reached by cursor — beside GET /api/health in the same run as the baseline.
 */

export interface ApiBenchOptions {
  incidents: number;
  seed: number;
  /** Seconds per row. */
  seconds: number;
  connections: number;
  /** Folder of the cached stores (also the server's MARSAD_HOME: no agreements there). */
  cacheDir: string;
  rebuild?: boolean;
  progress?: (line: string) => void;
}

export interface ApiBenchRow {
  name: string;
  /** The path and query asked, the same for every request of the row. */
  path: string;
  baseline: boolean;
  /** Items on the page the request returns (checked once before the run). */
  items: number;
  result: LoadResult;
  /** Server CPU milliseconds per request (user + system of the server process over the row). */
  serverCpuMsPerRequest: number;
}

export interface ApiBenchReport {
  store: IncidentStore;
  settings: { seconds: number; connections: number; incidents: number; seed: number };
  rows: ApiBenchRow[];
  /** Rows that could not be run, and why (e.g. a filter whose first page had no next page). */
  skipped: { name: string; reason: string }[];
  target: { p95Ms: number; met: boolean; worstP95Ms: number };
  /** The figures depend on what else the machine runs: its cores and 1-minute load before and after. */
  machine: { cores: number; loadStart: number; loadEnd: number };
}

export const TARGET_P95_MS = 100;
const BENCH_USER = 'bench-viewer';

/** The filter mixes: what the dashboard asks when an analyst looks at a front over a season. */
function incidentQueries(): { name: string; query: string; cursorPage: boolean }[] {
  const q = (params: Record<string, string>): string => new URLSearchParams(params).toString();
  return [
    { name: 'incidents: date + bbox + type', cursorPage: true, query: q({ from: '2019-04-01', to: '2019-06-30', bbox: '36.3,35.3,37.0,36.1', type: 'Explosions/Remote violence', limit: '100' }) },
    { name: 'incidents: year + wide bbox + two types + grade', cursorPage: false, query: q({ from: '2019-01-01', to: '2019-12-31', bbox: '35.7,35.0,38.0,36.8', type: 'Battles,Violence against civilians', grade: 'single-source,multiple-sources', limit: '100' }) },
    { name: 'incidents: date range only', cursorPage: false, query: q({ from: '2020-01-01', to: '2020-03-31', limit: '100' }) },
    { name: 'incidents: no filter', cursorPage: true, query: q({ limit: '100' }) },
  ];
}

/** A viewer's key in the bench store: reads are measured as a client with a key makes them. */
async function viewerKey(path: string): Promise<string> {
  const db = openMonitorDb({ kind: 'sqlite', path });
  try {
    const access = await AccessRepo.open(db);
    if ((await access.getUser(BENCH_USER)) === null) await access.addUser(BENCH_USER, 'viewer', null, 'api-bench');
    return (await access.createKey(BENCH_USER, 'api-bench', 'api-bench')).key;
  } finally {
    await db.close();
  }
}

async function fetchPage(url: string, headers: Record<string, string>): Promise<{ items: number; next: string | null }> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { items?: unknown[]; next?: string | null; error?: { message?: string } };
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${body.error?.message ?? ''}`.trim());
  return { items: Array.isArray(body.items) ? body.items.length : 0, next: body.next ?? null };
}

export async function runApiBench(o: ApiBenchOptions): Promise<ApiBenchReport> {
  const log = o.progress ?? ((): void => undefined);
  log(`store: ${o.incidents.toLocaleString('en')} incidents (cached in ${o.cacheDir})`);
  const store = await incidentStore({
    dir: o.cacheDir, incidents: o.incidents, seed: o.seed, ...(o.rebuild ? { rebuild: true } : {}), progress: log,
  });
  log(store.built ? `store built in ${store.buildSeconds} s: ${store.path}` : `store reused: ${store.path}`);
  const loadStart = loadavg()[0]!;
  const key = await viewerKey(store.path);
  const headers = { authorization: `Bearer ${key}` };
  const server = await startBenchServer(store.path, o.cacheDir);
  const rows: ApiBenchRow[] = [];
  const skipped: ApiBenchReport['skipped'] = [];
  try {
    const run = async (name: string, path: string, baseline: boolean, items: number): Promise<void> => {
      log(`${name}: ${o.seconds} s, ${o.connections} connections`);
      const cpu0 = await server.cpuMs();
      const result = await runLoad({ url: `${server.url}${path}`, seconds: o.seconds, connections: o.connections, headers });
      const cpu = (await server.cpuMs()) - cpu0;
      rows.push({ name, path, baseline, items, result, serverCpuMsPerRequest: round2(cpu / Math.max(1, result.requests)) });
    };
    await run('baseline: GET /api/health', '/api/health', true, 0);
    for (const q of incidentQueries()) {
      const path = `/api/incidents?${q.query}`;
      const first = await fetchPage(`${server.url}${path}`, headers);
      await run(`${q.name}, first page`, path, false, first.items);
      if (q.cursorPage) {
        if (first.next === null) {
          skipped.push({ name: `${q.name}, next page by cursor`, reason: 'the first page was the last' });
        } else {
          const cursorPath = `${path}&${new URLSearchParams({ cursor: first.next }).toString()}`;
          const second = await fetchPage(`${server.url}${cursorPath}`, headers);
          await run(`${q.name}, next page by cursor`, cursorPath, false, second.items);
        }
      }
    }
  } finally {
    await server.close();
  }
  const measured = rows.filter((r) => !r.baseline).map((r) => r.result.latency.p95);
  const worst = measured.length > 0 ? Math.max(...measured) : NaN;
  return {
    store,
    settings: { seconds: o.seconds, connections: o.connections, incidents: o.incidents, seed: o.seed },
    rows,
    skipped,
    target: { p95Ms: TARGET_P95_MS, met: Number.isFinite(worst) && worst < TARGET_P95_MS, worstP95Ms: worst },
    machine: { cores: availableParallelism(), loadStart: round2(loadStart), loadEnd: round2(loadavg()[0]!) },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function formatReport(r: ApiBenchReport): string {
  const pad = (s: string, n: number): string => s.padEnd(n);
  const num = (x: number, n: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '-').padStart(n);
  let out = `API load test: ${r.store.counts.incidents.toLocaleString('en')} incidents (${r.store.counts.events.toLocaleString('en')} events), ` +
    `SQLite ${r.store.path}\n` +
    `autocannon ${r.settings.seconds} s per row, ${r.settings.connections} connections, loopback; server in its own process\n` +
    `machine: ${r.machine.cores} cores, load average ${r.machine.loadStart} before, ${r.machine.loadEnd} after\n\n` +
    `${pad('query', 62)}${'items'.padStart(6)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'errors'.padStart(8)}${'cpu ms/req'.padStart(12)}\n`;
  for (const row of r.rows) {
    const l = row.result.latency;
    out += `${pad(row.name, 62)}${String(row.items).padStart(6)}${num(row.result.requestsPerSec, 9)}${num(l.p50, 9)}${num(l.p95, 9)}${num(l.p99, 9)}` +
      `${String(row.result.non2xx).padStart(9)}${String(row.result.errors).padStart(8)}${num(row.serverCpuMsPerRequest, 12, 2)}\n`;
  }
  for (const s of r.skipped) out += `${pad(s.name, 62)}  skipped: ${s.reason}\n`;
  out += `\ntarget p95 < ${r.target.p95Ms} ms on the incidents query: ${r.target.met ? 'met' : 'MISSED'} (worst p95 ${num(r.target.worstP95Ms, 0)} ms)\n`;
  return out;
}
