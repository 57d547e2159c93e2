import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDataCommand } from '../../src/cli/commands/data.js';
import { gazetteerDir } from '../../src/config/home.js';
import { haversineKm } from '../../src/geo/geo-math.js';
import { cliticReadingsInto } from '../../src/geo/arabic-clitics.js';
import { Gazetteer, GazetteerError, sortByPrior } from '../../src/geo/gazetteer.js';
import { importGazetteer, type ImportSummary } from '../../src/geo/import/index.js';
import { arabicKeyHash, arabicNameWords } from '../../src/geo/place-keys.js';
import { findPlaceMentions } from '../../src/geo/place-mentions.js';
import { resolvePlaces, toEventLocation } from '../../src/geo/resolve-places.js';
import type { PlaceMention, ResolvedPlace } from '../../src/geo/types.js';
import { normaliseText } from '../../src/text/normalise.js';
import { tokenize } from '../../src/text/tokens.js';
import { dataDir, hasShared, repoRoot } from './shared-data.js';

describe.skipIf(!hasShared)('gazetteer built from ../shared/data', () => {
  let home: string;
  let summary: ImportSummary;
  let gaz: Gazetteer;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'marsad-geo-'));
    summary = await importGazetteer(dataDir, home);
    gaz = Gazetteer.load(gazetteerDir(home));
  });

  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const mentionsOf = (text: string): PlaceMention[] => findPlaceMentions(tokenize(normaliseText(text)), gaz, text);
  const resolve = (text: string, dateline: string | null = null): ResolvedPlace[] =>
    resolvePlaces(mentionsOf(text), { dateline, gazetteer: gaz });
  const km = (r: ResolvedPlace, lat: number, lon: number): number => haversineKm(r.place.lat, r.place.lon, lat, lon);

  describe('import', () => {
    it('indexes Syria, its admin areas, countries and the world baseline', () => {
      const c = summary.counts;
      expect(c['admin1']).toBe(14);
      expect(c['admin2']).toBe(62);
      expect(c['admin3']).toBe(272);
      expect(c['locality']).toBeGreaterThan(10000);
      expect(c['country']).toBeGreaterThan(40);
      expect(c['world_cities']).toBeGreaterThan(20000);
      expect(c['merged_duplicates']).toBeGreaterThan(0);
      expect(gaz.meta.sources.wof).toContain('wof-sy');
    });

    it('writes the admin boundaries later stages read', () => {
      for (const [level, n] of [[1, 14], [2, 62], [3, 272]] as const) {
        const file = join(gazetteerDir(home), `admin${level}.geojson`);
        const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { pcode: string; name_ar: string } }[] };
        expect(fc.features).toHaveLength(n);
        expect(fc.features.every((f) => /^SY\d+$/.test(f.properties.pcode) && f.properties.name_ar.length > 0)).toBe(true);
      }
    });

    it('refuses a missing index with the command to run', () => {
      expect(() => Gazetteer.load(join(home, 'nowhere'))).toThrow(GazetteerError);
      expect(() => Gazetteer.load(join(home, 'nowhere'))).toThrow(/marsad data import/);
    });

    it('merges duplicate WOF records and keeps both ids', () => {
      const geonames = gaz.get('wof:1276435799');
      expect(geonames).toBeDefined();
      expect(gaz.get('wof:421190419')?.id).toBe('wof:1276435799');
      expect(geonames!.alt_ids).toContain('wof:421190419');
      expect(gaz.lookup('قلعة المضيق').filter((p) => p.kind === 'locality')).toHaveLength(1);
    });

    it('replaces a wrong English name and keeps the old one as a variant', () => {
      const p = gaz.get('wof:1293269433')!;
      expect(p.name_ar).toBe('القصابية');
      expect(p.name).toMatch(/Qasab/i);
      expect(p.names).toContain('Qara Journ');
    });

    it('assigns admin names and P-codes by point in polygon', () => {
      const kafr = gaz.get('wof:1293184687')!;
      expect(kafr.admin1).toBe('Hama');
      expect(kafr.admin1_ar).toBe('حماة');
      expect(kafr.admin2).toBe('As-Suqaylabiyah');
      expect(kafr.admin3).not.toBeNull();
      expect(kafr.pcode).toMatch(/^SY05\d{4}$/);
      const khan = gaz.lookup('خان شيخون').find((p) => p.kind === 'locality')!;
      expect(khan.admin1).toBe('Idleb');
      const governorates = gaz.lookup('حلب').filter((p) => p.kind === 'admin1');
      expect(governorates.map((p) => p.pcode)).toEqual(['SY02']);
    });
  });

  describe('the seed article', () => {
    const seed = hasShared ? readFileSync(join(repoRoot, '../shared/eval/seed/seed-article.txt'), 'utf8') : '';

    it('finds and places the three villages taken', () => {
      const resolved = resolve(seed, 'إدلب');
      const at = (written: string): ResolvedPlace => {
        const r = resolved.find((x) => x.mention.text === written);
        expect(r, written).toBeDefined();
        return r!;
      };
      const madiq = at('قلعة المضيق');
      const kafr = at('وكفرنبودة');
      const qasab = at('القصابية');
      expect(km(madiq, 35.41465, 36.39085)).toBeLessThan(10);
      expect(km(kafr, 35.43175, 36.49354)).toBeLessThan(10);
      expect(km(qasab, 35.46568, 36.49631)).toBeLessThan(10);
      expect(madiq.place.admin1).toBe('Hama');
      expect(kafr.place.admin1).toBe('Hama');
      // COD-AB puts al-Qasabiyah 1 km inside Idlib governorate (Khan Shaykhun sub-district),
      // though the seed's gold says Hama: the boundaries decide, not the test.
      expect(['Hama', 'Idleb']).toContain(qasab.place.admin1);
      for (const r of [madiq, kafr, qasab]) expect(r.geo_precision).toBe(1);
      expect(kafr.mention.clitic).toBe('و');
    });

    it('reads the written-together كفرنبودة and the spaced كفر نبودة alike', () => {
      const joined = mentionsOf('سيطرت القوات على كفرنبودة');
      const spaced = mentionsOf('سيطرت القوات على كفر نبودة');
      expect(joined[0]?.candidates[0]?.id).toBe('wof:1293184687');
      expect(spaced[0]?.candidates[0]?.id).toBe('wof:1293184687');
      expect(spaced[0]?.text).toBe('كفر نبودة');
    });

    it('resolves Idlib to the governorate or the city', () => {
      const [r] = resolve('المحادثات حول منع التصعيد في إدلب مستمرة');
      expect(r).toBeDefined();
      expect(['admin1', 'locality']).toContain(r!.place.kind);
      expect(r!.place.admin1).toBe('Idleb');
    });

    it('finds Moscow and Sochi in the world baseline, with Arabic names', () => {
      const [moscow] = resolve('لا يمكن لموسكو التغافل');
      expect(moscow?.place.country).toBe('RU');
      expect(moscow?.mention.clitic).toBe('ل');
      expect(km(moscow!, 55.7522, 37.6156)).toBeLessThan(10);
      const [sochi] = resolve('اتفاق سوتشي');
      expect(km(sochi!, 43.5853, 39.7231)).toBeLessThan(10);
    });
  });

  describe('English', () => {
    it('folds transliterations: Khan Shaykhun and Khan Sheikhoun are one place', () => {
      const a = resolve('Jets struck Khan Shaykhun on Monday.');
      const b = resolve('Jets struck Khan Sheikhoun on Monday.');
      expect(a[0]?.place.id).toBeDefined();
      expect(a[0]?.place.id).toBe(b[0]?.place.id);
      expect(km(a[0]!, 35.44, 36.65)).toBeLessThan(5);
    });

    it("reads Qalaat al-Madiq, Ma'arrat al-Nu'man and Jisr al-Shughur", () => {
      const r = resolve("Shelling hit Qalaat al-Madiq, Ma'arrat al-Nu'man and Jisr al-Shughur.");
      expect(r.map((x) => x.place.id)).toEqual(['wof:1276435799', expect.stringMatching(/^wof:/), expect.stringMatching(/^wof:/)]);
      expect(r[1]!.place.name).toMatch(/Nu'?man/);
      expect(r[2]!.place.name).toMatch(/Jisr/);
    });

    it('does not take English words for towns', () => {
      expect(mentionsOf('Police said the army will march on Monday and the Syrian president met Russian officials.')).toEqual([]);
    });
  });

  describe('context', () => {
    // الصالحية: 14 villages in WOF, in Homs, Aleppo, Hama, Idlib, Deir ez-Zor...
    it('resolves one ambiguous name differently in two contexts', () => {
      const east = resolve('قصفت قوات النظام بلدة الصالحية بريف دير الزور الشرقي');
      const north = resolve('قصفت قوات النظام بلدة الصالحية بريف حلب الشمالي');
      const salihiyah = (rs: ResolvedPlace[]): ResolvedPlace => rs.find((r) => r.mention.text === 'الصالحية')!;
      expect(salihiyah(east).mention.candidates.length).toBeGreaterThan(5);
      expect(salihiyah(east).place.admin1).toBe('Deir-ez-Zor');
      expect(salihiyah(north).place.admin1).toBe('Aleppo');
      expect(salihiyah(east).place.id).not.toBe(salihiyah(north).place.id);
    });

    it('uses the dateline when the text names no governorate', () => {
      const [homs] = resolve('قصفت قوات النظام بلدة الصالحية', 'حمص');
      const [hama] = resolve('قصفت قوات النظام بلدة الصالحية', 'حماة');
      expect(homs?.place.admin1).toBe('Homs');
      expect(hama?.place.admin1).toBe('Hama');
    });

    it('uses the other places of the document', () => {
      const r = resolve('تقدمت القوات من خان شيخون نحو الصالحية والتمانعة');
      const sal = r.find((x) => x.mention.text === 'الصالحية');
      expect(sal?.place.admin1).toBe('Idleb');
    });
  });

  describe('region phrases', () => {
    it('reads "ريف إدلب الجنوبي" as the southern Idlib countryside', () => {
      const [r] = resolve('غارات جوية على ريف إدلب الجنوبي');
      expect(r?.mention.region).toMatchObject({ kind: 'countryside', direction: 'south' });
      expect(r?.place.kind).toBe('admin1');
      expect(r?.place.admin1).toBe('Idleb');
      expect(r?.geo_precision).toBe(3);
    });

    it('shares the countryside of "ريفي حماة وإدلب" and reads "شمال غرب سوريا"', () => {
      const r = resolve('تصعيد في ريفي حماة وإدلب وفي شمال غرب سوريا');
      expect(r.map((x) => x.mention.region?.kind)).toEqual(['countryside', 'countryside', 'part']);
      expect(r[2]!.mention.region?.direction).toBe('north-west');
      expect(r[2]!.place.kind).toBe('country');
    });

    it('marks "near X" / "قرب X" / "بالقرب من X" with precision 2', () => {
      for (const text of ['اشتباكات قرب خان شيخون', 'اشتباكات بالقرب من خان شيخون', 'clashes near Khan Shaykhun']) {
        const [r] = resolve(text);
        expect(r?.mention.region?.kind, text).toBe('near');
        expect(r?.geo_precision, text).toBe(2);
      }
    });

    it('reads "northern Hama countryside"', () => {
      const [r] = resolve('fighting in the northern Hama countryside');
      expect(r?.mention.region).toMatchObject({ kind: 'countryside', direction: 'north' });
      expect(r?.place.kind).toBe('admin1');
    });
  });

  describe('common words', () => {
    it('finds no place in sentences full of words that are also village names', () => {
      for (const text of [
        'قال الشيخ إن الحياة في المدينة جديدة، وإن السلام والحرية هدف الثورة.',
        'فتح الباب أمام عين الحقيقة حول مستوى الحوار، وأكد الرئيس أن مجموعة من القوات الروسية في زيارة إلى الوزارة.',
        'وأضاف المتحدث باسم الحكومة أن الإدارة الجديدة ستعمل على الكشف عن حالات العنف خلال الأيام المقبلة بواسطة لجنة عسكرية.',
        'وكان المسؤول يتحدث دوماً عن درعاً واقية، ولم يعد ينقصه سوى برميل إضافي.',
        'التقى أبو محمد مع عبد الله ونصر الله في القصر الجمهوري بحضور محمد حسين.',
      ]) {
        expect(mentionsOf(text).map((m) => m.text), text).toEqual([]);
      }
    });

    it('still takes such a word as a name after a place word', () => {
      expect(mentionsOf('فتح الباب أمام الحل')).toEqual([]);
      const [town] = mentionsOf('سيطرت القوات على مدينة الباب');
      expect(town?.candidates[0]?.name).toMatch(/Bab/);
    });
  });

  describe('event locations and speed', () => {
    it('fills the event-format location', () => {
      const [r] = resolve('وتمكنت قوات الأسد من السيطرة على كفرنبودة');
      const loc = toEventLocation(r!);
      expect(loc).toMatchObject({ name: 'Kafr Nabudah', name_ar: 'كفر نبودة', admin1: 'Hama', country: 'SY', geo_precision: 1, gazetteer_id: 'wof:1293184687', text: 'كفرنبودة' });
      expect(loc.admin2).not.toBeNull();
    });

    it('finds and resolves the places of a 2,000-character Arabic page', () => {
      const body = readFileSync(join(repoRoot, '../shared/eval/seed/seed-article.txt'), 'utf8').slice(150, 2150);
      const tokens = tokenize(normaliseText(body));
      const mentions = findPlaceMentions(tokens, gaz, body);
      expect(mentions.length).toBeGreaterThan(10);
      expect(resolvePlaces(mentions, { dateline: 'إدلب', gazetteer: gaz }).length).toBeGreaterThan(10);
    });
  });

  describe('index tables and the hashed scan', () => {
    /** The lines of a match file by section, the last value of a key winning as in a Map. */
    const sections = (file: string): Map<string, Map<string, string>> => {
      const out = new Map<string, Map<string, string>>();
      let section: Map<string, string> | undefined;
      for (const line of readFileSync(join(gazetteerDir(home), file), 'utf8').split('\n')) {
        if (line.startsWith('#')) {
          const name = line.slice(1);
          if (!out.has(name)) out.set(name, new Map());
          section = out.get(name);
        } else if (line && section) {
          const tab = line.indexOf('\t');
          section.set(line.slice(0, tab), line.slice(tab + 1));
        }
      }
      return out;
    };
    const list = (value: string): number[] => value.split(',').map(Number);

    it('reads back every head and key of both match files', () => {
      const ar = sections('match-ar.tsv');
      const heads = [...ar.get('heads')!];
      const keys = [...ar.get('keys')!];
      expect(heads.length).toBeGreaterThan(10_000);
      for (const [head, value] of heads) expect(gaz.arabicHead(head), head).toBe(Number(value));
      for (const [key, value] of keys) expect(gaz.arabicKeyPlaces(key), key).toEqual(list(value));
      const latin = sections('match-latin.tsv');
      for (const [head, value] of latin.get('heads')!) expect(gaz.latinHead(head), head).toBe(Number(value));
      for (const [key, value] of latin.get('keys')!) expect(gaz.latinKeyPlaces(key), key).toEqual(list(value));
      for (const [key, value] of latin.get('exact')!) expect(gaz.latinExactPlaces(key), key).toEqual(list(value));
      expect(gaz.arabicHead('ليس-مفتاحا')).toBe(0);
      expect(gaz.arabicKeyPlaces('ليسمفتاحا')).toEqual([]);
    });

    it('finds by hash the heads and names the plain reading finds by string', () => {
      const seed = readFileSync(join(repoRoot, '../shared/eval/seed/seed-article.txt'), 'utf8');
      const tokens = tokenize(normaliseText(seed)).filter((t) => /^[\u0600-\u06ff]/.test(t.norm));
      let spans = 0;
      for (let i = 0; i < tokens.length; i++) {
        const word = tokens[i]!.norm;
        const bares: string[] = [];
        const clitics: string[] = [];
        const n = cliticReadingsInto(word, bares, clitics);
        const plain = bares
          .slice(0, n)
          .map((bare, k) => ({ bare, clitic: clitics[k]!, maxWords: gaz.arabicHead(bare) }))
          .filter((r) => r.maxWords);
        expect(gaz.arabicHeadReadings(word), word).toEqual(plain);
        for (const r of plain) {
          // The span of the reading and the next words, by hash and in place, against the string.
          const cut = word.length - r.bare.length + (r.clitic.endsWith('لل') ? 2 : 0);
          const at = r.clitic.endsWith('لل') ? ~cut : cut;
          let key = r.bare;
          for (let words = 1; words <= r.maxWords && i + words <= tokens.length; words++) {
            if (words > 1) key += tokens[i + words - 1]!.norm;
            const id = gaz.arabicSpanKey(arabicKeyHash(key), word, at, tokens, i + 1, words - 1);
            const places = gaz.arabicKeyPlaces(key);
            expect(id >= 0, key).toBe(places.length > 0);
            if (id >= 0) {
              expect(gaz.arabicKey(id)).toBe(key);
              expect(gaz.arabicKeyIdPlaces(id)).toBe(places);
              spans++;
            }
          }
        }
      }
      expect(spans).toBeGreaterThan(20);
    });

    it('sorts a list of candidates once, and hands out a copy', () => {
      const ns = gaz.arabicKeyPlaces(arabicNameWords('تلكلخ').join(''));
      expect(ns.length).toBeGreaterThan(1);
      const a = gaz.placesByPrior(ns);
      const b = gaz.placesByPrior(ns);
      expect(a).toEqual(sortByPrior(gaz.places(ns)));
      expect(b).toEqual(a);
      expect(b).not.toBe(a);
    });
  });

  describe('marsad data', () => {
    const run = async (...args: string[]): Promise<void> => {
      const program = new Command().exitOverride();
      registerDataCommand(program);
      await program.parseAsync(['node', 'marsad', 'data', ...args]);
    };

    it('names the missing source folder', async () => {
      await expect(run('import', join(home, 'missing'), '--home', home, '--no-progress')).rejects.toThrow(/no such folder/);
      await expect(run('import', join(repoRoot, '..', 'shared'), '--home', home, '--no-progress')).rejects.toThrow(/missing wof-sy/);
    });

    it('reports what the index holds', async () => {
      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => (out.push(chunk), true)) as typeof process.stdout.write;
      try {
        await run('info', '--home', home);
      } finally {
        process.stdout.write = write;
      }
      expect(JSON.parse(out.join('')).counts.admin1).toBe(14);
      expect(existsSync(join(gazetteerDir(home), 'places.jsonl'))).toBe(true);
    });
  });
});
