import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL to measure: MARSAD_TEST_PG_URL when set, else a throwaway cluster of our own from
 * scripts/pg-test-server.sh in its own directory (so a cluster other tests share is never
 * touched), with fsync on: throughput without durability would flatter PostgreSQL against SQLite.
 */
export interface PgServer {
  url: string;
  /** How it was obtained, for the report. */
  origin: 'MARSAD_TEST_PG_URL' | 'started by the benchmark';
  /** CPU seconds the server has used so far; null when it is not ours to look at. */
  cpuSeconds(): number | null;
  stop(): void;
}

export function obtainPostgres(repoRoot: string): PgServer {
  const envUrl = process.env['MARSAD_TEST_PG_URL'];
  if (envUrl) return { url: envUrl, origin: 'MARSAD_TEST_PG_URL', cpuSeconds: () => null, stop: () => undefined };
  const script = join(repoRoot, 'scripts', 'pg-test-server.sh');
  if (!existsSync(script)) throw new Error(`no MARSAD_TEST_PG_URL and no ${script} to start a server with`);
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-pg-'));
  const env = { ...process.env, MARSAD_PG_TEST_DIR: dir, MARSAD_PG_TEST_DURABLE: '1' };
  const stop = (): void => {
    const r = spawnSync('bash', [script, 'stop'], { env, encoding: 'utf8' });
    if (r.status !== 0) process.stderr.write(`store-bench: stopping PostgreSQL in ${dir}: ${r.stderr}\n`);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  };
  const r = spawnSync('bash', [script, 'start'], { env, encoding: 'utf8' });
  const m = /MARSAD_TEST_PG_URL=(\S+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    stop();
    const why = (r.stderr ?? '').trim().split('\n').slice(-3).join(' / ') || `exit status ${String(r.status)}`;
    throw new Error(`could not start PostgreSQL with ${script}: ${why}`);
  }
  return { url: m[1]!, origin: 'started by the benchmark', cpuSeconds: () => clusterCpuSeconds(join(dir, 'data')), stop };
}

let clockTicks: number | null = null;

function ticksPerSecond(): number {
  if (clockTicks === null) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const n = Number((r.stdout ?? '').trim());
    clockTicks = Number.isInteger(n) && n > 0 ? n : 100;
  }
  return clockTicks;
}

/** utime + stime (+ cutime + cstime when `withChildren`) of a process, in ticks; 0 when gone. */
function procTicks(pid: number, withChildren: boolean): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // Fields after the parenthesised command name (which may contain spaces): state is field 3.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(f[i - 3] ?? 0);
  return n(14) + n(15) + (withChildren ? n(16) + n(17) : 0);
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/**
 * CPU seconds used so far by a cluster's server processes: the postmaster, its live children
 * (backends, writer, WAL writer, checkpointer, autovacuum) and its exited children. The machine
 * is shared, so wall-clock rates depend on the neighbours; CPU time does not.
 */
export function clusterCpuSeconds(dataDir: string): number | null {
  let pm: number;
  try {
    pm = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pm) || pm <= 0) return null;
  let ticks = procTicks(pm, true);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== pm && parentOf(pid) === pm) ticks += procTicks(pid, false);
  }
  return ticks / ticksPerSecond();
}
