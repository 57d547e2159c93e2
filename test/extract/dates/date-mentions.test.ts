import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findDateMentions, type DateMention } from '../../../src/extract/dates/date-mentions.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

/** A Wednesday. */
const PUB = '2019-06-05';

interface Seen {
  text: string;
  kind: DateMention['kind'];
  date: string;
  precision: number;
  future?: true;
}

function dates(text: string, published: string | null = PUB, withNorm = true): Seen[] {
  const nt = normaliseText(text);
  return findDateMentions(tokenize(nt), published, withNorm ? nt.norm : undefined).map((m) => ({
    text: text.slice(m.start, m.end),
    kind: m.kind,
    date: m.date.start === m.date.end ? m.date.start : `${m.date.start}..${m.date.end}`,
    precision: m.date.precision,
    ...(m.future ? { future: true as const } : {}),
  }));
}

/** [text, the one mention expected: matched words, kind, date or start..end, precision] */
type Case = [string, string, DateMention['kind'], string, number];

const ARABIC: Case[] = [
  // the seed's two dates
  ['وقالت زاخروفا، الأربعاء 5 يونيو / حزيران إن بلادها', 'الأربعاء 5 يونيو / حزيران', 'point', '2019-06-05', 1],
  ['حملة تصعيد منذ 26 نيسان / أبريل الماضي.', 'منذ 26 نيسان / أبريل الماضي', 'since', '2019-04-26..2019-06-05', 3],
  // absolute, both month series, with and without a year
  ['قتل في 5 حزيران/يونيو مدنيان', '5 حزيران/يونيو', 'point', '2019-06-05', 1],
  ['في 26 نيسان / أبريل الماضي', '26 نيسان / أبريل الماضي', 'point', '2019-04-26', 1],
  ['يوم 3 حزيران (يونيه)', 'يوم 3 حزيران (يونيه', 'point', '2019-06-03', 1],
  ['في 14 تموز/يوليه 2018', '14 تموز/يوليه 2018', 'point', '2018-07-14', 1],
  ['في 10 كانون الثاني/يناير', '10 كانون الثاني/يناير', 'point', '2019-01-10', 1],
  ['في 20 تشرين الأول الماضي', '20 تشرين الأول الماضي', 'point', '2018-10-20', 1],
  ['في 7 آب/أغسطس', '7 آب/أغسطس', 'point', '2018-08-07', 1],
  ['بتاريخ ٢٦ إبريل', '٢٦ إبريل', 'point', '2019-04-26', 1],
  ['في الخامس من حزيران', 'الخامس من حزيران', 'point', '2019-06-05', 1],
  ['في الحادي عشر من أيار', 'الحادي عشر من أيار', 'point', '2019-05-11', 1],
  ['في الـ29 من آذار الماضي', 'الـ29 من آذار الماضي', 'point', '2019-03-29', 1],
  ['صدر في 5/6/2019 بيان', '5/6/2019', 'point', '2019-06-05', 1],
  ['صدر في 2019-06-03 بيان', '2019-06-03', 'point', '2019-06-03', 1],
  // month only: the month, precision 3; the current month ends at publication
  ['في أيار الماضي', 'أيار الماضي', 'point', '2019-05-01..2019-05-31', 3],
  ['خلال شهر آذار', 'شهر آذار', 'point', '2019-03-01..2019-03-31', 3],
  ['في حزيران', 'حزيران', 'point', '2019-06-01..2019-06-05', 3],
  ['في أواخر أيار', 'أواخر أيار', 'point', '2019-05-21..2019-05-31', 3],
  ['في شباط من العام الماضي', 'شباط من العام الماضي', 'point', '2018-02-01..2018-02-28', 3],
  // relative days
  ['قصفت الطائرات أمس البلدة', 'أمس', 'point', '2019-06-04', 1],
  ['وبالأمس قتل', 'وبالأمس', 'point', '2019-06-04', 1],
  ['قصف البارحة', 'البارحة', 'point', '2019-06-04', 1],
  ['قصف أول أمس', 'أول أمس', 'point', '2019-06-03', 1],
  ['قصف أول من أمس', 'أول من أمس', 'point', '2019-06-03', 1],
  ['قصف أمس الأول', 'أمس الأول', 'point', '2019-06-03', 1],
  ['قال اليوم إن', 'اليوم', 'point', '2019-06-05', 1],
  ['صباح اليوم', 'صباح اليوم', 'point', '2019-06-05', 1],
  ['مساء أمس', 'مساء أمس', 'point', '2019-06-04', 1],
  ['قال أمس الثلاثاء إن', 'أمس الثلاثاء', 'point', '2019-06-04', 1],
  ['يوم أمس', 'يوم أمس', 'point', '2019-06-04', 1],
  // weekdays: on or before publication, strictly before with الماضي
  ['قصف الثلاثاء', 'الثلاثاء', 'point', '2019-06-04', 1],
  ['قصف يوم الخميس', 'يوم الخميس', 'point', '2019-05-30', 1],
  ['الأربعاء قال', 'الأربعاء', 'point', '2019-06-05', 1],
  ['الأربعاء الماضي', 'الأربعاء الماضي', 'point', '2019-05-29', 1],
  ['فجر الثلاثاء', 'فجر الثلاثاء', 'point', '2019-06-04', 1],
  ['ليلة السبت-الأحد', 'ليلة السبت-الأحد', 'point', '2019-06-01..2019-06-02', 2],
  ['ليلة الجمعة', 'ليلة الجمعة', 'point', '2019-05-30..2019-05-31', 2],
  ['ليلة أمس', 'ليلة أمس', 'point', '2019-06-04..2019-06-05', 2],
  ['يومي السبت والأحد', 'يومي السبت والأحد', 'range', '2019-06-01..2019-06-02', 2],
  // stretches before publication
  ['الأسبوع الماضي', 'الأسبوع الماضي', 'point', '2019-05-29..2019-06-04', 2],
  ['الشهر الماضي', 'الشهر الماضي', 'point', '2019-05-01..2019-05-31', 3],
  ['العام الماضي', 'العام الماضي', 'point', '2018-01-01..2018-12-31', 3],
  ['خلال الأيام الماضية', 'الأيام الماضية', 'point', '2019-05-30..2019-06-05', 2],
  ['في الأيام القليلة الأخيرة', 'الأيام القليلة الأخيرة', 'point', '2019-05-30..2019-06-05', 2],
  ['خلال الـ24 ساعة الماضية', 'الـ24 ساعة الماضية', 'point', '2019-06-04..2019-06-05', 2],
  ['خلال اليومين الماضيين', 'اليومين الماضيين', 'point', '2019-06-03..2019-06-05', 2],
  ['مطلع الشهر الجاري', 'مطلع الشهر الجاري', 'point', '2019-06-01..2019-06-05', 3],
  // ago
  ['منذ ثلاثة أيام', 'منذ ثلاثة أيام', 'point', '2019-06-02', 1],
  ['قبل يومين', 'قبل يومين', 'point', '2019-06-03', 1],
  ['منذ 10 أيام', 'منذ 10 أيام', 'point', '2019-05-26', 1],
  ['قبل أسبوع', 'قبل أسبوع', 'point', '2019-05-26..2019-06-01', 2],
  // since, until, range
  ['منذ الأربعاء الماضي', 'منذ الأربعاء الماضي', 'since', '2019-05-29..2019-06-05', 2],
  ['منذ مطلع أيار', 'منذ مطلع أيار', 'since', '2019-05-01..2019-06-05', 3],
  ['منذ 26 نيسان وحتى اليوم', 'منذ 26 نيسان وحتى اليوم', 'since', '2019-04-26..2019-06-05', 3],
  ['منذ عام 2011', 'منذ عام 2011', 'since', '2011-01-01..2019-06-05', 3],
  ['منذ بداية العام', 'منذ بداية العام', 'since', '2019-01-01..2019-06-05', 3],
  ['حتى 3 حزيران', 'حتى 3 حزيران', 'until', '2019-06-03', 1],
  ['من 1 إلى 4 حزيران', 'من 1 إلى 4 حزيران', 'range', '2019-06-01..2019-06-04', 2],
  ['بين 26 نيسان و3 حزيران', 'بين 26 نيسان و3 حزيران', 'range', '2019-04-26..2019-06-03', 3],
  ['في 3-4 حزيران', '3-4 حزيران', 'range', '2019-06-03..2019-06-04', 2],
  ['منذ أيار وحتى أيلول', 'منذ أيار وحتى أيلول', 'range', '2018-05-01..2018-09-30', 3],
  ['في عام 2018', 'عام 2018', 'point', '2018-01-01..2018-12-31', 3],
  ['مطلع العام 2012', 'مطلع العام 2012', 'point', '2012-01-01..2012-04-30', 3],
];

