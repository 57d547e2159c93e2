import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysInMonth, isoOfDay, parseIsoDay, weekdayOf } from '../../../src/extract/dates/calendar.js';

describe('calendar', () => {
  it.each([
    ['2019-06-05', 3], // Wednesday
    ['2024-06-05', 3],
    ['1970-01-01', 4],
    ['2000-02-29', 2],
    ['1969-12-31', 3],
  ])('weekdayOf(%s) = %i', (iso, wd) => {
    expect(weekdayOf(iso)).toBe(wd);
  });

  it('adds days across months, years and leap days in UTC', () => {
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2018-12-31', 1)).toBe('2019-01-01');
    expect(daysBetween('2019-04-26', '2019-06-05')).toBe(40);
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2019, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2019, 4)).toBe(30);
  });

  it('round-trips day numbers and rejects dates that do not exist', () => {
    const n = parseIsoDay('2019-06-05')!;
    expect(isoOfDay(n)).toBe('2019-06-05');
    expect(parseIsoDay('2019-02-29')).toBeNull();
    expect(parseIsoDay('2019-6-5')).toBeNull();
    expect(() => weekdayOf('June 5')).toThrow(/weekdayOf.*"June 5"/);
  });
});

describe('isoOfDay', () => {
  it('agrees with Date for every day from 1900 to 2100', () => {
    const first = parseIsoDay('1900-01-01')!;
    const last = parseIsoDay('2100-12-31')!;
    const wrong: string[] = [];
    for (let n = first; n <= last; n++) {
      const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (isoOfDay(n) !== expected) wrong.push(expected);
    }
    expect(wrong).toEqual([]);
  });
});
