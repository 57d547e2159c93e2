import { describe, expect, it } from 'vitest';
import { ARABIC_MONTHS, ENGLISH_MONTHS } from '../../src/ingest/months.js';
import {
  dateFromMetadata,
  dateFromText,
  dateFromUrl,
  findTextDate,
  readDatedLine,
  resolvePublished,
} from '../../src/ingest/published-date.js';
import { normalise } from '../../src/text/normalise.js';

describe('month tables', () => {
  it('key Levantine and Egyptian Arabic names by their normalised form', () => {
    expect(ARABIC_MONTHS.get(normalise('كانون الثاني'))).toBe(1);
    expect(ARABIC_MONTHS.get(normalise('آذار'))).toBe(3);
    expect(ARABIC_MONTHS.get(normalise('إبريل'))).toBe(4);
    expect(ARABIC_MONTHS.get(normalise('أبريل'))).toBe(4);
    expect(ARABIC_MONTHS.get(normalise('آب'))).toBe(8);
    expect(ARABIC_MONTHS.get(normalise('تشرين الأول'))).toBe(10);
    expect(ARABIC_MONTHS.get(normalise('يونيه'))).toBe(6);
    expect(ARABIC_MONTHS.get(normalise('كانون الأول'))).toBe(12);
  });

  it('cover all twelve months in each system', () => {
    expect(new Set(ARABIC_MONTHS.values()).size).toBe(12);
    expect(new Set(ENGLISH_MONTHS.values()).size).toBe(12);
    expect(ENGLISH_MONTHS.get('sept')).toBe(9);
  });
});

describe('findTextDate', () => {
  const find = (s: string) => {
    const d = findTextDate(normalise(s));
    return d && [d.year, d.month, d.day];
  };

  it('reads Arabic day-month-year with either month system and Eastern digits', () => {
    expect(find('5 يونيو 2019')).toEqual([2019, 6, 5]);
    expect(find('الأربعاء 5 حزيران/يونيو 2019')).toEqual([2019, 6, 5]);
    expect(find('الأربعاء ٥ حزيران (يونيو) ٢٠١٩')).toEqual([2019, 6, 5]);
    expect(find('منذ 26 نيسان / أبريل الماضي')).toEqual([null, 4, 26]);
    expect(find('في 17 أيلول عام 2018')).toEqual([2018, 9, 17]);
    expect(find('1 كانون الثاني 2020')).toEqual([2020, 1, 1]);
  });

  it('reads English and numeric forms', () => {
    expect(find('June 5, 2019')).toEqual([2019, 6, 5]);
    expect(find('5th of June 2019')).toEqual([2019, 6, 5]);
    expect(find('Sept. 17 2018')).toEqual([2018, 9, 17]);
    expect(find('2019-06-05')).toEqual([2019, 6, 5]);
    expect(find('05/06/2019')).toEqual([2019, 6, 5]);
  });

  it('rejects dates that cannot exist and month-year without a day', () => {
    expect(find('31 June 2019')).toBeNull();
    expect(find('29 شباط 2019')).toBeNull();
    expect(find('29 شباط 2020')).toEqual([2020, 2, 29]);
    expect(find('June 2019')).toBeNull();
    expect(find('حزيران 2019')).toBeNull();
  });
});

describe('dateFromMetadata', () => {
  it('keeps the publisher’s calendar day of an ISO timestamp', () => {
    expect(dateFromMetadata('2019-06-05T23:30:00-05:00')).toBe('2019-06-05');
    expect(dateFromMetadata('20190605')).toBe('2019-06-05');
  });
  it('reads RFC 2822 and written dates', () => {
    expect(dateFromMetadata('Wed, 05 Jun 2019 10:00:00 GMT')).toBe('2019-06-05');
    expect(dateFromMetadata('5 حزيران 2019')).toBe('2019-06-05');
  });
  it('returns null without a full date', () => {
    expect(dateFromMetadata('yesterday')).toBeNull();
    expect(dateFromMetadata('5 June')).toBeNull();
    expect(dateFromMetadata('2019-13-01')).toBeNull();
    expect(dateFromMetadata(null)).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it('reads path, compact and dashed dates', () => {
    expect(dateFromUrl('https://example.org/2019/06/05/idlib-talks/')).toBe('2019-06-05');
    expect(dateFromUrl('https://example.org/news/20190605/idlib')).toBe('2019-06-05');
    expect(dateFromUrl('https://example.org/news/idlib-2019-06-05.html')).toBe('2019-06-05');
  });
  it('ignores article ids, month-only paths and host names', () => {
    expect(dateFromUrl('https://example.org/article/201906051234')).toBeNull();
    expect(dateFromUrl('https://example.org/2019/06/idlib')).toBeNull();
    expect(dateFromUrl('https://20190605.example.org/x')).toBeNull();
    expect(dateFromUrl(null)).toBeNull();
  });
});

describe('dateFromText', () => {
  it('takes a dated line near the top', () => {
    expect(dateFromText('عنوان الخبر\nالأربعاء 5 حزيران/يونيو 2019\nنص الخبر.')).toBe('2019-06-05');
    expect(dateFromText('Headline\nPublished: June 5, 2019 10:30 GMT\nBody.')).toBe('2019-06-05');
  });
  it('takes the date of a wire dateline that opens a paragraph', () => {
    const para = 'DAMASCUS, June 5, 2019 (Reuters) - ' + 'Syrian forces pressed on with their offensive. '.repeat(4);
    expect(dateFromText(`Headline\n${para}`)).toBe('2019-06-05');
  });
  it('does not take a date without a year, or a date inside a body sentence', () => {
    expect(dateFromText('عنوان\nالأربعاء 5 يونيو / حزيران\nنص.')).toBeNull();
    const sentence = 'وكانت روسيا وتركيا قد توصلتا إلى اتفاق سوتشي في 17 أيلول 2018 بعد قمة جمعت الرئيسين في المنتجع الروسي المطل على البحر الأسود.';
    expect(dateFromText(`عنوان\n${sentence}`)).toBeNull();
  });
  it('reads a dated line only when it is mostly a date', () => {
    expect(readDatedLine('Updated on Wednesday 5 June 2019')).toEqual({ date: '2019-06-05' });
    expect(readDatedLine('الأربعاء 5 يونيو')).toEqual({ date: null });
    expect(readDatedLine('the two armies agreed to hold their positions on 5 June 2019 near the town')).toBeNull();
  });
});

describe('resolvePublished', () => {
  it('prefers override, then metadata, then URL, then text', () => {
    const all = { override: '2020-01-01', metadata: '2019-06-05T10:00:00Z', url: 'https://x.test/2018/02/03/a', text: 'T\n4 May 2017\nBody' };
    expect(resolvePublished(all)).toEqual({ date: '2020-01-01', from: 'override' });
    expect(resolvePublished({ ...all, override: null })).toEqual({ date: '2019-06-05', from: 'metadata' });
    expect(resolvePublished({ ...all, override: null, metadata: 'garbage' })).toEqual({ date: '2018-02-03', from: 'url' });
    expect(resolvePublished({ text: all.text })).toEqual({ date: '2017-05-04', from: 'text' });
    expect(resolvePublished({})).toBeNull();
  });
});
