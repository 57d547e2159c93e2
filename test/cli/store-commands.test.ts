import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarsadEvent } from '../../src/model/event.js';
import { ACLED_COLUMNS } from '../../src/store/export/index.js';
import { verifySqliteStore } from '../../src/store/backup.js';
import { writeStrikeCorpus } from '../store/ingest/corpus.js';
import { dumpStore } from '../store/ingest/dump-store.js';
import {
  MAARAT_AR, OPPOSITION_REPORT, SARAQIB_AR, SARAQIB_AR_COPY, SARAQIB_EN, SHELLING_CLITIC, SHELLING_SHADDA,
} from '../store/ingest/reports.js';
import { announceShared, hasShared, importedHome, repoRoot, TEST_WORD_CACHE, type ImportedHome } from '../support/shared.js';

/**
 * The store commands as a user runs them: `node --import tsx src/cli/main.ts …` in a child
 * process, against a temporary MARSAD_HOME (gazetteer imported) and temporary SQLite stores.
 */

const run = announceShared('store commands (ingest, search, export, backup)');

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!hasShared || !run)('marsad ingest / search / export / backup / restore', () => {
  let home: ImportedHome;
  let dir: string;
  let n = 0;
  let env: NodeJS.ProcessEnv;
  const args = (cmd: string[]): string[] => ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...cmd];

  beforeAll(async () => {
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-cli-store-'));
    env = { ...process.env, MARSAD_HOME: home.home, FORCE_COLOR: '0' };
    delete env['MARSAD_STORE'];
    // The CLI reads the compiled Arabic word list from MARSAD_HOME/cache: the copy importedHome()
    // compiled saves every test file recompiling it (seconds).
    if (existsSync(TEST_WORD_CACHE)) cpSync(TEST_WORD_CACHE, join(home.home, 'cache'), { recursive: true });
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  function cli(...cmd: string[]): CliResult {
    const r: SpawnSyncReturns<string> = spawnSync(process.execPath, args(cmd), { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function ok(...cmd: string[]): CliResult {
    const r = cli(...cmd);
    if (r.status !== 0) throw new Error(`marsad ${cmd.join(' ')} exited ${r.status}:\n${r.stderr}`);
    return r;
  }

  function folder(files: Record<string, string>): string {
    const f = join(dir, `in-${++n}`);
    mkdirSync(f, { recursive: true });
    for (const [name, body] of Object.entries(files)) writeFileSync(join(f, name), body);
    return f;
  }

  const newStorePath = (): string => join(dir, `store-${++n}.db`);

  function count(out: string, label: string): number {
    const m = new RegExp(`^\\s*${label}\\s+(\\d+)$`, 'm').exec(out);
    if (!m) throw new Error(`no "${label}" line in:\n${out}`);
    return Number(m[1]);
  }

  function jsonLines<T>(out: string): T[] {
    return out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
  }

  it('ingests a folder; the same folder again adds nothing, with the counts and ids to show it', () => {
    const input = folder({ '01.txt': SARAQIB_AR, '02.txt': SARAQIB_EN, '03.txt': MAARAT_AR, '04.txt': SARAQIB_AR_COPY });
    const store = newStorePath();
    const first = ok('ingest', input, '--store', store, '--list');
    expect(count(first.stdout, 'documents read')).toBe(4);
    expect(count(first.stdout, 'added')).toBe(4);
    expect(count(first.stdout, 'near-duplicates')).toBe(1);
    expect(count(first.stdout, 'incidents created')).toBe(2);
    expect(first.stdout).toMatch(/^store \(sqlite\): 4 documents, \d+ events, 2 incidents, 1 near-duplicates$/m);
    const listed = (out: string): string[] => out.split('\n').filter((l) => /^\w[\w-]*\t/.test(l)).map((l) => l.split('\t').slice(1).join('\t'));
    expect(first.stdout).toMatch(/^near-duplicate\t[0-9a-f]{16}\t.*04\.txt$/m);
    const before = dumpStore(store);

    const second = ok('ingest', input, '--store', store, '--list');
    expect(count(second.stdout, 'documents read')).toBe(4);
    expect(count(second.stdout, 'added')).toBe(0);
    expect(count(second.stdout, 'unchanged')).toBe(4);
    expect(count(second.stdout, 'events added')).toBe(0);
    expect(count(second.stdout, 'incidents created')).toBe(0);
    expect(count(second.stdout, 'incidents updated')).toBe(0);
    expect(second.stdout.split('\n').filter((l) => l.startsWith('unchanged\t'))).toHaveLength(4);
    expect(listed(second.stdout)).toEqual(listed(first.stdout));
    expect(dumpStore(store)).toEqual(before);
  });

  it('finds "قوات النظام" written "قوّات النظام" and "لقوات النظام", not the opposition\'s forces', () => {
    const store = newStorePath();
    ok('ingest', folder({ 'a.txt': SHELLING_SHADDA, 'b.txt': SHELLING_CLITIC, 'c.txt': OPPOSITION_REPORT }), '--store', store);
    const docs = jsonLines<{ doc: { title: string } }>(ok('search', 'قوات النظام', '--documents', '--format', 'jsonl', '--store', store).stdout);
    expect(docs.map((d) => d.doc.title).sort()).toEqual(['تقدم لقوات النظام في ريف حماة', 'قصف مدفعي على كفرنبودة'].sort());
    const events = jsonLines<{ event: MarsadEvent }>(ok('search', 'قوات النظام', '--format', 'jsonl', '--store', store).stdout);
    const evidence = events.map((e) => e.event.evidence.map((s) => s.text).join(' '));
    expect(evidence.some((t) => t.includes('قوّات النظام'))).toBe(true);
    expect(evidence.some((t) => t.includes('لقوات النظام'))).toBe(true);
    expect(evidence.some((t) => t.includes('المعارضة'))).toBe(false);
    const table = ok('search', 'قوّات النظام', '--store', store);
    expect(table.stdout.split('\n')[0]).toMatch(/^date\s+sub-event type\s+location/);
    expect(table.stderr).toMatch(/last page/);
  });

  describe('over a corpus', () => {
    let store: string;
    let all: string[];
    beforeAll(() => {
      store = newStorePath();
      const corpus = join(dir, 'corpus-60');
      writeStrikeCorpus(corpus, 60);
      ok('ingest', corpus, '--store', store, '--no-progress');
      all = jsonLines<{ event: MarsadEvent }>(ok('search', '--limit', '1000', '--format', 'jsonl', '--store', store).stdout).map((e) => e.event.id);
      expect(all.length).toBeGreaterThan(60);
    });

    it('pages search results with the printed cursor, without gaps or repeats', () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = ok('search', '--limit', '25', '--format', 'jsonl', '--store', store, ...(cursor ? ['--cursor', cursor] : []));
        seen.push(...jsonLines<{ event: MarsadEvent }>(r.stdout).map((e) => e.event.id));
        cursor = /next page: --cursor (\S+)/.exec(r.stderr)?.[1] ?? null;
        if (cursor === null) expect(r.stderr).toMatch(/last page/);
        pages++;
      } while (cursor !== null && pages < 50);
      expect(pages).toBe(Math.ceil(all.length / 25));
      expect(seen).toEqual(all);
    });

    it('searches incidents by grade and refuses bad options with the reason', () => {
      const incidents = jsonLines<{ grade: string; members: unknown[] }>(
        ok('search', '--incidents', '--grade', 'multiple-sources', '--limit', '500', '--format', 'jsonl', '--store', store).stdout);
      expect(incidents.length).toBeGreaterThan(0);
      for (const i of incidents) {
        expect(i.grade).toBe('multiple-sources');
        expect(i.members.length).toBeGreaterThan(1);
      }
      const bad = (argv: string[], message: RegExp): void => {
        const r = cli('search', ...argv, '--store', store);
        expect(r.status).not.toBe(0);
        expect(r.stderr).toMatch(message);
      };
      bad(['--bbox', '36,35,37'], /minLon,minLat,maxLon,maxLat/);
      bad(['--bbox', '37,35,36,36'], /east of maxLon/);
      bad(['--from', '2019-13-01'], /not a calendar date/);
      bad(['--from', '2019-06-10', '--to', '2019-06-01'], /after --to/);
      bad(['--type', 'Bombings'], /not an ACLED event type/);
      bad(['--grade', 'contested'], /--grade applies to incidents/);
      bad(['--cursor', 'nonsense'], /invalid page cursor/);
      bad(['--limit', '0'], /positive whole number/);
      bad(['--documents'], /--documents needs search \[text\]/);
    });

    it('exports ACLED CSV, GeoJSON and JSON lines through the same filters', () => {
      const csvPath = join(dir, 'events.csv');
      const csv = ok('export', '--format', 'acled-csv', '--type', 'explosions/remote violence', '--admin1', 'Idleb', '--out', csvPath, '--store', store);
      expect(csv.stdout).toBe('');
      const rows = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
      expect(rows[0]).toBe(ACLED_COLUMNS.join(','));
      expect(rows.length).toBeGreaterThan(5);
      expect(csv.stderr).toContain(`exported ${rows.length - 1} events to ${csvPath}`);
      for (const row of rows.slice(1)) expect(row).toMatch(/,Explosions\/Remote violence,/);
      expect(existsSync(`${csvPath}.partial`)).toBe(false);

      const box = [36.3, 35.3, 36.7, 35.8] as const;
      const geo = JSON.parse(ok('export', '--format', 'geojson', '--bbox', box.join(','), '--store', store).stdout) as {
        type: string; features: { geometry: { coordinates: [number, number] }; properties: MarsadEvent }[];
      };
      expect(geo.type).toBe('FeatureCollection');
      expect(geo.features.length).toBeGreaterThan(0);
      for (const f of geo.features) {
        const [lon, lat] = f.geometry.coordinates;
        expect(lon).toBeGreaterThanOrEqual(box[0]);
        expect(lat).toBeGreaterThanOrEqual(box[1]);
        expect(lon).toBeLessThanOrEqual(box[2]);
        expect(lat).toBeLessThanOrEqual(box[3]);
      }

      const lines = jsonLines<MarsadEvent>(ok('export', '--format', 'jsonl', '--sub-type', 'Air/drone strike',
        '--from', '2019-06-06', '--to', '2019-06-16', '--store', store).stdout);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThan(all.length);
      for (const e of lines) {
        expect(e.sub_event_type).toBe('Air/drone strike');
        expect(e.date!.end >= '2019-06-06' && e.date!.start <= '2019-06-16').toBe(true);
      }
      const refused = cli('export', '--format', 'csv', '--store', store);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/"csv" is not one of jsonl, acled-csv, geojson/);
    });

    it('backs the store up and restores it; refuses for PostgreSQL', () => {
      const copy = newStorePath();
      const backup = join(dir, 'backup.db');
      const b = ok('backup', backup, '--store', store);
      expect(b.stdout).toMatch(/integrity check ok/);
      expect(dumpStore(backup)).toEqual(dumpStore(store));

      // A restore replaces a store that has moved on since.
      ok('backup', copy, '--store', store);
      ok('ingest', folder({ 'late.txt': SARAQIB_EN }), '--store', copy);
      const grown = verifySqliteStore(copy).counts.documents;
      const r = ok('restore', backup, '--store', copy);
      expect(r.stdout).toMatch(/kept as .*\.pre-restore/);
      expect(verifySqliteStore(copy).counts.documents).toBe(grown - 1);
      expect(dumpStore(copy)).toEqual(dumpStore(store));

      const pg = cli('backup', join(dir, 'x.db'), '--store', 'postgres://u:p@127.0.0.1:1/none');
      expect(pg.status).not.toBe(0);
      expect(pg.stderr).toMatch(/SQLite store file; for PostgreSQL use/);
      const again = cli('backup', backup, '--store', store);
      expect(again.stderr).toMatch(/exists/);
    });
  });

  it('a run killed with SIGKILL and run again gives the store of an uninterrupted run', async () => {
    const corpus = join(dir, 'corpus-crash');
    const files = writeStrikeCorpus(corpus, 220);
    const killed = newStorePath();

    const child = spawn(process.execPath, args(['ingest', corpus, '--store', killed, '--no-progress']), { cwd: repoRoot, env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let stored = 0;
    let reader: Database.Database | null = null;
    const deadline = Date.now() + 120_000;
    // Kill as soon as some documents are committed, well before all are.
    while (stored === 0 && Date.now() < deadline && child.exitCode === null) {
      await sleep(5);
      try {
        reader ??= new Database(killed, { readonly: true, fileMustExist: true });
        stored = (reader.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
      } catch {
        // not created, or not migrated yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    reader?.close();
    expect(child.signalCode).toBe('SIGKILL');
    const atKill = verifySqliteStore(killed).counts.documents;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(files);

    const resumed = ok('ingest', corpus, '--store', killed, '--no-progress');
    expect(count(resumed.stdout, 'unchanged')).toBe(atKill);
    expect(count(resumed.stdout, 'added')).toBe(files - atKill);

    const clean = newStorePath();
    ok('ingest', corpus, '--store', clean, '--no-progress');
    const info = verifySqliteStore(killed);
    expect(info.counts.documents).toBe(files);
    expect(dumpStore(killed)).toEqual(dumpStore(clean));
  });
});
