import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_KINDS, ActorCatalogue, interIn } from '../../../src/extract/actors/catalogue.js';
import { lexiconPath } from '../../../src/config/home.js';

const SPEC_IDS = [
  'syria-government-forces', 'syria-government', 'russia-military-forces', 'russia', 'turkey-military-forces',
  'turkey', 'iran-military-forces-and-militias', 'hezbollah', 'hts', 'syria-opposition', 'sna', 'sdf', 'isis',
  'us-led-coalition', 'israel-military-forces', 'civilians', 'civil-defense', 'unidentified-armed-group',
  'houthis', 'saudi-led-coalition', 'yemen-government-forces', 'lna', 'gna', 'iraq-security-forces', 'pmf', 'pkk',
  'united-states', 'united-states-military-forces', 'israel', 'lebanon', 'jordan', 'iraq', 'iran', 'saudi-arabia',
  'qatar', 'uae', 'egypt', 'france', 'uk', 'united-nations', 'labelled-terrorists', 'protesters', 'ndf',
];

let dir: string;
const tmp = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const load = (extra: string[] = []): ActorCatalogue => ActorCatalogue.load(extra, { cacheDir: join(dir, 'cache') });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-actors-'));
});

describe('the base catalogue', () => {
  it('has every canonical id of the spec, with valid fields and existing parents', () => {
    const cat = load();
    for (const id of SPEC_IDS) expect(cat.get(id), id).toBeDefined();
    for (const e of cat.entries()) {
      expect(e.inter).toBeGreaterThanOrEqual(1);
      expect(e.inter).toBeLessThanOrEqual(8);
      expect(ACTOR_KINDS).toContain(e.kind);
      if (e.parent) expect(cat.get(e.parent), `${e.id} → ${e.parent}`).toBeDefined();
    }
    expect(cat.entries().length).toBeGreaterThan(100);
    expect(cat.aliasCount()).toBeGreaterThan(2500);
  });

  it('uses the spec names and codes for the actors of the seed', () => {
    const cat = load();
    expect(cat.get('syria-government-forces')).toMatchObject({ name: 'Military Forces of Syria', inter: 1, country: 'SY', parent: 'syria-government' });
    expect(cat.get('syria-opposition')).toMatchObject({ name: 'Syrian opposition armed groups', inter: 2 });
    expect(cat.get('russia-military-forces')).toMatchObject({ inter: 8, parent: 'russia' });
    expect(cat.get('labelled-terrorists')).toMatchObject({ inter: 2 });
    expect(cat.get('ndf')).toMatchObject({ inter: 3 });
    expect(cat.isWithin('tiger-forces', 'syria-government')).toBe(true);
    expect(cat.isWithin('sna', 'syria-government')).toBe(false);
    expect(cat.lineage('tiger-forces').map((e) => e.id)).toEqual(['tiger-forces', 'syria-government-forces', 'syria-government']);
  });

  it('codes a state actor abroad as external and at home as state forces', () => {
    const cat = load();
    const tr = cat.get('turkey-military-forces')!;
    expect(interIn(tr, 'SY')).toBe(8);
    expect(interIn(tr, 'TR')).toBe(1);
    expect(interIn(tr, null)).toBe(8);
    expect(interIn(cat.get('hts')!, 'TR')).toBe(2);
  });

  it('loads warm from the disk cache fast, and memoises in memory', () => {
    const cacheDir = join(dir, 'speed-cache');
    ActorCatalogue.clearMemo();
    ActorCatalogue.load([], { cacheDir }); // cold: compiles and writes the cache
    expect(readdirSync(cacheDir).some((f) => f.startsWith('actors-') && f.endsWith('.json'))).toBe(true);
    ActorCatalogue.clearMemo();
    const warm = ActorCatalogue.load([], { cacheDir });
    expect(warm.get('hts')).toBeDefined();
    expect(ActorCatalogue.load([], { cacheDir })).toBe(warm);
  });

  it('reads lexicon/actors.yaml from the package', () => {
    expect(existsSync(lexiconPath('actors.yaml'))).toBe(true);
  });
});

