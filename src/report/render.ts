import { renderReportHtml } from './html.js';
import { renderPdf, type PdfOptions } from './pdf.js';
import type { ReportData, ReportLang } from './types.js';

export type ReportFormat = 'html' | 'pdf';

/** The report in the asked format: HTML text as UTF-8 bytes, or PDF bytes. */
export async function renderReport(data: ReportData, format: ReportFormat, lang: ReportLang, pdf: PdfOptions = {}): Promise<Buffer> {
  const html = renderReportHtml(data, lang);
  return format === 'html' ? Buffer.from(html, 'utf8') : renderPdf(html, pdf);
}
