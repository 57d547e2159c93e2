import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUE_NAME } from '../../src/queue/job-types.js';
import { importGazetteer } from '../../src/geo/import/index.js';
import { repoRoot, sharedDir, TEST_WORD_CACHE } from '../support/shared.js';
import { loadArabicWordList } from '../../src/text/word-list.js';

/**
 * What the resilience tests share: a PostgreSQL cluster of their own (so it can be stopped and
 * started), a MARSAD_HOME with the gazetteer, and helpers to run `marsad` processes (workers,
 * ingest, jobs) against them and to read the queue and the store.
 */

const PG_SCRIPT = join(repoRoot, 'scripts/pg-test-server.sh');
const CLI = join(repoRoot, 'src/cli/main.ts');

export class TestCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'marsad-queue-pg-'));
  url = '';

  start(): void {
    const r = spawnSync('bash', [PG_SCRIPT, 'start'], { env: { ...process.env, MARSAD_PG_TEST_DIR: this.dir }, encoding: 'utf8' });
    const m = /MARSAD_TEST_PG_URL=(\S+)/.exec(r.stdout);
    if (r.status !== 0 || !m) throw new Error(`could not start a test PostgreSQL: ${r.stderr}`);
    this.url = m[1]!;
  }

  private pgCtl(args: string[]): void {
    const bin = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1'], { encoding: 'utf8' }).stdout.trim();
    const cmd = [`${bin}/pg_ctl`, '-D', join(this.dir, 'data'), ...args];
    const r = process.getuid?.() === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', ...cmd], { encoding: 'utf8' })
      : spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  }

  /** Stop the server (fast: connections are cut, as in a crash or failover). */
  stopServer(): void {
    this.pgCtl(['-m', 'fast', '-w', 'stop']);
  }

  /** Start it again on the same port with the same data. */
  startServer(): void {
    const port = new URL(this.url).port;
    this.pgCtl(['-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${this.dir} -c max_connections=200 -c fsync=off`, 'start']);
  }

  destroy(): void {
    spawnSync('bash', [PG_SCRIPT, 'stop'], { env: { ...process.env, MARSAD_PG_TEST_DIR: this.dir }, stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A MARSAD_HOME with the gazetteer imported and the compiled word list shared with the other tests. */
export async function makeHome(): Promise<{ home: string; cleanup(): void }> {
  const home = mkdtempSync(join(tmpdir(), 'marsad-queue-home-'));
  await importGazetteer(join(sharedDir, 'data'), home);
  loadArabicWordList({ cacheDir: TEST_WORD_CACHE });
  symlinkSync(TEST_WORD_CACHE, join(home, 'cache'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface Env {
  home: string;
  pgUrl: string;
  schema: string;
  redisUrl: string;
  prefix: string;
  extra?: Record<string, string>;
}

function envOf(e: Env): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MARSAD_HOME: e.home, MARSAD_STORE: e.pgUrl, MARSAD_PG_SCHEMA: e.schema, MARSAD_QUEUE: e.redisUrl, MARSAD_QUEUE_PREFIX: e.prefix,
    MARSAD_QUEUE_LOCK_MS: '3000', MARSAD_QUEUE_BACKOFF_MS: '100', MARSAD_QUEUE_ATTEMPTS: '3',
    ...e.extra,
  };
}

/** `marsad <args>` to the end; its output and status. */
export function marsad(e: Env, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: repoRoot, env: envOf(e), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface WorkerProcess {
  proc: ChildProcess;
  log: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function startWorkerProcess(e: Env, args: string[] = []): WorkerProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--no-monitor', ...args], {
    cwd: repoRoot, env: envOf(e), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, log: () => log, exited };
}

export function writeJsonl(dir: string, name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export async function queueCounts(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined);
  const q = new Queue(QUEUE_NAME, { connection: redis, prefix });
  try {
    return await q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
  } finally {
    await q.close();
    redis.disconnect();
  }
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, detail?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // A server being restarted: ask again.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${detail ? `\n${detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface StoreTally {
  documents: number;
  events: number;
  incidents: number;
  members: number;
  distinctMembers: number;
  emptyIncidents: number;
}

export async function storeTally(pgUrl: string, schema: string): Promise<StoreTally> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    const { rows } = await c.query<StoreTally>(`SELECT
      (SELECT count(*) FROM ${schema}.documents)::int AS documents,
      (SELECT count(*) FROM ${schema}.events)::int AS events,
      (SELECT count(*) FROM ${schema}.incidents)::int AS incidents,
      (SELECT count(*) FROM ${schema}.incident_members)::int AS members,
      (SELECT count(DISTINCT event_id) FROM ${schema}.incident_members)::int AS "distinctMembers",
      (SELECT count(*) FROM ${schema}.incidents i WHERE NOT EXISTS
        (SELECT 1 FROM ${schema}.incident_members m WHERE m.incident_id = i.id))::int AS "emptyIncidents"`);
    return rows[0]!;
  } finally {
    await c.end();
  }
}

export function readText(p: string): string {
  return readFileSync(p, 'utf8');
}