const ENGLISH: Case[] = [
  ['on Wednesday, June 5, 2019', 'Wednesday, June 5, 2019', 'point', '2019-06-05', 1],
  ['on June 3', 'June 3', 'point', '2019-06-03', 1],
  ['on 3rd June', '3rd June', 'point', '2019-06-03', 1],
  ['on 5 June', '5 June', 'point', '2019-06-05', 1],
  ['on Sept. 4, 2018', 'Sept. 4, 2018', 'point', '2018-09-04', 1],
  ['a few days ago', 'a few days ago', 'point', '2019-05-30..2019-06-04', 2],
  ['in May', 'May', 'point', '2019-05-01..2019-05-31', 3],
  ['in late May', 'late May', 'point', '2019-05-21..2019-05-31', 3],
  ['at the end of May', 'end of May', 'point', '2019-05-21..2019-05-31', 3],
  ['on 2019-06-05', '2019-06-05', 'point', '2019-06-05', 1],
  ['yesterday', 'yesterday', 'point', '2019-06-04', 1],
  ['yesterday morning', 'yesterday morning', 'point', '2019-06-04', 1],
  ['the day before yesterday', 'day before yesterday', 'point', '2019-06-03', 1],
  ['today', 'today', 'point', '2019-06-05', 1],
  ['on Tuesday', 'Tuesday', 'point', '2019-06-04', 1],
  ['last Wednesday', 'last Wednesday', 'point', '2019-05-29', 1],
  ['last week', 'last week', 'point', '2019-05-29..2019-06-04', 2],
  ['last month', 'last month', 'point', '2019-05-01..2019-05-31', 3],
  ['three days ago', 'three days ago', 'point', '2019-06-02', 1],
  ['a week ago', 'a week ago', 'point', '2019-05-26..2019-06-01', 2],
  ['in recent days', 'recent days', 'point', '2019-05-30..2019-06-05', 2],
  ['over the past 24 hours', 'past 24 hours', 'point', '2019-06-04..2019-06-05', 2],
  ['last night', 'last night', 'point', '2019-06-04..2019-06-05', 2],
  ['since 26 April', 'since 26 April', 'since', '2019-04-26..2019-06-05', 3],
  ['since Monday', 'since Monday', 'since', '2019-06-03..2019-06-05', 2],
  ['until June 1', 'until June 1', 'until', '2019-06-01', 1],
  ['from May 1 to May 5', 'from May 1 to May 5', 'range', '2019-05-01..2019-05-05', 2],
  ['between 1 and 4 June', 'between 1 and 4 June', 'range', '2019-06-01..2019-06-04', 2],
  ['on June 3-4', 'June 3-4', 'range', '2019-06-03..2019-06-04', 2],
];

