import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/build.js';
import { ReportInputError } from '../../src/report/errors.js';
import { renderReportHtml } from '../../src/report/html.js';
import { storeReportSources } from '../../src/report/store-sources.js';
import type { ReportData, ReportSources } from '../../src/report/types.js';
import { openStore } from '../../src/store/open-store.js';
import type { EventStore } from '../../src/store/store.js';
import { AGREEMENT, DAY, fakeMonitor, fillStore, type FakeMonitorLog } from './fixture-day.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-report-test-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function filledStore(evidenceOverride?: { eventId: string; text: string }): Promise<EventStore> {
  const store = await openStore({ kind: 'sqlite', path: join(dir, `r${++n}.db`) });
  await fillStore(store, evidenceOverride);
  return store;
}

const fixedNow = { now: () => new Date('2019-05-10T06:00:00Z') };

/** The HTML of one <section id=…>. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('daily report data', () => {
  let store: EventStore;
  let data: ReportData;
  const calls: FakeMonitorLog = { calls: [] };
  beforeAll(async () => {
    store = await filledStore();
    data = await buildReportData(storeReportSources(store, fakeMonitor(calls)), DAY, AGREEMENT.id, fixedNow);
  });
  afterAll(async () => store.close());

  it("groups the day's stored incidents by the agreement's zones and leaves discounted ones out", () => {
    expect(data.totals).toEqual({
      incidents: 6, fatalities: 15, violations: 6, control_changes: 2, posts_attacked: 1, escalation_crossings: 1, discounted: 1,
    });
    expect(data.grouping).toBe('zone');
    expect(data.zones.map((z) => [z.kind, z.area.id, z.incidents.map((i) => i.id).sort()])).toEqual([
      ['zone', 'dmz', ['inc-kn-clash', 'inc-kn-strike', 'inc-ks-shelling', 'inc-qm-capture', 'inc-sm-post']],
      ['outside', null, ['inc-idlib-strike']],
    ]);
    const strike = data.zones[0]!.incidents.find((i) => i.id === 'inc-kn-strike')!;
    expect(strike.sources).toEqual(['عنب بلدي', 'المرصد السوري لحقوق الإنسان']);
    expect(strike.evidence).toMatch(/^شنّ الطيران الحربي الروسي/);
    expect(strike.actors.map((a) => a.ar)).toEqual(['القوات الروسية', 'مدنيون']);
  });

  it('counts violations by party and rule', () => {
    const gov = data.violations.by_party.find((p) => p.party.id === 'syria-government-forces')!;
    expect(gov.total).toBe(5);
    expect(gov.rules.map((r) => [r.rule_id, r.count])).toEqual([['no-ground-offensive', 2], ['no-shelling', 2], ['posts-inviolable', 1]]);
    expect(data.violations.by_party[0]!.party.id).toBe('syria-government-forces');
    const postViolation = data.violations.items.find((v) => v.rule_id === 'posts-inviolable')!;
    expect(postViolation.where?.ar).toBe('نقطة المراقبة العاشرة (شير مغار)');
  });

  it('asks for 30 days of escalation history before the day, and fills it to 31 points', () => {
    expect(calls.calls).toContain('escalation:dmz:2019-04-09:2019-05-09');
    const e = data.escalation[0]!;
    expect(e.points).toHaveLength(31);
    expect(e.points[0]!.date).toBe('2019-04-09');
    expect(e.points[30]!.date).toBe(DAY);
    expect(e.today).toBe(27.5);
    expect(e.crossed).toBe(true);
  });

  it('lists the sources behind the kept incidents, not behind discounted ones', () => {
    expect(data.sources.map((s) => [s.name, s.incidents, s.documents.length])).toEqual([
      ['المرصد السوري لحقوق الإنسان', 3, 1], ['Example Wire', 2, 1], ['عنب بلدي', 2, 1],
    ]);
  });

  it('groups by governorate and asks per-area series without an agreement', async () => {
    const log: FakeMonitorLog = { calls: [] };
    const d = await buildReportData(storeReportSources(store, fakeMonitor(log)), DAY, null, fixedNow);
    expect(d.grouping).toBe('admin1');
    expect(d.agreement).toBeNull();
    expect(d.zones.map((z) => [z.area.en, z.incidents.length])).toEqual([['Hama', 4], ['Idlib', 2]]);
    expect(log.calls.filter((c) => c.startsWith('escalation:')).sort()).toEqual([
      'escalation:Hama:2019-04-09:2019-05-09', 'escalation:Idlib:2019-04-09:2019-05-09',
    ]);
    expect(log.calls).toContain(`violations:${DAY}:null`);
  });

  it('refuses an unknown agreement and a bad date', async () => {
    const sources = storeReportSources(store, fakeMonitor());
    await expect(buildReportData(sources, DAY, 'no-such-agreement')).rejects.toThrow(ReportInputError);
    await expect(buildReportData(sources, DAY, 'no-such-agreement')).rejects.toThrow(/no agreement "no-such-agreement"/);
    await expect(buildReportData(sources, '2019-02-31')).rejects.toThrow(/"2019-02-31" is not a calendar date/);
  });

  it('renders an empty day with the empty-section notes and a flat chart', async () => {
    const d = await buildReportData(storeReportSources(store, {
      ...fakeMonitor(), escalationSeries: async () => ({ threshold: 12, points: [] }),
    }), '2019-07-01', AGREEMENT.id, fixedNow);
    expect(d.totals.incidents).toBe(0);
    const html = renderReportHtml(d, 'en');
    expect(html).toContain('No violations recorded for this day.');
    expect(html).toContain('No observation posts attacked on this day.');
    expect(html).toContain('data-points="31"');
    expect(html.match(/<rect class="bar"[^>]*data-index="0"/g)).toHaveLength(31);
  });
});

describe('daily report HTML', () => {
  let store: EventStore;
  let data: ReportData;
  beforeAll(async () => {
    store = await filledStore();
    data = await buildReportData(storeReportSources(store, fakeMonitor()), DAY, AGREEMENT.id, fixedNow);
  });
  afterAll(async () => store.close());

  const SECTIONS = ['summary', 'escalation', 'incidents', 'violations', 'control', 'posts', 'sources'];

  it('Arabic: right to left, Arabic labels, Arabic-Indic digits, localised dates, every section', () => {
    const html = renderReportHtml(data, 'ar');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    for (const id of SECTIONS) section(html, id);
    expect(html).toContain('تقرير الوضع اليومي');
    expect(html).toContain('الخميس، ٩ أيار ٢٠١٩');
    expect(section(html, 'incidents')).toContain('الحوادث حسب المنطقة');
    expect(section(html, 'incidents')).toContain('كفر نبودة');
    expect(section(html, 'incidents')).toContain('غارة جوية أو بطائرة مسيّرة');
    expect(section(html, 'violations')).toContain('قوات الحكومة السورية');
    expect(section(html, 'control')).toContain('قلعة المضيق');
    expect(section(html, 'posts')).toContain('نقطة المراقبة العاشرة (شير مغار)');
    // Figures and chart labels in Arabic-Indic digits only.
    const figures = [...section(html, 'summary').matchAll(/<span class="n">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(figures).toEqual(['٦', '١٥', '٦', '٢', '١', '١']);
    const chartText = [...section(html, 'escalation').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).join(' ');
    expect(chartText).toMatch(/[٠-٩]/);
    expect(chartText).not.toMatch(/[0-9]/);
    expect(section(html, 'escalation')).toContain('٢٧٫٥');
  });

  it('English: left to right, English labels and dates, every section', () => {
    const html = renderReportHtml(data, 'en');
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    for (const id of SECTIONS) section(html, id);
    expect(html).toContain('Daily situation report');
    expect(html).toContain('Thursday, 9 May 2019');
    expect(section(html, 'incidents')).toContain('Kafr Nabudah');
    expect(section(html, 'violations')).toContain('Military Forces of Syria');
    expect(section(html, 'control')).toContain('contested');
    expect(section(html, 'escalation')).toContain('Threshold crossed');
  });

  it('draws the escalation chart as inline SVG: one bar a day, the baseline and the threshold line', () => {
    for (const lang of ['ar', 'en'] as const) {
      const svg = /<svg class="chart"[\s\S]*?<\/svg>/.exec(renderReportHtml(data, lang))![0];
      expect(svg).toContain('data-points="31"');
      const bars = [...svg.matchAll(/<rect class="bar" data-date="([^"]+)" data-index="([^"]+)"/g)];
      expect(bars).toHaveLength(31);
      expect(bars[0]![1]).toBe('2019-04-09');
      expect(bars[30]![1]).toBe(DAY);
      expect(Number(bars[30]![2])).toBe(27.5);
      expect(svg.match(/<line class="threshold"/g)).toHaveLength(1);
      const baseline = /<polyline class="baseline" points="([^"]+)"/.exec(svg)![1]!.split(' ');
      expect(baseline.length).toBe(28); // the fixture's baseline starts on the fourth day
      // Days at or over the threshold are drawn red, the rest blue-grey.
      const red = [...svg.matchAll(/<rect class="bar"[^>]*fill="(#d98880|#a93226)"/g)];
      expect(red).toHaveLength(3);
    }
  });

  it('is self-contained: inline CSS, no scripts, no external resources', () => {
    const html = renderReportHtml(data, 'ar');
    expect(html).toContain('<style>');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|@import|url\(/i);
    expect(html).toMatch(/font-family: "Noto Sans Arabic"/);
  });
});

describe('escaping untrusted text', () => {
  const evil = '<script>alert(1)</script><img src=x onerror="alert(2)"> & \'quoted\'';
  let store: EventStore;
  afterAll(async () => store.close());

  it('escapes evidence, titles, names and refuses non-http links', async () => {
    store = await filledStore({ eventId: 'doc-enab-1#1', text: `شنّ ${evil}` });
    const base = storeReportSources(store, fakeMonitor());
    const sources: ReportSources = {
      ...base,
      async sources(date, ids) {
        const docs = await base.sources(date, ids);
        return docs.map((d, k) => (k === 0 ? { ...d, title: evil, url: 'javascript:alert(3)' } : k === 1 ? { ...d, source: evil } : d));
      },
      async controlChanges() {
        return [{
          place: { name: evil, name_ar: evil }, holder: 'syria-government-forces', from: null, since: { start: DAY, end: DAY },
          sub_event_type: 'Government regains territory', grade: null, incident_id: null, sources: [evil], evidence: evil, contested: false,
        }];
      },
    };
    const data = await buildReportData(sources, DAY, AGREEMENT.id, fixedNow);
    for (const lang of ['ar', 'en'] as const) {
      const html = renderReportHtml(data, lang);
      expect(html).not.toMatch(/<script|<img|onerror="|javascript:/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &#39;quoted&#39;');
      // Every place the text shows up was escaped: the evidence, the control change (name, evidence, source) and the sources list.
      expect(html.split('&lt;script&gt;').length - 1).toBeGreaterThanOrEqual(6);
    }
  });
});
