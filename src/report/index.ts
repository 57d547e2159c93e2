export * from './types.js';
export { ReportInputError, ReportRenderError } from './errors.js';
export { buildReportData, ESCALATION_WINDOW_DAYS, type BuildOptions } from './build.js';
export { renderReportHtml } from './html.js';
export { renderPdf, findChromium, CHROMIUM_MISSING, type PdfOptions } from './pdf.js';
export { renderReport, type ReportFormat } from './render.js';
export { storeReportSources, NO_MONITOR, type MonitorReportSources } from './store-sources.js';
