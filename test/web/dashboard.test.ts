import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/store/types.js';
import { announceShared } from '../support/shared.js';
import { createKey, launchBrowser, startDashboardEnv, watchErrors, type DashboardEnv } from './dashboard-env.js';

/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the real
 * API server on a store built by the real commands. Every test fails if the page logs an error.
 */

interface Detail {
  incident: Incident;
  review: { status: string };
  events: { event: { doc_id: string; evidence: { start: number; end: number; text: string }[] } }[];
  violations: { rule_id: string }[];
}

describe.skipIf(!announceShared('dashboard browser tests'))('the dashboard in Chromium', () => {
  let env: DashboardEnv;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let all: Incident[];

  const api = async <T>(path: string, key?: string): Promise<T> => {
    const res = await fetch(env.url + path, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const count = async (): Promise<number> => {
    await page.waitForSelector('[data-testid=incident-count][data-count]:not(:has-text("…"))');
    return Number(await page.getAttribute('[data-testid=incident-count]', 'data-count'));
  };
  /** Waits until the list shows n incidents (the list reloads after a short pause). */
  const expectCount = async (n: number): Promise<void> => {
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector('[data-testid=incident-count]');
        return el?.getAttribute('data-count') === String(want) && !el.textContent?.includes('…');
      },
      n,
      { timeout: 10_000 },
    );
  };
  const mapAttr = (name: string): Promise<string | null> => page.getAttribute('[data-testid=map]', name);
  const open = async (query = 'lang=en'): Promise<void> => {
    await page.goto(`${env.url}/?${query}`);
    await count();
  };

  beforeAll(async () => {
    env = await startDashboardEnv();
    browser = await launchBrowser();
    all = (await api<{ items: Incident[] }>('/api/incidents?limit=1000')).items;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  // A fresh browser context per test (no key or language carried over); each must end without page errors.
  afterEach(async () => {
    const seen = errors;
    await context?.close();
    expect(seen, 'the page logged errors').toEqual([]);
  });

  async function newPage(viewport = { width: 1280, height: 800 }): Promise<void> {
    context = await browser.newContext({ viewport, locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    errors = watchErrors(page);
  }

  it('loads on the demo store: every incident in the list and on the map, with the agreement\'s zones and posts', async () => {
    await newPage();
    expect(all.length).toBeGreaterThanOrEqual(4);
    await open();
    expect(await count()).toBe(all.length);
    await page.waitForFunction(() => document.querySelector('[data-testid=map]')?.getAttribute('data-incidents') !== null);
    expect(Number(await mapAttr('data-incidents'))).toBe(all.filter((i) => i.location).length);
    await page.waitForSelector('path.marsad-zone');
    expect(await page.locator('path.marsad-post').count()).toBeGreaterThan(0);
    // The offline basemap and the imported boundaries are drawn without any tile server.
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(await page.locator('.leaflet-pane path').count()).toBeGreaterThan(50);
  });

  it('switches to Arabic (right to left, Arabic labels, localised dates) and keeps the choice in the URL', async () => {
    await newPage();
    await open();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(page.url()).toContain('lang=ar');
    await expect(page.locator('nav button[data-tab=map]').textContent()).resolves.toBe('الخريطة');
    await expect(page.locator('#incidents-h').textContent()).resolves.toContain('الحوادث');
    // Dates in Arabic month names and digits.
    const when = await page.locator('.incident-row .when').first().textContent();
    expect(when).toMatch(/[\u0660-\u0669]/);
    // A shared link opens in the same language.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await expect(page.locator('nav button[data-tab=map]').textContent()).resolves.toBe('Map');
  });

  it('filters by type and by date: the URL follows, list and map counts change, and the link reproduces the view', async () => {
    await newPage();
    await open();
    const type = 'Explosions/Remote violence';
    const ofType = all.filter((i) => i.event_type === type);
    expect(ofType.length).toBeGreaterThan(0);
    expect(ofType.length).toBeLessThan(all.length);
    await page.check(`input[data-type="${type}"]`);
    await expectCount(ofType.length);
    expect(new URL(page.url()).searchParams.get('type')).toBe(type);
    expect(Number(await mapAttr('data-incidents'))).toBe(ofType.length);
    for (const t of await page.locator('.incident-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))) expect(t).toBe(type);

    // A date range that keeps only the later of them.
    const days = ofType.map((i) => i.date!.start).sort();
    const from = days[days.length - 1]!;
    await page.fill('input[name=from]', from);
    const expected = ofType.filter((i) => i.date!.end >= from).length;
    expect(expected).toBeLessThan(ofType.length);
    await expectCount(expected);
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);

    // The shared link gives the same view.
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await expectCount(expected);
    expect(await page.isChecked(`input[data-type="${type}"]`)).toBe(true);

    // The range slider moves the start of the range too (keyboard on the handle).
    await page.click('button:has-text("Clear filters")');
    await expectCount(all.length);
    await page.focus('[data-testid=range-from]');
    await page.keyboard.press('End');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('from') !== null);
    const sliderFrom = new URL(page.url()).searchParams.get('from')!;
    await expectCount(all.filter((i) => i.date && i.date.end >= sliderFrom).length);
    expect(await count()).toBeLessThan(all.length);
  });

  it('opens an incident and highlights its evidence in the original text, Arabic and English', async () => {
    await newPage();
    await open();
    // An incident reported in both languages (the demo has Arabic reports with English versions).
    const candidates = all.filter((i) => i.members.length > 1 && i.event_type === 'Explosions/Remote violence');
    expect(candidates.length).toBeGreaterThan(0);
    const inc = candidates[0]!;
    const detail = await api<Detail>(`/api/incidents/${inc.id}`);
    await page.click(`.incident-row[data-incident="${inc.id}"]`);
    expect(new URL(page.url()).searchParams.get('incident')).toBe(inc.id);
    const boxes = page.locator('[data-testid=incident-panel] [data-testid=evidence-text]');
    await boxes.first().locator('mark').first().waitFor();
    const docIds = [...new Set(detail.events.map((e) => e.event.doc_id))];
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=evidence-text]').length === n, docIds.length);
    const dirs = new Set<string>();
    for (let i = 0; i < docIds.length; i++) {
      const box = boxes.nth(i);
      const docId = await box.getAttribute('data-doc');
      const spans = detail.events.filter((e) => e.event.doc_id === docId).flatMap((e) => e.event.evidence);
      expect(spans.length, `evidence of ${docId}`).toBeGreaterThan(0);
      const marked = (await box.locator('mark').allTextContents()).join(' ');
      // The marked words are the evidence the extractor gave, cut from the document at its offsets.
      for (const s of spans) expect(marked).toContain(s.text);
      dirs.add((await box.getAttribute('dir')) ?? '');
    }
    // The Arabic report is shown right to left, the English one left to right.
    expect([...dirs].sort()).toEqual(['ltr', 'rtl']);
    expect(await page.locator('[data-testid=evidence-text][dir=rtl] mark').first().textContent()).toMatch(/[\u0621-\u064A]/);
    expect(await page.locator('[data-testid=evidence-text][dir=ltr] mark').first().textContent()).toMatch(/[a-z]/i);
  });

  it('lets an analyst sign in once and confirm an incident; the review is stored', async () => {
    await newPage();
    const key = await createKey(env.storeConfig, 'web-analyst', 'analyst');
    await open();
    const inc = all.find((i) => i.event_type === 'Strategic developments') ?? all[0]!;
    await page.click(`.incident-row[data-incident="${inc.id}"]`);
    await expect(page.locator('[data-testid=incident-panel]').textContent()).resolves.toContain('Sign in with an analyst key');
    await page.fill('input[name=apikey]', key);
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('[data-testid=signed-in]');
    await expect(page.locator('[data-testid=signed-in]').textContent()).resolves.toContain('analyst');
    // The key is kept: a reload stays signed in.
    await page.reload();
    await page.waitForSelector('[data-testid=signed-in]');
    await page.click('[data-testid=incident-panel] button:has-text("Confirm")');
    await page.waitForFunction(() => document.querySelector('[data-testid=review-status]')?.textContent === 'confirmed');
    const detail = await api<Detail>(`/api/incidents/${inc.id}`);
    expect(detail.review.status).toBe('confirmed');
    // The list shows it reviewed too.
    await page.waitForSelector(`.incident-row[data-incident="${inc.id}"] .review.r-confirmed`);
    // Signing out forgets the key.
    await page.click('button:has-text("Sign out")');
    expect(await page.evaluate(() => localStorage.getItem('marsad.apiKey'))).toBeNull();
  });

  it('shows violations on the map and control changing from day to day as places are taken and retaken', async () => {
    await newPage();
    await open();
    const violations = (await api<{ items: { incident_id: string; rule_id: string }[] }>('/api/violations?limit=1000')).items;
    expect(violations.length).toBeGreaterThan(0);
    await page.waitForFunction((n) => document.querySelector('[data-testid=map]')?.getAttribute('data-violations') === String(n), violations.length);
    expect(await page.locator('path.marsad-violation').count()).toBe(violations.length);
    // The incident panel names the rule broken.
    const v = violations[0]!;
    await page.click(`.incident-row[data-incident="${v.incident_id}"]`);
    await expect(page.locator('[data-testid=panel-violations]').textContent()).resolves.toContain(v.rule_id);

    // Control as the API gives it on several days of the offensive; the map follows the chosen day.
    const sig = (places: { name: string; controller: string | null }[]): string =>
      places.map((p) => `${p.name}=${p.controller ?? ''}`).sort().join(';');
    const seen = new Set<string>();
    for (const day of ['2019-04-01', '2019-05-20', '2019-05-30', '2019-06-30']) {
      const want = sig((await api<{ places: { name: string; controller: string | null }[] }>(`/api/control?date=${day}`)).places);
      seen.add(want);
      await page.fill('input[name=date]', day);
      await page.waitForFunction((w) => document.querySelector('[data-testid=map]')?.getAttribute('data-control') === w, want);
      expect(await page.locator('path.marsad-control').count()).toBe(want ? want.split(';').length : 0);
      expect(new URL(page.url()).searchParams.get('date')).toBe(day);
    }
    // Control changed over those days (places taken, lost and retaken).
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('lists the alerts and downloads the daily report for the data\'s last day', async () => {
    await newPage();
    const alerts = (await api<{ items: unknown[] }>('/api/alerts?limit=500')).items;
    await page.goto(`${env.url}/?lang=en&tab=alerts`);
    await page.waitForSelector('h2#alerts-h');
    await page.waitForFunction((n) => document.querySelectorAll('li.alert').length === n, alerts.length);
    await page.click('nav button[data-tab=coordination]');
    const last = all.reduce((d, i) => (i.date && i.date.end > d ? i.date.end : d), '');
    await page.waitForFunction((d) => (document.querySelector('input[name=report-date]') as HTMLInputElement | null)?.value === d, last);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=daily-report]')]);
    expect(download.suggestedFilename()).toBe(`marsad-daily-${last}-en.html`);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).toMatch(/<html/i);
  });

  it('works at phone width and from the keyboard', async () => {
    await newPage({ width: 375, height: 740 });
    await open();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const box = await page.locator('[data-testid=map]').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
    // Tab order starts at the skip link, then the navigation buttons; Enter opens a tab.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-tab'))).toBe('map');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.agreement h2');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('agreement');
    // The agreement view: zones, posts, violations by party and rule, the escalation chart.
    expect(await page.locator('.agreement li').count()).toBeGreaterThan(3);
    await page.waitForSelector('table.bars tr');
    await page.waitForSelector('.chart svg path');
  });
});
