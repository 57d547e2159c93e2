import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAgreementsCommand } from '../../../src/cli/commands/agreements.js';
import { gazetteerDir } from '../../../src/config/home.js';
import { Gazetteer } from '../../../src/geo/gazetteer.js';
import { importGazetteer } from '../../../src/geo/import/index.js';
import { areaKm2, boxOf, containsPoint } from '../../../src/monitor/agreements/geometry.js';
import { loadAgreementFile, parseAgreement } from '../../../src/monitor/agreements/load.js';
import type { Agreement } from '../../../src/monitor/types.js';
import { checkIncident } from '../../../src/monitor/violations/check.js';
import { openStore } from '../../../src/store/open-store.js';
import { announceShared, repoRoot, sharedDir } from '../../support/shared.js';
import { catalogue, incident } from '../violations/fixtures.js';
import { GOV, OPP, RUSSIA, seed } from '../violations/store-fixtures.js';

const EXAMPLE = join(repoRoot, 'examples/agreements/idlib-sochi-2018/agreement.yaml');

/** The villages government forces took in May 2019 (the seed page), at their gazetteer points. */
const SEED_VILLAGES = [
  { name: "Qal'at al-Madiq", lat: 35.41465, lon: 36.39085 },
  { name: 'Kafr Nabudah', lat: 35.43175, lon: 36.49354 },
  { name: 'al-Qasabiyah', lat: 35.46568, lon: 36.49631 },
];

const POSTS: Record<string, string> = {
  'op01-salwa': 'wof:1343348583',
  'op02-qalaat-samaan': 'wof:1276532767',
  'op03-sheikh-aqil': 'wof:1226326895',
  'op04-al-eis': 'wof:1210011051',
  'op05-tal-tuqan': 'wof:1360164891',
  'op06-al-surman': 'wof:1243531749',
  'op07-ishtabraq': 'wof:1276524907',
  'op08-morek': 'wof:1310188781',
  'op09-shir-mughar': 'wof:1209492399',
  'op10-al-rashidin': 'wof:1209905895',
  'op11-zaytunah': 'wof:1243277077',
  'op12-anadan': 'wof:1276855637',
};