describe('findDateMentions', () => {
  for (const [label, cases] of [['Arabic', ARABIC], ['English', ENGLISH]] as const) {
    describe(label, () => {
      it.each(cases)('%s', (text, words, kind, date, precision) => {
        expect(dates(text)).toEqual([{ text: words, kind, date, precision }]);
      });
    });
  }

  it('keeps future dates but marks them', () => {
    expect(dates('الخميس المقبل')).toEqual([
      { text: 'الخميس المقبل', kind: 'point', date: '2019-06-06', precision: 1, future: true },
    ]);
    expect(dates('في حزيران المقبل')).toEqual([
      { text: 'حزيران المقبل', kind: 'point', date: '2020-06-01..2020-06-30', precision: 3, future: true },
    ]);
    expect(dates('غداً')[0]).toMatchObject({ date: '2019-06-06', future: true });
    expect(dates('next week')[0]).toMatchObject({ date: '2019-06-06..2019-06-12', future: true });
  });

  it('reads "قبل يوم الأربعاء" as before Wednesday, not as a day ago', () => {
    expect(dates('ستنفجر قبل يوم الأربعاء').map((d) => d.text)).toEqual(['يوم الأربعاء']);
    expect(dates('انفجرت قبل يوم')).toEqual([{ text: 'قبل يوم', kind: 'point', date: '2019-06-04', precision: 1 }]);
  });

  it('places a date without a year in the most recent year not after publication', () => {
    expect(dates('في 20 حزيران')[0]!.date).toBe('2018-06-20');
    expect(dates('في 20 كانون الأول', '2019-01-10')[0]!.date).toBe('2018-12-20');
    expect(dates('في أيار الماضي', '2019-05-20')[0]!.date).toBe('2018-05-01..2018-05-31');
    expect(dates('في 29 شباط', '2019-06-05')).toEqual([]); // no such day in 2019
  });

  it('reads every kind of text as the same mentions in one pass', () => {
    const found = dates('قتل أمس 3 مدنيين، وقال الأربعاء 5 يونيو / حزيران إن الحملة مستمرة منذ 26 نيسان / أبريل الماضي.');
    expect(found.map((f) => [f.text, f.kind])).toEqual([
      ['أمس', 'point'],
      ['الأربعاء 5 يونيو / حزيران', 'point'],
      ['منذ 26 نيسان / أبريل الماضي', 'since'],
    ]);
  });

  describe('without a publication date', () => {
    it('returns absolute dates with a year, and nothing relative or yearless', () => {
      expect(dates('في 5 حزيران 2019 وأمس والأربعاء و5 حزيران', null)).toEqual([
        { text: '5 حزيران 2019', kind: 'point', date: '2019-06-05', precision: 1 },
      ]);
      expect(dates('منذ ثلاثة أيام، الأسبوع الماضي، yesterday', null)).toEqual([]);
    });
  });

  describe('negatives', () => {
    it.each([
      ['نشرت تركيا 12 نقطة مراقبة'],
      ['بعمق 15 كيلومتراً'],
      ['2018'],
      ['نكسة حزيران'],
      ['مارس الضغط على الحكومة'],
      ['وجاء في اليوم التالي'],
      ['في ذلك اليوم'],
      ['قوى 14 آذار'],
      ['He may go'],
      ['a march on the capital'],
      ['قتل 5 و 6 أشخاص'],
    ])('%s', (text) => {
      expect(dates(text)).toEqual([]);
    });
  });

  it('needs the text to tell "5/6/2019" only when the tokens are not one character apart', () => {
    expect(dates('5/6/2019', PUB, false)[0]!.date).toBe('2019-06-05');
    expect(dates('5 / 6 / 2019', PUB, true)[0]!.date).toBe('2019-06-05');
    expect(dates('5 / 6 / 2019', PUB, false)).toEqual([]);
  });

  it('rejects a publication date that is not YYYY-MM-DD, naming it', () => {
    const tokens = tokenize(normaliseText('أمس'));
    expect(() => findDateMentions(tokens, '5 June 2019')).toThrow(/publication date.*"5 June 2019"/);
    expect(() => findDateMentions(tokens, '2019-02-30')).toThrow(/2019-02-30/);
  });

  it('maps mentions back to original offsets through harakat and Eastern digits', () => {
    const text = 'قُتِلَ مدنيّان مساءَ أمسِ، وفي ٢٦ نيسانَ';
    const found = dates(text);
    expect(found.map((f) => f.text)).toEqual(['مساءَ أمسِ', '٢٦ نيسانَ']);
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seedPath = path.resolve(repoRoot, '../shared/eval/seed/seed-article.txt');
const hasShared = existsSync(seedPath);
if (!hasShared) console.warn(`SKIPPED seed date tests: ${seedPath} is missing`);

describe.skipIf(!hasShared)('the seed article', () => {
  it('gives the statement day and the campaign since 26 April', () => {
    const found = dates(readFileSync(seedPath, 'utf8'));
    expect(found).toContainEqual({ text: 'الأربعاء 5 يونيو / حزيران', kind: 'point', date: '2019-06-05', precision: 1 });
    expect(found).toContainEqual({ text: 'منذ 26 نيسان / أبريل الماضي', kind: 'since', date: '2019-04-26..2019-06-05', precision: 3 });
    expect(found).toHaveLength(2);
  });
});
