import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextHeader, type TextHeader } from '../../src/ingest/text-header.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const seedDir = resolve(repoRoot, '../shared/eval/seed');
const hasShared = existsSync(join(seedDir, 'seed-gold.json'));
if (!hasShared) console.warn(`SKIPPING seed header test: ${seedDir} is missing`);

const header = (t: string): Omit<TextHeader, 'headerEnd'> => {
  const { headerEnd: _, ...rest } = readTextHeader(t);
  return rest;
};
const none = { title: null, dateline: null, source: null, byline: null, published: null };

describe.skipIf(!hasShared)('readTextHeader on the seed page', () => {
  it('finds the gold title, dateline, source and byline, and where the body starts', () => {
    const text = readFileSync(join(seedDir, 'seed-article.txt'), 'utf8');
    const gold = JSON.parse(readFileSync(join(seedDir, 'seed-gold.json'), 'utf8')) as {
      doc: { title: string; dateline: string; source: string; byline: string };
    };
    const h = readTextHeader(text);
    expect(h.title).toBe(gold.doc.title);
    expect(h.dateline).toBe(gold.doc.dateline);
    expect(h.source).toBe(gold.doc.source);
    expect(h.byline).toBe(gold.doc.byline);
    // "Wednesday 5 June" in the body has no year: not a publication date.
    expect(h.published).toBeNull();
    expect(text.slice(h.headerEnd).startsWith('أكدت الخارجية الروسية')).toBe(true);
  });
});

describe('readTextHeader header styles', () => {
  it('Arabic: place, unlisted outlet, dash, byline', () => {
    expect(header('اشتباكات في ريف حلب الغربي\n\nالأتارب شبكة الشمال – سليم حداد\n\nاندلعت اشتباكات عنيفة.')).toEqual({
      ...none, title: 'اشتباكات في ريف حلب الغربي', dateline: 'الأتارب', source: 'شبكة الشمال', byline: 'سليم حداد',
    });
  });

  it('Arabic: place - agency initials', () => {
    expect(header('غارات على أطراف المدينة\nبيروت - ا ف ب\nقالت مصادر إن الغارات استمرت.')).toEqual({
      ...none, title: 'غارات على أطراف المدينة', dateline: 'بيروت', source: 'ا ف ب',
    });
    expect(header('غارات على أطراف المدينة\nبيروت - أ.ف.ب\nقالت مصادر إن الغارات استمرت.').source).toBe('أ.ف.ب');
  });

  it('Arabic: place/ agency and place-agency', () => {
    expect(header('افتتاح جسر جديد\nدمشق/ سانا\nافتتحت وزارة النقل جسرا.')).toEqual({ ...none, title: 'افتتاح جسر جديد', dateline: 'دمشق', source: 'سانا' });
    expect(header('افتتاح جسر جديد\nحمص-سانا\nافتتحت وزارة النقل جسرا.')).toEqual({ ...none, title: 'افتتاح جسر جديد', dateline: 'حمص', source: 'سانا' });
  });

  it('Arabic: place (agency) - opening the first paragraph', () => {
    const t = 'القاهرة (رويترز) - قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل بعد توقف دام شهرا كاملا بسبب الخلافات حول آلية المراقبة.';
    const h = readTextHeader(t);
    expect(h).toMatchObject({ title: null, dateline: 'القاهرة', source: 'رويترز' });
    expect(t.slice(h.headerEnd).startsWith('قال مسؤولون')).toBe(true);
  });

  it('Arabic: region prefix and suffix belong to the dateline place; a known outlet after the dash is the source', () => {
    expect(header('قصف متجدد\nريف إدلب الجنوبي – عنب بلدي\nتعرضت البلدة لقصف.')).toMatchObject({
      dateline: 'ريف إدلب الجنوبي', source: 'عنب بلدي', byline: null,
    });
  });

  it('English: PLACE (Reuters) - on its own line', () => {
    expect(header('Syrian forces retake town\n\nDAMASCUS (Reuters) -\n\nSyrian government forces took the town.')).toEqual({
      ...none, title: 'Syrian forces retake town', dateline: 'DAMASCUS', source: 'Reuters',
    });
  });

  it('English: Place, Month Day (AP) —, with a year giving the date', () => {
    expect(header('Shelling continues\nLondon, June 5 (AP) —\nThe shelling continued.')).toEqual({
      ...none, title: 'Shelling continues', dateline: 'London', source: 'AP',
    });
    expect(header('Shelling continues\nBEIRUT, Lebanon, June 5, 2019 (AFP) -\nThe shelling continued.')).toEqual({
      ...none, title: 'Shelling continues', dateline: 'BEIRUT', source: 'AFP', published: '2019-06-05',
    });
  });

  it('English: inline wire dateline with no title line', () => {
    const t = 'ANKARA (Anadolu Agency) - Turkish officials said on Wednesday that the observation posts would remain in place despite the offensive.';
    const h = readTextHeader(t);
    expect(h).toMatchObject({ title: null, dateline: 'ANKARA', source: 'Anadolu Agency' });
    expect(t.slice(h.headerEnd)).toMatch(/^Turkish officials/);
  });

  it('English: a By line with an agency, then the dateline in the paragraph', () => {
    const t = 'Strikes hit villages\nBy JOHN SMITH, Associated Press\nIDLIB, Syria (AP) — Air strikes hit villages.';
    const h = readTextHeader(t);
    expect(h).toMatchObject({ title: 'Strikes hit villages', byline: 'JOHN SMITH', source: 'Associated Press', dateline: 'IDLIB' });
    expect(t.slice(h.headerEnd)).toBe('Air strikes hit villages.');
  });

  it('a dated line and an exclusive marker are header lines', () => {
    const t = 'غارات على معرة النعمان\nالأربعاء 5 حزيران/يونيو 2019\nحلب – خاص\nشنت طائرات حربية غارات.';
    const h = readTextHeader(t);
    expect(h).toMatchObject({ title: 'غارات على معرة النعمان', dateline: 'حلب', byline: null, published: '2019-06-05' });
    expect(t.slice(h.headerEnd)).toBe('شنت طائرات حربية غارات.');
  });

  it('an unlisted place is taken from a clean line shape', () => {
    expect(header('عنوان الخبر هنا\nكفرزيتا – أحمد محمد\nتعرضت المدينة لقصف.')).toMatchObject({ dateline: 'كفرزيتا', byline: 'أحمد محمد' });
  });
});