describe.skipIf(!announceShared('Idlib agreement example'))('the Idlib/Sochi example', () => {
  let home = '';
  let gazetteer: Gazetteer;
  let idlib: Agreement;
  const cat = catalogue();

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'marsad-idlib-'));
    await importGazetteer(join(sharedDir, 'data'), home);
    gazetteer = Gazetteer.load(gazetteerDir(home));
    idlib = loadAgreementFile(EXAMPLE, { places: gazetteer, actors: cat });
  });
  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('loads, labelled an approximation, from 2018-10-15, with Russia and Turkey as guarantors', () => {
    expect(idlib.approximation).toMatch(/not the official map/);
    expect(idlib.effective).toEqual({ from: '2018-10-15', until: null });
    expect(idlib.guarantors.map((g) => g.id)).toEqual(['russia', 'turkey']);
    expect(idlib.parties.map((g) => g.id)).toEqual(['syria-government-forces', 'syria-opposition']);
  });

  it('its zone is a ~20 km band built from gazetteer points, holding the three seed villages', () => {
    const zone = idlib.zones[0]!;
    expect(zone.built_from?.buffer_km).toBe(10);
    const places = zone.built_from!.places!;
    expect(places.length).toBeGreaterThanOrEqual(10);
    for (const p of places) expect(gazetteer.get(p.gazetteer_id)).toMatchObject({ lat: p.lat, lon: p.lon });
    const area = areaKm2(zone.geometry);
    expect(area).toBeGreaterThan(3500);
    expect(area).toBeLessThan(5500);
    const box = boxOf(zone.geometry);
    for (const v of SEED_VILLAGES) expect(containsPoint(zone.geometry, box, v.lon, v.lat), v.name).toBe(true);
    // Idlib city and Hama city lie well outside the band.
    expect(containsPoint(zone.geometry, box, 36.6339, 35.9306)).toBe(false);
    expect(containsPoint(zone.geometry, box, 36.75, 35.13)).toBe(false);
  });

  it('has the twelve Turkish posts, each at its gazetteer record', () => {
    expect(Object.fromEntries(idlib.posts.map((p) => [p.id, p.gazetteer_id]))).toEqual(POSTS);
    for (const p of idlib.posts) {
      const record = gazetteer.get(p.gazetteer_id!)!;
      expect([p.lat, p.lon]).toEqual([record.lat, record.lon]);
      expect(p.held_by).toBe('turkey');
    }
  });

  it('flags the May 2019 government advance at the seed villages and answers who is accountable', () => {
    const taken = incident({
      id: 'inc-kafr-nabudah', sub: 'Government regains territory', lat: 35.43175, lon: 36.49354,
      date: ['2019-04-26', '2019-06-05'], perpetrators: [{ id: 'syria-government-forces', inter: 1 }],
    });
    const v = checkIncident(taken, [idlib], cat);
    expect(v.map((x) => [x.rule_id, x.zone_id, x.accountable])).toEqual([['no-ground-offensives', 'dmz', ['syria-government-forces']]]);
    const raid = incident({ lat: 35.46568, lon: 36.49631, perpetrators: [{ id: 'russia-military-forces', inter: 8 }] });
    expect(checkIncident(raid, [idlib], cat).map((x) => [x.rule_id, x.accountable])).toEqual([['no-air-strikes', ['russia']]]);
    const before = incident({ lat: 35.46568, lon: 36.49631, date: ['2018-09-01', '2018-09-01'] });
    expect(checkIncident(before, [idlib], cat)).toEqual([]);
  });

  it('shelling of the Morek post breaks the post rule and the zone rules', () => {
    const v = checkIncident(incident({ sub: 'Shelling/artillery/missile attack', lat: 35.38, lon: 36.69, perpetrators: [{ id: 'tiger-forces', inter: 1 }] }), [idlib], cat);
    expect(v.map((x) => x.rule_id).sort()).toEqual(['heavy-weapons-withdrawn', 'no-shelling', 'posts-not-attacked']);
    expect(v.find((x) => x.rule_id === 'posts-not-attacked')!.post_id).toBe('op08-morek');
  });

  it('the complete example of docs/agreements.md loads', () => {
    const doc = readFileSync(join(repoRoot, 'docs/agreements.md'), 'utf8');
    const block = /## A complete example\s+```yaml\n([\s\S]*?)```/.exec(doc);
    expect(block).not.toBeNull();
    const a = parseAgreement(block![1]!, 'docs/agreements.md', { places: gazetteer, actors: cat });
    expect(a.zones.map((z) => z.id)).toEqual(['band', 'hill']);
    expect(a.rules.map((r) => r.id)).toEqual(['no-air-strikes', 'government-no-shelling', 'posts-not-attacked']);
  });

  describe('marsad agreements (in process)', () => {
    async function run(...args: string[]): Promise<string> {
      const program = new Command().exitOverride();
      registerAgreementsCommand(program);
      let out = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out += String(chunk);
        return true;
      });
      const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await program.parseAsync(['node', 'marsad', 'agreements', ...args, '--home', home]);
      } finally {
        spy.mockRestore();
        err.mockRestore();
      }
      return out;
    }

    it('add resolves and keeps the agreement; list, show and show --geojson read it back', async () => {
      expect(await run('add', EXAMPLE)).toMatch(/added idlib-sochi-2018 .*\n {2}1 zone\(s\), \d+ km²; 12 post\(s\); 6 rule\(s\)/);
      expect(loadAgreementFile(join(home, 'agreements', 'idlib-sochi-2018.yaml'))).toEqual(idlib);
      expect(await run('list')).toMatch(/idlib-sochi-2018 +2018-10-15… +1 +12 +6 +yes/);
      expect(await run('show', 'idlib-sochi-2018')).toMatch(/op09-shir-mughar: Shir Mughar .* wof:1209492399 — Shir Mughar/);
      const geo = JSON.parse(await run('show', 'idlib-sochi-2018', '--geojson')) as { features: { properties: { kind: string } }[] };
      expect(geo.features.map((f) => f.properties.kind)).toEqual(['zone', 'zone-line', ...Array(12).fill('post')]);
    });

    it('check records and prints the violations, as JSON lines', async () => {
      const store = await openStore({ kind: 'sqlite', path: join(home, 'marsad.db') });
      await seed(store, [
        { id: 'madiq', sub: 'Government regains territory', lat: 35.41465, lon: 36.39085, date: '2019-05-08', actor1: GOV, actor2: OPP },
        { id: 'strike', sub: 'Air/drone strike', lat: 35.46568, lon: 36.49631, date: '2019-05-02', actor1: RUSSIA },
        { id: 'idlib-city', sub: 'Air/drone strike', lat: 35.9306, lon: 36.6339, date: '2019-05-02', actor1: RUSSIA },
      ]);
      await store.close();
      const lines = (await run('check', '--format', 'jsonl', '--no-progress')).trim().split('\n').map((l) => JSON.parse(l) as { rule_id: string; incident_id: string });
      expect(lines.map((v) => [v.incident_id, v.rule_id])).toEqual([['inc-madiq', 'no-ground-offensives'], ['inc-strike', 'no-air-strikes']]);
      expect(await run('check', '--format', 'table', '--no-progress')).toMatch(/2019-05-08 +idlib-sochi-2018 +no-ground-offensives +zone dmz/);
    });
  });
});
