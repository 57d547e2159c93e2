import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openViolationStore } from '../../src/monitor/violations/open.js';
import { openStore } from '../../src/store/open-store.js';
import type { Incident } from '../../src/store/types.js';
import { announceShared, hasShared, importedHome, repoRoot, sharedDir, TEST_WORD_CACHE, type ImportedHome } from '../support/shared.js';

/**
 * `marsad review …` as a user runs it, over the seed page ingested with the Sochi agreement
 * (examples/agreements/idlib-sochi-2018): a rejected capture stops violating the agreement, a
 * correction shows in `review show`, and survives `marsad ingest` of a later report that joins
 * the incident.
 */

const run = announceShared('marsad review (CLI)');

/** A later report of the capture of Qalaat al-Madiq, from another outlet (written for this test). */
const LATER_REPORT = `قوات النظام تسيطر على قلعة المضيق
حماة - شبكة الاختبار

سيطرت قوات النظام على بلدة قلعة المضيق في ريف حماة الشمالي بعد معارك مع فصائل المعارضة، الأربعاء 5 حزيران.
`;

describe.skipIf(!hasShared || !run)('marsad review', () => {
  let home: ImportedHome;
  let dir: string;
  let storePath: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-cli-review-'));
    storePath = join(dir, 'marsad.db');
    env = { ...process.env, MARSAD_HOME: home.home, FORCE_COLOR: '0' };
    delete env['MARSAD_STORE'];
    if (existsSync(TEST_WORD_CACHE)) cpSync(TEST_WORD_CACHE, join(home.home, 'cache'), { recursive: true });
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  function cli(...cmd: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...cmd], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function ok(...cmd: string[]): string {
    const r = cli(...cmd);
    if (r.status !== 0) throw new Error(`marsad ${cmd.join(' ')} exited ${r.status}:\n${r.stderr}`);
    return r.stdout;
  }

  const PLACES: Record<string, [number, number]> = { 'Kafr Nabudah': [35.43175, 36.49354], 'Qalaat al-Madiq': [35.41465, 36.39085] };

  /** The capture of a place (by its coordinates: the gazetteer spells names its own way). */
  async function incidentAt(name: string): Promise<Incident> {
    const [lat, lon] = PLACES[name]!;
    const store = await openStore({ kind: 'sqlite', path: storePath });
    try {
      const all = (await store.listIncidents({}, { limit: 100 })).items;
      const found = all.find((i) => i.location !== null && Math.abs(i.location.lat - lat) < 0.01 && Math.abs(i.location.lon - lon) < 0.01 &&
        i.sub_event_type === 'Government regains territory');
      if (!found) throw new Error(`no capture of ${name} among ${all.map((i) => `${i.id} ${i.location?.name}`).join('; ')}`);
      return found;
    } finally {
      await store.close();
    }
  }

  async function violationIncidents(): Promise<string[]> {
    const vs = await openViolationStore({ kind: 'sqlite', path: storePath });
    try {
      return [...new Set((await vs.list()).map((v) => v.incident_id))].sort();
    } finally {
      await vs.close();
    }
  }

  it('rejects, corrects, shows, and keeps the correction through a later ingest', async () => {
    ok('agreements', 'add', join(repoRoot, 'examples/agreements/idlib-sochi-2018/agreement.yaml'));
    ok('ingest', join(sharedDir, 'eval/seed/seed-article.txt'), '--store', storePath, '--published', '2019-06-05', '--no-progress');
    const kafr = await incidentAt('Kafr Nabudah');
    const madiq = await incidentAt('Qalaat al-Madiq');
    expect(await violationIncidents()).toContain(kafr.id);

    const rejected = JSON.parse(ok('review', 'reject', kafr.id, '--store', storePath, '--note', 'test', '--format', 'json')) as { status: string; incident: Incident };
    expect(rejected.status).toBe('rejected');
    expect(rejected.incident.grade).toBe('discounted');
    expect(await violationIncidents()).not.toContain(kafr.id);

    const corrected = JSON.parse(ok('review', 'correct', madiq.id, '--store', storePath, '--fatalities', '4', '--actors', 'syria-government-forces,syria-opposition',
      '--format', 'json')) as { status: string; incident: Incident; last_action: { by: { user: string; role: string } } };
    expect(corrected.status).toBe('corrected');
    expect(corrected.incident.fatalities).toBe(4);
    expect(corrected.last_action.by.user).toMatch(/^cli:/);
    expect(corrected.last_action.by.role).toBe('admin');
    const shown = ok('review', 'show', madiq.id, '--store', storePath);
    expect(shown).toContain('[corrected]');
    expect(shown).toMatch(/machine: .*fatalities unknown/);
    expect(shown).toMatch(/correct +/);

    // A later report joins the incident: the machine recomputes it, the ingest lays the review over again.
    const later = join(dir, 'later.txt');
    writeFileSync(later, LATER_REPORT);
    ok('ingest', later, '--store', storePath, '--published', '2019-06-05', '--no-progress');
    const after = await incidentAt('Qalaat al-Madiq');
    expect(after.id).toBe(madiq.id);
    expect(after.members.length).toBe(madiq.members.length + 1);
    expect(after.fatalities).toBe(4);
    expect((await incidentAt('Kafr Nabudah')).grade).toBe('discounted');

    const acc = ok('review', 'accuracy', '--store', storePath);
    expect(acc).toMatch(/reviewed 2: confirmed 0, corrected 1, rejected 1/);
    expect(acc).toMatch(/fatalities +kept 0, changed 1/);

    // Errors: unknown incident (exit 1), nothing to correct (exit 2).
    const missing = cli('review', 'confirm', 'inc-nope', '--store', storePath);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/inc-nope does not exist/);
    const empty = cli('review', 'correct', madiq.id, '--store', storePath);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/say what to correct/);
  }, 240_000);
});