describe('readTextHeader leaves non-headers alone', () => {
  it('no title when the first line is a sentence', () => {
    const h = readTextHeader('Government forces shelled the town on Monday.\nResidents fled.');
    expect(h).toEqual({ ...none, headerEnd: 0 });
  });

  it('a subtitle without a separator is not a dateline', () => {
    expect(header('معارك عنيفة في الشمال\nحلب تحت القصف مجددا\nتعرضت المدينة لقصف.')).toEqual({ ...none, title: 'معارك عنيفة في الشمال' });
  });

  it('a numeric date line is not read as place and source', () => {
    expect(header('القصف يتواصل\nالأربعاء 5/6/2019\nتعرضت المدينة لقصف.')).toEqual({ ...none, title: 'القصف يتواصل', published: '2019-06-05' });
  });

  it('a body paragraph that starts with a place and a dash is not a dateline', () => {
    const t = 'عنوان الخبر\nدمشق - قالت وزارة الخارجية في بيان إن الوفد سيتوجه إلى جنيف الأسبوع المقبل لحضور جولة جديدة من المحادثات.';
    expect(header(t)).toEqual({ ...none, title: 'عنوان الخبر' });
  });

  it('a first line shaped "place – words" is a headline unless it names an agency', () => {
    expect(header('سوريا – اشتباكات عنيفة في إدلب\nقال ناشطون إن الاشتباكات استمرت.')).toEqual({ ...none, title: 'سوريا – اشتباكات عنيفة في إدلب' });
    expect(header('دمشق – سانا\nافتتحت وزارة النقل جسرا.')).toEqual({ ...none, dateline: 'دمشق', source: 'سانا' });
  });

  it('a one-line text has no header', () => {
    expect(readTextHeader('Just one line')).toEqual({ ...none, headerEnd: 0 });
  });
});
