import { describe, expect, it } from 'vitest';
import { normaliseControl, normaliseEscalation, queryString } from '../../src/web/src/api.js';
import { segmentText } from '../../src/web/src/evidence.js';
import { incidentQuery, readState, writeState } from '../../src/web/src/url-state.js';

/** The dashboard's pure parts, without a browser. */

describe('segmentText (evidence marks)', () => {
  it('marks UTF-16 spans in Arabic text, merging overlaps and ignoring spans outside the text', () => {
    const text = 'قصفت قوات النظام مدينة معرة النعمان 😀 يوم الأربعاء';
    const a = text.indexOf('قصفت');
    const b = text.indexOf('مدينة');
    const emoji = text.indexOf('😀');
    const segs = segmentText(text, [
      { start: a, end: a + 4 },
      { start: a + 2, end: a + 9 }, // overlaps the first
      { start: b, end: b + 5 },
      { start: emoji, end: emoji + 2 }, // a surrogate pair is two UTF-16 units
      { start: 5, end: 5 }, // empty
      { start: text.length - 1, end: text.length + 10 }, // past the end
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.marked).map((s) => s.text)).toEqual([text.slice(a, a + 9), 'مدينة', '😀']);
  });

  it('gives the whole text unmarked when there is no evidence', () => {
    expect(segmentText('no spans', [])).toEqual([{ text: 'no spans', marked: false }]);
  });
});

describe('the view in the URL', () => {
  it('round-trips filters, language, tab and selection', () => {
    const s = readState('?lang=ar&tab=agreement&type=Battles,Protests&grade=confirmed&actor=hts&admin1=Idleb&text=%D9%82%D8%B5%D9%81&from=2019-05-01&to=2019-05-31&date=2019-05-20&incident=inc-1', 'en');
    expect(s).toMatchObject({
      lang: 'ar', tab: 'agreement', types: ['Battles', 'Protests'], grades: ['confirmed'], actor: 'hts', admin1: 'Idleb',
      text: 'قصف', from: '2019-05-01', to: '2019-05-31', date: '2019-05-20', incident: 'inc-1',
    });
    expect(readState(writeState(s), 'en')).toEqual(s);
    expect(incidentQuery(s)).toEqual({
      type: ['Battles', 'Protests'], grade: ['confirmed'], actor: 'hts', admin1: 'Idleb', text: 'قصف', from: '2019-05-01', to: '2019-05-31',
    });
  });

  it('drops malformed dates and unknown tabs, and falls back to the given language', () => {
    const s = readState('?from=May&to=2019-13&tab=nope', 'en');
    expect(s).toMatchObject({ lang: 'en', tab: 'map', from: '', to: '' });
  });

  it('builds API query strings with lists joined and empty values left out', () => {
    expect(queryString({ type: ['Battles', 'Riots'], text: '', actor: undefined, limit: 5, cursor: null })).toBe('?type=Battles%2CRiots&limit=5');
  });
});

describe('normalising API answers', () => {
  it('reads the control routes flat places and the monitor\'s PlaceControl records alike', () => {
    const flat = normaliseControl([{ place_id: 'wof:1', name: 'Kafr Nabudah', lon: 36.5, lat: 35.4, controller: 'syria-opposition', since: null, confidence: 0.8 }]);
    const nested = normaliseControl([{ place: { key: 'wof:1', name: 'Kafr Nabudah', name_ar: 'كفر نبودة', lon: 36.5, lat: 35.4 }, status: 'held', holder: 'syria-opposition', holders: [], since: null, claims: [{ confidence: 0.8 }] }]);
    expect(flat[0]).toMatchObject({ place_id: 'wof:1', controller: 'syria-opposition', confidence: 0.8 });
    expect(nested[0]).toMatchObject({ place_id: 'wof:1', controller: 'syria-opposition', name_ar: 'كفر نبودة', confidence: 0.8 });
    expect(normaliseControl([{ name: 'nowhere' }])).toEqual([]);
  });

  it('flattens escalation series given per unit with points', () => {
    const pts = normaliseEscalation([{ unit: { id: 'zone:a/dmz', name: 'DMZ' }, points: [{ date: '2019-05-01', index: 1.5, score: 2, crossed: false }, { date: '2019-05-02', index: 3.2, score: 4, crossed: true }] }]);
    expect(pts).toEqual([
      { unit: 'zone:a/dmz', unit_name: 'DMZ', day: '2019-05-01', index: 1.5, score: 2, crossed: false },
      { unit: 'zone:a/dmz', unit_name: 'DMZ', day: '2019-05-02', index: 3.2, score: 4, crossed: true },
    ]);
  });
});
