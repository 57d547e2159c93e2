/**
 * Render the fixture day's report in both languages, HTML and PDF, and save page 1 of each PDF
 * as docs/report/report-<lang>.png (what the closing note shows).
 *
 *   npx tsx test/report/make-screenshots.ts [outDir]
 *
 * Needs Debian's chromium, fonts-noto-core and poppler-utils (pdftoppm). The HTML and PDF files
 * are written to outDir (default: a temp folder) for a closer look.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildReportData } from '../../src/report/build.js';
import { renderReportHtml } from '../../src/report/html.js';
import { renderPdf } from '../../src/report/pdf.js';
import { storeReportSources } from '../../src/report/store-sources.js';
import { openStore } from '../../src/store/open-store.js';
import { DAY, AGREEMENT, fakeMonitor, fillStore } from './fixture-day.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const outDir = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'marsad-report-'));
const docsDir = join(repoRoot, 'docs/report');
mkdirSync(outDir, { recursive: true });
mkdirSync(docsDir, { recursive: true });

const work = mkdtempSync(join(tmpdir(), 'marsad-report-store-'));
const store = await openStore({ kind: 'sqlite', path: join(work, 'marsad.db') });
try {
  await fillStore(store);
  const data = await buildReportData(storeReportSources(store, fakeMonitor()), DAY, AGREEMENT.id, { now: () => new Date('2019-05-10T06:00:00Z') });
  for (const lang of ['ar', 'en'] as const) {
    const html = renderReportHtml(data, lang);
    writeFileSync(join(outDir, `report-${lang}.html`), html);
    const pdf = await renderPdf(html);
    const pdfPath = join(outDir, `report-${lang}.pdf`);
    writeFileSync(pdfPath, pdf);
    const prefix = join(outDir, `page-${lang}`);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
    const png = join(docsDir, `report-${lang}.png`);
    renameSync(`${prefix}.png`, png);
    const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1];
    console.log(`${lang}: ${pdfPath} (${pdf.length} bytes, ${pages} pages) → ${png} (${statSync(png).size} bytes)`);
  }
} finally {
  await store.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`HTML and PDF in ${outDir}`);
