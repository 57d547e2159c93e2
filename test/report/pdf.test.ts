import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/report/build.js';
import { ReportRenderError } from '../../src/report/errors.js';
import { renderReportHtml } from '../../src/report/html.js';
import { findChromium, renderPdf } from '../../src/report/pdf.js';
import { storeReportSources } from '../../src/report/store-sources.js';
import type { ReportData } from '../../src/report/types.js';
import { openStore } from '../../src/store/open-store.js';
import type { EventStore } from '../../src/store/store.js';
import { AGREEMENT, DAY, fakeMonitor, fillStore } from './fixture-day.js';

/**
 * The PDF path with the system's Chromium (Debian package chromium). Without it the rendering
 * tests are skipped loudly; in CI (CI=true) a missing Chromium is a failure.
 */
const chromium = findChromium();
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'marsad-pdf-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('PDF errors', () => {
  it('says clearly when the configured Chromium is missing or produces nothing', async () => {
    expect(() => findChromium({ MARSAD_CHROMIUM: join(dir, 'no-chromium') })).toThrow(/MARSAD_CHROMIUM=.*is not an executable file/);
    await expect(renderPdf('<p>x</p>', { chromium: '/bin/false' })).rejects.toThrow(ReportRenderError);
    await expect(renderPdf('<p>x</p>', { chromium: '/bin/false' })).rejects.toThrow(/wrote no PDF/);
    await expect(renderPdf('<p>x</p>', { chromium: join(dir, 'nothing-here') })).rejects.toThrow(/cannot run/);
  });
});

if (chromium === null) {
  const reason = 'no Chromium for the PDF tests: apt-get install chromium fonts-noto-core (or set MARSAD_CHROMIUM)';
  if (process.env['CI'] === 'true') {
    describe('daily report PDF', () => {
      it('has Chromium to render with (required in CI)', () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`SKIPPING daily report PDF tests: ${reason}`);
    describe.skip('daily report PDF', () => undefined);
  }
} else {
  describe('daily report PDF', () => {
    let store: EventStore;
    let data: ReportData;
    beforeAll(async () => {
      store = await openStore({ kind: 'sqlite', path: join(dir, 'pdf.db') });
      await fillStore(store);
      data = await buildReportData(storeReportSources(store, fakeMonitor()), DAY, AGREEMENT.id);
    });
    afterAll(async () => store.close());

    for (const lang of ['ar', 'en'] as const) {
      it(`renders the ${lang} report to a multi-page PDF`, async () => {
        const pdf = await renderPdf(renderReportHtml(data, lang));
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(30_000);
        expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
        if (has('pdftotext')) {
          const file = join(dir, `r-${lang}.pdf`);
          writeFileSync(file, pdf);
          const text = spawnSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).stdout;
          expect(text).toContain(lang === 'ar' ? 'تقرير الوضع اليومي' : 'Daily situation report');
        }
        // With Noto installed, Arabic is set in an Arabic font (shaped), not in a fallback.
        const arabicFonts = spawnSync('fc-list', [':lang=ar', 'family'], { encoding: 'utf8' }).stdout ?? '';
        if (lang === 'ar' && arabicFonts.includes('Noto Sans Arabic')) expect(pdf.toString('latin1')).toMatch(/\+NotoSansArabic/);
      });
    }
  });
}