describe('user extension files', () => {
  it('adds new actors, adds aliases to existing ones and overrides fields', () => {
    const user = tmp('user-ok.yaml', `
- id: jaish-al-ahrar
  name: Jaish al Ahrar
  inter: 2
  country: SY
  kind: armed-group
  parent: hts
  aliases_ar: [جيش الأحرار]
- id: hts
  name: HTS (renamed)
  aliases_ar: [الهيئة الجديدة]
`);
    const cat = load([user]);
    expect(cat.get('jaish-al-ahrar')).toMatchObject({ parent: 'hts', inter: 2, kind: 'armed-group' });
    const hts = cat.get('hts')!;
    expect(hts.name).toBe('HTS (renamed)');
    expect(hts.aliases_ar).toContain('الهيئة الجديدة');
    expect(hts.aliases_ar).toContain('هيئة تحرير الشام');
    expect(hts.inter).toBe(2);
    expect(load().get('hts')!.name).toBe('Hayat Tahrir al Sham');
  });

  it('refuses the same id twice in one file', () => {
    const dup = tmp('user-dup.yaml', '- id: hts\n  aliases_ar: [أ ب]\n- id: hts\n  aliases_ar: [ج د]\n');
    expect(() => load([dup])).toThrow(/user-dup\.yaml: entry #2 \(id "hts"\): duplicate id "hts"/);
  });

  it('lets a later file move an alias to another actor', () => {
    const user = tmp('user-move.yaml', `
- id: hts
  aliases_ar: [الفصائل]
`);
    const cat = load([user]);
    expect(cat.get('hts')!.aliases_ar).toContain('الفصائل');
    expect(cat.get('syria-opposition')!.aliases_ar).not.toContain('الفصائل');
  });

  it('names the file, the entry and the field of a bad value', () => {
    const user = tmp('user-bad-inter.yaml', `
- id: ok-group
  name: OK
  inter: 2
  country: SY
  kind: armed-group
  aliases_ar: [مجموعة جيدة]
- id: bad-group
  name: Bad
  inter: nine
  country: SY
  kind: armed-group
  aliases_ar: [مجموعة سيئة]
`);
    expect(() => load([user])).toThrow(/user-bad-inter\.yaml: entry #2 \(id "bad-group"\): field "inter"/);
  });

  it('says what a new id lacks, and rejects unknown fields and unknown parents', () => {
    const missing = tmp('user-missing.yaml', '- id: new-group\n  aliases_ar: [مجموعة]\n');
    expect(() => load([missing])).toThrow(/user-missing\.yaml: entry #1 \(id "new-group"\): field "name".*a new id needs/);
    const typo = tmp('user-typo.yaml', '- id: hts\n  aliases_arr: [شيء]\n');
    expect(() => load([typo])).toThrow(/user-typo\.yaml: entry #1 \(id "hts"\): unknown field\(s\) "aliases_arr"/);
    const orphan = tmp('user-orphan.yaml', '- id: hts\n  parent: no-such-actor\n');
    expect(() => load([orphan])).toThrow(/user-orphan\.yaml: id "hts": parent "no-such-actor" is not in the catalogue/);
    const badKind = tmp('user-kind.yaml', '- id: x-group\n  name: X\n  inter: 2\n  country: sy\n  kind: gang\n  aliases_en: [x]\n');
    expect(() => load([badKind])).toThrow(/field "country".*ISO 3166.*field "kind"/);
  });

  it('reports YAML syntax errors with the line, and a file that is not a list', () => {
    const broken = tmp('user-broken.yaml', '- id: hts\n  aliases_ar: [غير مغلق\n  name: x\n');
    expect(() => load([broken])).toThrow(/user-broken\.yaml: invalid YAML at line \d+/);
    const notList = tmp('user-map.yaml', 'id: hts\n');
    expect(() => load([notList])).toThrow(/user-map\.yaml: expected a YAML list/);
    expect(() => load([join(dir, 'nope.yaml')])).toThrow(/nope\.yaml: cannot read the file/);
  });

  it('refuses one name for two actors within one file', () => {
    const clash = tmp('user-clash.yaml', `
- id: group-a
  name: A
  inter: 2
  country: SY
  kind: armed-group
  aliases_ar: [لواء الفجر]
- id: group-b
  name: B
  inter: 2
  country: SY
  kind: armed-group
  aliases_ar: [لواء الفَجْر]
`);
    expect(() => load([clash])).toThrow(/user-clash\.yaml: "لواء الفَجْر" \(aliases_ar of "group-b"\) and "لواء الفجر" \(aliases_ar of "group-a"\)/);
  });
});
